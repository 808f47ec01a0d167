// The staff PIN pad: the staff number and the PIN typed on the pad, OK hands both to the desk once,
// the answer opens the maintenance screen or says why not; a locked pad takes no OK and counts the
// minutes down; Cancel or 30 s without a touch go back to the attract screen; the PIN is not kept.

#include "StaffSceneTest.h"

namespace kiosk::ui::test {
namespace {

using namespace std::chrono_literals;
using StaffSignInTest = StaffSceneTest;

constexpr Point kPadMargin{960, 1060}; // below the pad, in the screen's margin: no key there

services::StaffSignInAnswered refused(std::string refusal, std::chrono::seconds locked_for = 0s,
                                      int tries_left = -1) {
    services::StaffSignInAnswered answer;
    answer.refusal = std::move(refusal);
    answer.locked_for = locked_for;
    answer.tries_left = tries_left;
    return answer;
}

TEST_F(StaffSignInTest, OkHandsTheStaffNumberAndPinToTheDeskOnceAndKeepsNoPin) {
    open_pad();
    press_all("1024");
    EXPECT_EQ(pad().typed_staff_id(), "1024");
    press("ok"); // no PIN yet: OK moves on to it
    EXPECT_TRUE(m_desk.pins_checked.empty());
    press_all("56789");
    press("delete");
    EXPECT_EQ(pad().typed_pin_length(), 4u);
    press("ok");
    ASSERT_EQ(m_desk.pins_checked.size(), 1u);
    EXPECT_EQ(m_desk.pins_checked[0], (std::pair<std::string, std::string>{"1024", "5678"}));
    EXPECT_TRUE(pad().checking());
    EXPECT_EQ(pad().message(), m_tr->tr("staff.signin.checking"));
    EXPECT_EQ(pad().typed_pin_length(), 0u) << "the PIN stays in the pad after the try";
    press("ok"); // a second OK while checking asks nothing more
    EXPECT_EQ(m_desk.pins_checked.size(), 1u);
}

TEST_F(StaffSignInTest, ClearEmptiesTheFieldAndDeleteTakesTheLastDigit) {
    open_pad();
    press_all("77");
    press("delete");
    EXPECT_EQ(pad().typed_staff_id(), "7");
    press("clear");
    EXPECT_EQ(pad().typed_staff_id(), "");
    press_all("12345678901234567890"); // longer than any staff number
    EXPECT_EQ(pad().typed_staff_id().size(), StaffSignInScene::kMaxStaffIdLength);
}

TEST_F(StaffSignInTest, AWrongPinIsSaidWithTheTriesLeftAndThePadStays) {
    open_pad();
    press_all("1024");
    press("pin");
    press_all("0000");
    press("ok");
    m_scenes->handle_event(refused("wrong-pin", 0s, 3));
    EXPECT_EQ(m_scenes->current_id(), SceneId::StaffSignIn);
    EXPECT_FALSE(pad().checking());
    EXPECT_EQ(pad().message(), m_tr->format("staff.signin.wrong_pin_tries", {{"tries", "3"}}));
    EXPECT_EQ(pad().typed_pin_length(), 0u);
    press_all("1111"); // the next try goes into the PIN again
    press("ok");
    EXPECT_EQ(m_desk.pins_checked.size(), 2u);
    m_scenes->handle_event(refused("wrong-pin"));
    EXPECT_EQ(pad().message(), m_tr->tr("staff.signin.wrong_pin"));
}

TEST_F(StaffSignInTest, ALockedPadTakesNoOkAndCountsTheMinutesDown) {
    open_pad();
    press_all("1024");
    press("pin");
    press_all("0000");
    press("ok");
    m_desk.locked_for = 300s;
    m_scenes->handle_event(refused("locked", 300s));
    EXPECT_EQ(pad().message(), m_tr->format("staff.signin.locked", {{"minutes", "5"}}));
    press_all("1234");
    press("ok");
    EXPECT_EQ(m_desk.pins_checked.size(), 1u) << "a locked pad took an OK";
    for (int i = 0; i < 4; ++i) { // touches keep the pad open while the lock runs
        advance_and_tick(20s);
        tap(kPadMargin);
    }
    advance_and_tick(1s); // 81 s gone
    EXPECT_EQ(pad().message(), m_tr->format("staff.signin.locked", {{"minutes", "4"}}));
    for (int i = 0; i < 11; ++i) {
        advance_and_tick(20s);
        tap(kPadMargin);
    }
    EXPECT_EQ(pad().message(), "") << "the lock ended";
    press("ok");
    EXPECT_EQ(m_desk.pins_checked.size(), 2u);
}

TEST_F(StaffSignInTest, APadOpenedWhileLockedSaysSoAtOnce) {
    m_desk.locked_for = 120s;
    open_pad();
    EXPECT_EQ(pad().message(), m_tr->format("staff.signin.locked", {{"minutes", "2"}}));
    press_all("1024");
    press("pin");
    press_all("1234");
    press("ok");
    EXPECT_TRUE(m_desk.pins_checked.empty());
}

TEST_F(StaffSignInTest, SignedInOpensTheMaintenanceDevicesTab) {
    open_pad();
    press_all("1024");
    press("pin");
    press_all("2468");
    press("ok");
    m_desk.member = member(domain::StaffRole::HallIt);
    services::StaffSignInAnswered answer;
    answer.staff = m_desk.member;
    m_scenes->handle_event(answer);
    ASSERT_EQ(m_scenes->current_id(), SceneId::Maintenance);
    EXPECT_EQ(maintenance().tab(), StaffTab::Devices);
    EXPECT_NE(maintenance().panel(), nullptr);
}

TEST_F(StaffSignInTest, CancelGoesBackToTheAttractScreen) {
    open_pad();
    press_all("1024");
    press("cancel");
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_FALSE(m_citizen->active());
    EXPECT_TRUE(m_desk.pins_checked.empty());
}

TEST_F(StaffSignInTest, ThirtySecondsWithoutATouchGoBackToTheAttractScreen) {
    open_pad();
    advance_and_tick(20s);
    press("5"); // a touch starts the 30 s again
    advance_and_tick(29s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::StaffSignIn);
    advance_and_tick(1s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
}

TEST_F(StaffSignInTest, LeavingThePadWipesWhatWasTyped) {
    open_pad();
    press_all("1024");
    press("pin");
    press_all("9753");
    StaffSignInScene& scene = pad();
    scene.on_exit(); // what the scene manager calls on every way out
    EXPECT_EQ(scene.typed_pin_length(), 0u);
    EXPECT_EQ(scene.typed_staff_id(), "");
}

TEST_F(StaffSignInTest, ACardOnThePadIsNotReadIntoAVisit) {
    open_pad();
    m_scenes->handle_event(services::CardRead{drivers::SimIdCardReader::sample_identity(0)});
    EXPECT_EQ(m_scenes->current_id(), SceneId::StaffSignIn);
    EXPECT_EQ(m_citizen->identity(), nullptr);
    EXPECT_FALSE(m_citizen->active());
    m_scenes->handle_event(services::CardReadFailed{make_error(ErrorCode::InvalidData, "bad card")});
    EXPECT_EQ(m_scenes->current_id(), SceneId::StaffSignIn)
        << "a bad card led to the citizen's problem screen";
}

TEST_F(StaffSignInTest, WithoutADeskThePadSaysMaintenanceIsNotSetUp) {
    m_context->staff = nullptr;
    open_pad();
    EXPECT_EQ(pad().message(), m_tr->tr("staff.signin.unavailable"));
    press_all("1");
    press("pin");
    press_all("1");
    press("ok"); // nothing to ask, nothing breaks
    EXPECT_EQ(m_scenes->current_id(), SceneId::StaffSignIn);
}

} // namespace
} // namespace kiosk::ui::test
