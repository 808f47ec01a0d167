#include "drivers/idcard/SamReader.h"

#include <fmt/format.h>

namespace kiosk::drivers {

Result<domain::Identity> read_one_card(sam::SamLinkOpener opener, SamReaderOptions options,
                                       std::chrono::milliseconds timeout) {
    std::mutex mutex;
    std::condition_variable settled;
    std::optional<Result<domain::Identity>> outcome;
    auto settle = [&](Result<domain::Identity> result) {
        std::lock_guard lock(mutex);
        if (!outcome)
            outcome.emplace(std::move(result));
        settled.notify_all();
    };

    SamReader reader(std::move(opener), std::move(options));
    TRY(reader.start([&](IdCardEvent event) {
        if (auto* placed = std::get_if<CardPlaced>(&event)) {
            settle(std::move(placed->identity));
        } else if (auto* failed = std::get_if<CardReadFailed>(&event)) {
            settle(std::move(failed->error));
        } else if (auto* status = std::get_if<domain::DeviceStatus>(&event)) {
            // A reader that is absent or needs someone fails at once; one warming up is waited for.
            bool hopeless =
                status->state == domain::DeviceState::Absent ||
                (status->state == domain::DeviceState::Fault && status->fixed_by != domain::FixedBy::Auto);
            if (hopeless)
                settle(reader.last_problem().value_or(make_error(ErrorCode::Device, status->reason)));
        }
    }));

    std::unique_lock lock(mutex);
    bool done = settled.wait_for(lock, timeout, [&] { return outcome.has_value(); });
    lock.unlock(); // the sink takes it: stop() waits for a sink call in progress
    reader.stop();
    if (done)
        return std::move(*outcome);
    auto status = reader.status();
    std::string message = fmt::format("no card was read within {} ms", timeout.count());
    if (!status.usable()) {
        auto problem = reader.last_problem();
        message += fmt::format(" (reader {} {}{}{})", domain::to_string(status.state), status.reason,
                               problem ? ": " : "", problem ? problem->message : "");
    }
    return make_error(ErrorCode::Timeout, message);
}

} // namespace kiosk::drivers
