#pragma once
// The consumables service's levels as the staff screens show them (ui::ConsumableView, ui/scenes/
// staff/StaffDesk.h): what StaffDesk::consumables() answers.

#include "services/staff/consumables/Consumables.h"
#include "ui/scenes/staff/StaffDesk.h"

#include <vector>

namespace kiosk::app {

inline ui::ConsumableView::Level to_view(services::ConsumableLevel level) {
    switch (level) {
    case services::ConsumableLevel::Ok:
        return ui::ConsumableView::Level::Ok;
    case services::ConsumableLevel::Low:
        return ui::ConsumableView::Level::Low;
    case services::ConsumableLevel::Out:
        return ui::ConsumableView::Level::Out;
    case services::ConsumableLevel::Unknown:
        break;
    }
    return ui::ConsumableView::Level::Unknown;
}

inline ui::ConsumableView to_view(const services::ConsumableState& state) {
    ui::ConsumableView view;
    view.id = state.id;
    view.device = state.device;
    view.level = to_view(state.level);
    view.percent = state.percent;
    view.used = state.used;
    view.capacity = state.capacity;
    view.unit = state.unit;
    view.printer_report = state.printer_report;
    view.replaced_at = state.replaced_at;
    view.runs_out_at = state.runs_out_at;
    view.replaceable = state.replaceable;
    return view;
}

inline std::vector<ui::ConsumableView> consumable_views(const services::Consumables& consumables) {
    std::vector<ui::ConsumableView> views;
    for (const auto& state : consumables.levels())
        views.push_back(to_view(state));
    return views;
}

} // namespace kiosk::app
