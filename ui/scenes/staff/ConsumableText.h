#pragma once
// The translation keys (data/i18n/strings.json) of the consumables screen: each consumable's name,
// its level, and the forecast's sentence. The ids are the store's ("receipt-paper"); keys are
// lower_case ("consumable.receipt_paper"), so the mapping is spelt out here, each key whole.

#include <string_view>

namespace kiosk::ui {

// "consumable.receipt_paper", "consumable.a4_paper", "consumable.toner"; nullptr for an unknown id.
inline const char* consumable_name_key(std::string_view id) {
    if (id == "receipt-paper")
        return "consumable.receipt_paper";
    if (id == "a4-paper")
        return "consumable.a4_paper";
    if (id == "toner")
        return "consumable.toner";
    return nullptr;
}

// For ConsumableView::Level (StaffDesk.h) or services::ConsumableLevel: both have Ok, Low, Out, Unknown.
template <typename Level>
const char* consumable_level_key(Level level) {
    if (level == Level::Ok)
        return "consumable.level.ok";
    if (level == Level::Low)
        return "consumable.level.low";
    if (level == Level::Out)
        return "consumable.level.out";
    return "consumable.level.unknown";
}

// "At this hall's pace it lasts until about {time}": the forecast, ConsumableView::runs_out_at.
inline constexpr const char* kConsumableRunsOutKey = "consumable.runs_out";

} // namespace kiosk::ui
