#include "kiosk/content/ContentChoice.h"

#include "core/base/Log.h"

namespace kiosk::content {

Result<ContentPaths> factory_paths(const KioskOptions& local) {
    if (!local.paths.content.empty())
        return read_content_index(local.paths.content);
    return ContentPaths{local.paths.catalog, local.paths.strings, local.paths.templates, ""};
}

Result<Choice> choose_content(const KioskOptions& local, slots::ConfigSlots* slots) {
    std::vector<std::string> passed_over;
    auto factory = factory_paths(local);
    auto load_factory = [&]() -> Result<Choice> {
        if (!factory.ok()) {
            passed_over.push_back("factory: " + factory.error().message);
        } else if (auto loaded = load_content(local, factory.value(), Checks{}); loaded.ok()) {
            return Choice{loaded.release_value(), slots::ActiveSlot::Factory, false, std::move(passed_over)};
        } else {
            passed_over.push_back("factory: " + loaded.error().message);
        }
        std::string why = "no content loads:";
        for (const auto& each : passed_over)
            why += " [" + each + "]";
        return make_error(ErrorCode::InvalidData, why);
    };
    if (!slots)
        return load_factory();

    if (auto started = slots->begin_start(); !started.ok())
        log::error("config slots: {}", started.error().describe());
    // Each pass either loads the current slot or marks it failed, which switches away from it: at
    // most the two slots, then the factory.
    for (int pass = 0; pass < 3; ++pass) {
        slots::ActiveSlot current = slots->state().current;
        if (current == slots::ActiveSlot::Factory)
            break;
        const auto& record = slots->state().record(current);
        if (record.status == slots::SlotStatus::Failed || record.status == slots::SlotStatus::Empty)
            break;
        auto folder = slots->folder(current);
        auto paths = read_content_index(folder);
        auto loaded =
            paths.ok() ? load_content(local, paths.value(), Checks{}) : Result<Content>(paths.error());
        if (loaded.ok())
            return Choice{loaded.release_value(), current, record.status == slots::SlotStatus::Trial,
                          std::move(passed_over)};
        std::string reason = loaded.error().message;
        passed_over.push_back(std::string(slots::to_string(current)) + ": " + reason);
        log::error("config slot {} does not load: {}", slots::to_string(current), reason);
        if (auto failed = slots->mark_failed(reason); !failed.ok()) {
            log::error("config slots: {}", failed.error().describe());
            break;
        }
    }
    return load_factory();
}

} // namespace kiosk::content
