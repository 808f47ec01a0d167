// What the staff screens get of the consumables (kiosk/ConsumableViews.h, ui/scenes/staff/ConsumableText.h):
// every field of the service's state carried over, and a translation key for every consumable and level.

#include "kiosk/ConsumableViews.h"
#include "ui/scenes/staff/ConsumableText.h"

#include <gtest/gtest.h>

namespace kiosk::app {
namespace {

using services::ConsumableLevel;
using ui::ConsumableView;

TEST(ConsumableViews, CarryTheServicesStateOver) {
    services::ConsumableState state;
    state.id = "a4-paper";
    state.device = domain::DeviceKind::A4Printer;
    state.level = ConsumableLevel::Low;
    state.percent = 12;
    state.used = 220;
    state.capacity = 250;
    state.unit = "sheets";
    state.printer_report = "media-low";
    state.replaced_at = WallTime(std::chrono::hours(490000));
    state.runs_out_at = WallTime(std::chrono::hours(490030));
    state.replaceable = true;
    ConsumableView view = to_view(state);
    EXPECT_EQ(view.id, "a4-paper");
    EXPECT_EQ(view.device, domain::DeviceKind::A4Printer);
    EXPECT_EQ(view.level, ConsumableView::Level::Low);
    EXPECT_EQ(view.percent, 12);
    EXPECT_EQ(view.used, 220);
    EXPECT_EQ(view.capacity, 250);
    EXPECT_EQ(view.unit, "sheets");
    EXPECT_EQ(view.printer_report, "media-low");
    EXPECT_EQ(view.replaced_at, state.replaced_at);
    EXPECT_EQ(view.runs_out_at, state.runs_out_at);
    EXPECT_TRUE(view.replaceable);
    EXPECT_EQ(to_view(ConsumableLevel::Out), ConsumableView::Level::Out);
    EXPECT_EQ(to_view(ConsumableLevel::Ok), ConsumableView::Level::Ok);
    EXPECT_EQ(to_view(ConsumableLevel::Unknown), ConsumableView::Level::Unknown);
}

TEST(ConsumableViews, EveryConsumableAndLevelHasItsKey) {
    EXPECT_STREQ(ui::consumable_name_key("receipt-paper"), "consumable.receipt_paper");
    EXPECT_STREQ(ui::consumable_name_key("a4-paper"), "consumable.a4_paper");
    EXPECT_STREQ(ui::consumable_name_key("toner"), "consumable.toner");
    EXPECT_EQ(ui::consumable_name_key("ink"), nullptr);
    EXPECT_STREQ(ui::consumable_level_key(ConsumableView::Level::Ok), "consumable.level.ok");
    EXPECT_STREQ(ui::consumable_level_key(ConsumableView::Level::Low), "consumable.level.low");
    EXPECT_STREQ(ui::consumable_level_key(ConsumableView::Level::Out), "consumable.level.out");
    EXPECT_STREQ(ui::consumable_level_key(ConsumableView::Level::Unknown), "consumable.level.unknown");
    EXPECT_STREQ(ui::consumable_level_key(ConsumableLevel::Low), "consumable.level.low");
}

} // namespace
} // namespace kiosk::app
