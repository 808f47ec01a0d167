// What the config slots remember of a confirmed slot's matters (services/slots/SlotState.h,
// docs/ConfigSlots.md §3 and §6): state.json with and without offered_matters, its strict reading, and
// which slot's list is "offered before" for the health check of the slot on trial.
#include "tests/unit/slots/SlotsTestSupport.h"

#include <fstream>
#include <gmock/gmock.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kiosk::slots {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string read_text(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A state.json as the slots wrote it before offered_matters existed.
const fs::path kOldState = fs::path(KIOSK_SOURCE_DIR) / "tests/fuzz/corpus/slot_state/state.json";

SlotsState trial_after(SlotStatus came_from_status, std::vector<std::string> came_from_offered) {
    SlotsState state;
    state.current = ActiveSlot::B;
    state.b.status = SlotStatus::Trial;
    state.a.status = came_from_status;
    state.a.offered_matters = std::move(came_from_offered);
    return state;
}

TEST(SlotStateTest, AStateFileWrittenBeforeOfferedMattersReadsAndWritesBackUnchanged) {
    auto text = read_text(kOldState);
    ASSERT_EQ(text.find("offered_matters"), std::string::npos);
    auto state = state_from_json(text);
    ASSERT_TRUE(state.ok()) << state.error().describe();
    EXPECT_THAT(state->a.offered_matters, IsEmpty());
    EXPECT_EQ(state_to_json(state.value()), text);
}

TEST(SlotStateTest, OfferedMattersGoThroughStateJsonUnchanged) {
    auto state = state_from_json(read_text(kOldState));
    ASSERT_TRUE(state.ok());
    state->a.offered_matters = {"residence_permit", "birth_certificate_registration", "tax-2"};
    auto text = state_to_json(state.value());
    EXPECT_THAT(text, HasSubstr("\"offered_matters\""));
    auto again = state_from_json(text);
    ASSERT_TRUE(again.ok()) << again.error().describe();
    EXPECT_THAT(again->a.offered_matters,
                ElementsAre("residence_permit", "birth_certificate_registration", "tax-2"));
    EXPECT_THAT(again->b.offered_matters, IsEmpty());
    EXPECT_EQ(state_to_json(again.value()), text);
}

TEST(SlotStateTest, ABadOfferedMattersListMakesTheStateUnreadable) {
    auto base = nlohmann::json::parse(read_text(kOldState));
    std::vector<std::string> too_many;
    for (size_t i = 0; i <= kMaxOfferedMatters; ++i)
        too_many.push_back("m" + std::to_string(i));
    for (const auto& bad : {nlohmann::json("residence_permit"), nlohmann::json::array({1}),
                            nlohmann::json::array({"Residence Permit"}), nlohmann::json::array({""}),
                            nlohmann::json::array({std::string(65, 'a')}),
                            nlohmann::json::array({"x", "y", "x"}), nlohmann::json(too_many)}) {
        auto json = base;
        json["a"]["offered_matters"] = bad;
        auto state = state_from_json(json.dump());
        ASSERT_FALSE(state.ok()) << bad.dump().substr(0, 80);
        EXPECT_EQ(state.error().code, ErrorCode::InvalidData);
        EXPECT_THAT(state.error().message, HasSubstr("state.json: a.offered_matters: "));
    }
}

TEST(SlotStateTest, OfferedBeforeATrialIsWhatTheGoodSlotItCameFromOffered) {
    EXPECT_THAT(offered_before(trial_after(SlotStatus::Good, {"m1", "m2"})), ElementsAre("m1", "m2"));
    // The other slot failed or was never confirmed: the kiosk came from the factory config.
    EXPECT_THAT(offered_before(trial_after(SlotStatus::Failed, {"m1"})), IsEmpty());
    EXPECT_THAT(offered_before(trial_after(SlotStatus::Trial, {})), IsEmpty());
    EXPECT_THAT(offered_before(trial_after(SlotStatus::Empty, {})), IsEmpty());
    SlotsState factory = trial_after(SlotStatus::Good, {"m1"});
    factory.current = ActiveSlot::Factory;
    EXPECT_THAT(offered_before(factory), IsEmpty());
}

TEST_F(ConfigSlotsTest, AConfirmedSlotRemembersWhatItOfferedForTheNextOnesHealthCheck) {
    auto slots = open();
    ASSERT_TRUE(install(*slots, 1).ok());
    EXPECT_THAT(offered_before(slots->state()), IsEmpty()); // from the factory config: nothing required
    ASSERT_TRUE(slots->confirm_good({"m1", "m2"}).ok());
    slots = open(); // kept across a restart
    EXPECT_THAT(slots->state().a.offered_matters, ElementsAre("m1", "m2"));
    ASSERT_TRUE(install(*slots, 2).ok());
    EXPECT_THAT(offered_before(slots->state()), ElementsAre("m1", "m2"));
    ASSERT_TRUE(slots->confirm_good({"m1", "m3"}).ok());
    EXPECT_THAT(slots->state().b.offered_matters, ElementsAre("m1", "m3"));
    // The third install replaces slot a, and its list with it: "before" is now b's.
    ASSERT_TRUE(install(*slots, 3).ok());
    EXPECT_THAT(slots->state().a.offered_matters, IsEmpty());
    EXPECT_THAT(offered_before(slots->state()), ElementsAre("m1", "m3"));
    // Rolled back to b: b is good again and keeps its list; the failed a is nobody's "before".
    ASSERT_TRUE(slots->rollback("matters no longer offered: m3").ok());
    EXPECT_EQ(link(), "b");
    EXPECT_THAT(slots->state().b.offered_matters, ElementsAre("m1", "m3"));
    ASSERT_TRUE(install(*slots, 4).ok());
    EXPECT_THAT(offered_before(slots->state()), ElementsAre("m1", "m3"));
}

TEST_F(ConfigSlotsTest, AnOfferedListStateJsonCouldNotReadBackIsNotKept) {
    auto slots = open();
    ASSERT_TRUE(install(*slots, 1).ok());
    ASSERT_TRUE(slots->confirm_good({"m1", "Not An Id"}).ok());
    EXPECT_EQ(slots->state().a.status, SlotStatus::Good);
    EXPECT_THAT(slots->state().a.offered_matters, IsEmpty());
    slots = open();
    EXPECT_EQ(slots->state().history.back().outcome, Outcome::Confirmed); // state.json still reads
}

} // namespace
} // namespace kiosk::slots
