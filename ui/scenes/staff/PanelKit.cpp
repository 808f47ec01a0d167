#include "ui/scenes/staff/PanelKit.h"

#include "ui/scenes/Format.h"
#include "ui/scenes/staff/StaffWords.h"
#include "ui/toolkit/Dialog.h"

#include <algorithm>
#include <fmt/format.h>
#include <utility>

namespace kiosk::ui {

int staff_button_height(const Theme& theme) {
    return std::max(64, theme.px(80));
}

void gate_button(Button& button, Label& hint, const StaffDesk& desk, const Translator& tr,
                 domain::StaffAction action) {
    bool allowed = desk.may(action);
    button.set_enabled(allowed);
    hint.set_text(
        allowed ? std::string()
                : tr.format("staff.needs_role", {{"role", tr.tr(role_key(domain::minimum_role(action)))}}));
}

void show_answer(Label& line, const std::optional<Result<void>>& answer, const Translator& tr,
                 const Theme& theme) {
    if (!answer) {
        line.set_text({});
    } else if (answer->ok()) {
        line.set_text("✓ " + tr.tr("staff.panel.done"));
        line.set_style({theme.font_body, true, theme.success});
    } else if (answer->error().code == ErrorCode::Denied) {
        line.set_text("× " + tr.tr("staff.panel.denied"));
        line.set_style({theme.font_body, true, theme.danger});
    } else {
        line.set_text("× " + tr.format("staff.panel.failed", {{"detail", answer->error().message}}));
        line.set_style({theme.font_body, true, theme.danger});
    }
}

std::string format_staff_time(WallTime at, WallTime now, const Translator& tr) {
    CivilTime when = to_local_civil(at);
    CivilTime today = to_local_civil(now);
    if (when.year == today.year && when.month == today.month && when.day == today.day)
        return format_time(when);
    return tr.format("staff.panel.date_time", {{"month", std::to_string(when.month)},
                                               {"day", std::to_string(when.day)},
                                               {"time", format_time(when)}});
}

std::string format_age(std::chrono::seconds age, const Translator& tr) {
    constexpr std::int64_t kMinutesPerHour = 60;
    constexpr std::int64_t kMinutesPerDay = 24 * kMinutesPerHour;
    std::int64_t minutes = std::max<std::int64_t>(0, age.count()) / 60;
    if (minutes < 1)
        return tr.tr("staff.panel.age_under_minute");
    if (minutes < kMinutesPerHour)
        return tr.format("staff.panel.age_minutes", {{"m", std::to_string(minutes)}});
    if (minutes < 2 * kMinutesPerDay)
        return tr.format("staff.panel.age_hours", {{"h", std::to_string(minutes / kMinutesPerHour)},
                                                   {"m", std::to_string(minutes % kMinutesPerHour)}});
    return tr.format("staff.panel.age_days",
                     {{"d", std::to_string(minutes / kMinutesPerDay)},
                      {"h", std::to_string(minutes % kMinutesPerDay / kMinutesPerHour)}});
}

std::string format_bytes(std::int64_t bytes) {
    static constexpr const char* kUnits[] = {"B", "KB", "MB", "GB", "TB"};
    double value = static_cast<double>(std::max<std::int64_t>(0, bytes));
    size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(kUnits)) {
        value /= 1024;
        ++unit;
    }
    if (unit == 0 || value >= 100)
        return fmt::format("{:.0f} {}", value, kUnits[unit]);
    return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::string printer_reason_text(std::string_view keyword, const Translator& tr) {
    // The keywords drivers/printer/PrinterReasons.h maps CUPS onto, and the IPP ones a report may carry.
    static constexpr std::pair<std::string_view, const char*> kReasons[] = {
        {"media-low", "staff.consumables.reason.media_low"},
        {"media-empty", "staff.consumables.reason.media_empty"},
        {"media-needed", "staff.consumables.reason.media_empty"},
        {"media-jam", "staff.consumables.reason.media_jam"},
        {"cover-open", "staff.consumables.reason.cover_open"},
        {"door-open", "staff.consumables.reason.cover_open"},
        {"toner-low", "staff.consumables.reason.toner_low"},
        {"marker-supply-low", "staff.consumables.reason.toner_low"},
        {"toner-empty", "staff.consumables.reason.toner_empty"},
        {"marker-supply-empty", "staff.consumables.reason.toner_empty"},
        {"tray-missing", "staff.consumables.reason.tray_missing"},
        {"printer-unreachable", "staff.consumables.reason.printer_unreachable"},
    };
    std::string_view bare = keyword;
    for (std::string_view suffix : {"-error", "-warning", "-report"}) {
        if (bare.ends_with(suffix)) {
            bare.remove_suffix(suffix.size());
            break;
        }
    }
    for (const auto& [word, key] : kReasons) {
        if (word == bare)
            return tr.tr(key);
    }
    return std::string(keyword);
}

std::vector<std::string> staff_panel_texts(const Container& root) {
    std::vector<std::string> texts;
    for (const Widget* child : root.children()) {
        if (!child->visible())
            continue;
        if (const auto* label = dynamic_cast<const Label*>(child); label && !label->text().empty())
            texts.push_back(label->text());
        if (const auto* button = dynamic_cast<const Button*>(child))
            texts.push_back(button->text());
        if (const auto* dialog = dynamic_cast<const Dialog*>(child)) {
            for (const std::string* text : {&dialog->title(), &dialog->message()})
                texts.push_back(*text);
            for (const Button* button : {&dialog->secondary(), &dialog->primary()}) {
                if (!button->text().empty())
                    texts.push_back(button->text());
            }
        }
    }
    return texts;
}

LocalizedText both_languages(Translator& tr, std::string_view key) {
    Language shown = tr.language();
    LocalizedText text;
    tr.set_language(Language::ZhCN);
    text.zh = tr.tr(key);
    tr.set_language(Language::En);
    text.en = tr.tr(key);
    tr.set_language(shown);
    return text;
}

} // namespace kiosk::ui
