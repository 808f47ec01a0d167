#include "FakeSamDevice.h"

#include "drivers/idcard/SimIdCardReader.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace kiosk::drivers::testing {
namespace {

using sam::Command;
using sam::Response;

class FakeSamLink final : public sam::SamLink {
public:
    FakeSamLink(std::shared_ptr<FakeSamDevice::Shared> shared, int generation)
        : m_shared(std::move(shared)), m_generation(generation) {}

    void discard_input() override {
        std::lock_guard lock(m_shared->mutex);
        m_pending.reset();
    }

    Result<void> send(std::span<const uint8_t> frame) override {
        std::lock_guard lock(m_shared->mutex);
        if (dead())
            return make_error(ErrorCode::NotFound, "device gone (fake)");
        auto command = static_cast<Command>(frame[7] << 8 | frame[8]);
        m_shared->state.commands.push_back(command);
        m_pending = answer(command);
        m_shared->changed.notify_all();
        return {};
    }

    Result<Response> receive(sam::Deadline deadline) override {
        std::unique_lock lock(m_shared->mutex);
        m_shared->changed.wait_until(lock, deadline, [this] { return m_pending || m_interrupted || dead(); });
        if (dead())
            return make_error(ErrorCode::NotFound, "device gone (fake)");
        if (m_pending) {
            auto answer = std::move(*m_pending);
            m_pending.reset();
            return answer;
        }
        return make_error(ErrorCode::Timeout, m_interrupted ? "interrupted (fake)" : "no answer (fake)");
    }

    std::string describe() const override { return "fake link"; }

    void interrupt() override {
        std::lock_guard lock(m_shared->mutex);
        m_interrupted = true;
        ++m_shared->state.interrupts;
        m_shared->changed.notify_all();
    }

private:
    bool dead() const { return !m_shared->state.plugged || m_shared->state.generation != m_generation; }

    static Response status(uint8_t sw3, size_t data_bytes = 0) {
        return Response{0, 0, sw3, std::vector<uint8_t>(data_bytes)};
    }

    // A small model of a reader (§1.2, §1.3); nullopt = no answer.
    std::optional<Result<Response>> answer(Command command) {
        FakeSamState& s = m_shared->state;
        bool card_ready = s.card_present && !s.card_read;
        switch (command) {
        case Command::SamStatus:
            if (s.sam_not_ready > 0) {
                --s.sam_not_ready;
                return status(0x60);
            }
            return status(s.sam_answer);
        case Command::FindCard:
            if (s.silent_finds > 0) {
                --s.silent_finds;
                return std::nullopt;
            }
            return card_ready ? status(0x9F, 4) : status(0x80);
        case Command::SelectCard:
            return card_ready ? status(0x90, 8) : status(0x81);
        case Command::ReadBase:
            return read_base(s, card_ready);
        case Command::ReadAppendedAddress:
            return s.card_present ? status(0x91) : status(0x80);
        default:
            return status(0x21);
        }
    }

    static std::optional<Result<Response>> read_base(FakeSamState& s, bool card_ready) {
        if (s.hold_reads)
            return std::nullopt;
        if (s.silent_reads > 0) {
            --s.silent_reads;
            return std::nullopt;
        }
        if (s.bad_frame_reads > 0) {
            --s.bad_frame_reads;
            return Result<Response>(make_error(ErrorCode::InvalidData, "checksum error (fake)"));
        }
        if (!card_ready || s.failing_reads > 0) {
            s.failing_reads = std::max(0, s.failing_reads - 1);
            return status(0x41);
        }
        s.card_read = true;
        Response response = status(0x90);
        response.data = {0x01, 0x00, 0x04, 0x00}; // text 256, photo 1024 (§2.1)
        response.data.insert(response.data.end(), s.text.begin(), s.text.end());
        response.data.resize(response.data.size() + sam::kPhotoSize, 0x5A);
        return Result<Response>(std::move(response));
    }

    std::shared_ptr<FakeSamDevice::Shared> m_shared;
    int m_generation = 0;
    bool m_interrupted = false;
    std::optional<Result<Response>> m_pending;
};

} // namespace

int FakeSamState::count(sam::Command command) const {
    return static_cast<int>(std::count(commands.begin(), commands.end(), command));
}

std::vector<sam::Command> FakeSamState::after_last(sam::Command command) const {
    auto last = std::find(commands.rbegin(), commands.rend(), command);
    return std::vector<sam::Command>(last.base(), commands.end());
}

FakeSamDevice::FakeSamDevice() : m_shared(std::make_shared<Shared>()) {}

sam::SamLinkOpener FakeSamDevice::opener() {
    return [shared = m_shared]() -> Result<std::unique_ptr<sam::SamLink>> {
        std::lock_guard lock(shared->mutex);
        ++shared->state.opens;
        shared->changed.notify_all();
        if (!shared->state.plugged)
            return make_error(ErrorCode::NotFound, "no reader (fake)");
        if (shared->state.refused_opens > 0) {
            --shared->state.refused_opens;
            return make_error(ErrorCode::NotFound, "no reader yet (fake)");
        }
        return std::unique_ptr<sam::SamLink>(new FakeSamLink(shared, shared->state.generation));
    };
}

void FakeSamDevice::update(const std::function<void(FakeSamState&)>& change) {
    std::lock_guard lock(m_shared->mutex);
    change(m_shared->state);
    m_shared->changed.notify_all();
}

FakeSamState FakeSamDevice::snapshot() const {
    std::lock_guard lock(m_shared->mutex);
    return m_shared->state;
}

bool FakeSamDevice::wait_until(const std::function<bool(const FakeSamState&)>& predicate,
                               std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_shared->mutex);
    return m_shared->changed.wait_for(lock, timeout, [&] { return predicate(m_shared->state); });
}

void FakeSamDevice::place(const std::array<uint8_t, sam::kTextSize>& text) {
    update([&](FakeSamState& s) {
        s.text = text;
        s.card_present = true;
        s.card_read = false;
    });
}

void FakeSamDevice::remove() {
    update([](FakeSamState& s) { s.card_present = false; });
}

void FakeSamDevice::unplug() {
    update([](FakeSamState& s) {
        s.plugged = false;
        ++s.generation;
    });
}

void FakeSamDevice::replug() {
    update([](FakeSamState& s) {
        s.plugged = true;
        s.card_read = false; // a reader that lost power forgot it read this card
    });
}

SamReaderOptions fast_reader_options() {
    using std::chrono::milliseconds;
    SamReaderOptions options;
    options.poll_interval = milliseconds(5);
    options.presence_poll_interval = milliseconds(5);
    options.find_timeout = milliseconds(300);
    options.select_timeout = std::chrono::seconds(10);
    options.read_timeout = milliseconds(300);
    options.presence_timeout = std::chrono::seconds(10);
    options.sam_status_timeout = std::chrono::seconds(10);
    options.sam_backoff = milliseconds(5);
    options.sam_backoff_max = milliseconds(20);
    options.reopen_backoff = milliseconds(20);
    options.today = [] { return domain::CivilDate{2025, 1, 1}; };
    return options;
}

domain::Identity test_identity() {
    return SimIdCardReader::sample_identity(0);
}

std::array<uint8_t, sam::kTextSize> card_text(const domain::Identity& identity) {
    auto text = sam::encode_card_text(identity);
    EXPECT_TRUE(text.ok()) << text.error().describe();
    return text.ok() ? text.value() : std::array<uint8_t, sam::kTextSize>{};
}

} // namespace kiosk::drivers::testing
