// The hand-off between a citizen and staff, as the scene manager runs it (docs/Maintenance.md): a badge
// shown mid-visit goes to staff sign-in, never to the citizen's case; hall IT may wait for the visit or
// interrupt it, duty staff are told it is queued; a visit's end opens the staff screens when
// maintenance is due; and while the service mode keeps new citizens out, the waiting screen says why.

#include "StaffSceneTest.h"

namespace kiosk::ui::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kBadge =
    "OWS1.eyJraWQiOiJoYWxsLXRlc3QifQ.c2lnbmF0dXJl"; // shaped as one; the desk checks

// MemoryStaffDesk reports maintenance active while a member is set; the kiosk's desk sets it when the
// sign-in answer passes it (StaffDeskImpl::observe), which these tests do by hand where it matters.
using HandOffTest = StaffSceneTest;

TEST_F(HandOffTest, ABadgeMidVisitIsStaffsAndTheVisitGoesOnUntilHallItChooses) {
    start_identified_session_at_home();
    m_desk.member.reset(); // MemoryStaffDesk: maintenance is active only once a member is set
    m_scenes->handle_event(services::QrScanned{kBadge});
    EXPECT_EQ(m_desk.badges.size(), 1u) << "the badge went to staff sign-in";
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home) << "the citizen's screen stays";
    EXPECT_NE(m_citizen->identity(), nullptr);

    // Pending: hall IT see the choice over the citizen's screen.
    m_scenes->handle_event(services::StaffSignInAnswered{member(domain::StaffRole::HallIt), "", 0s});
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_TRUE(m_scenes->staff_dialog().visible());
    draw();                                                    // the dialog places its buttons as it is drawn
    tap(m_scenes->staff_dialog().primary().bounds().centre()); // wait for the visit
    EXPECT_FALSE(m_scenes->staff_dialog().visible());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_TRUE(m_desk.actions.empty()) << "waiting forces nothing";

    // The visit ends; the desk now has its member (maintenance active): the staff screens open.
    m_desk.member = member(domain::StaffRole::HallIt);
    m_scenes->end_session(services::SessionEndReason::Done);
    EXPECT_EQ(m_desk.sessions_ended, 1);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Maintenance);
    EXPECT_EQ(m_citizen->identity(), nullptr);
}

TEST_F(HandOffTest, HallItMayInterruptTheVisitWhichIsWipedAsAtAnyEnd) {
    start_identified_session_at_home();
    m_scenes->handle_event(services::StaffSignInAnswered{member(domain::StaffRole::HallIt), "", 0s});
    ASSERT_TRUE(m_scenes->staff_dialog().visible());
    draw();                                            // the dialog places its buttons as it is drawn
    m_desk.member = member(domain::StaffRole::HallIt); // the kiosk's desk holds who signed in
    tap(m_scenes->staff_dialog().secondary().bounds().centre()); // interrupt now…
    EXPECT_TRUE(m_desk.actions.empty()) << "nothing is forced before a reason is chosen";
    ASSERT_TRUE(m_scenes->force_reasons().visible()) << "…asks why";
    draw();
    tap(m_scenes->force_reasons().choice(0).bounds().centre());
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"force device-fault"});
    EXPECT_FALSE(m_scenes->force_reasons().visible());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Maintenance);
    EXPECT_EQ(m_citizen->identity(), nullptr);
    EXPECT_EQ(count_audit("session.wiped"), 1);
}

// The chooser offers every reason the desk knows, one large button each, in the order of
// kForceReasons, and the desk gets the reason's stable word whatever the screen's language.
TEST_F(HandOffTest, EachReasonChosenIsTheWordTheDeskGets) {
    for (size_t i = 0; i < kForceReasons.size(); ++i) {
        SCOPED_TRACE(kForceReasons[i].word);
        m_desk.member.reset();
        m_desk.actions.clear();
        start_identified_session_at_home();
        m_scenes->set_language(i % 2 ? Language::En : Language::ZhCN);
        m_scenes->handle_event(services::StaffSignInAnswered{member(domain::StaffRole::HallIt), "", 0s});
        draw();
        m_desk.member = member(domain::StaffRole::HallIt);
        tap(m_scenes->staff_dialog().secondary().bounds().centre());
        draw();
        const ChoiceDialog& chooser = m_scenes->force_reasons();
        ASSERT_EQ(chooser.choice_count(), kForceReasons.size());
        EXPECT_EQ(chooser.choice(i).text(), m_context->tr.tr(kForceReasons[i].key));
        EXPECT_GE(chooser.choice(i).bounds().h, 64) << "a touch target";
        EXPECT_GE(chooser.cancel().bounds().h, 64);
        tap(chooser.choice(i).bounds().centre());
        EXPECT_EQ(m_desk.actions, std::vector<std::string>{std::string("force ") + kForceReasons[i].word});
        EXPECT_EQ(m_scenes->current_id(), SceneId::Maintenance);
    }
}

TEST_F(HandOffTest, CancellingTheReasonChooserChangesNothing) {
    start_identified_session_at_home();
    m_scenes->handle_event(services::StaffSignInAnswered{member(domain::StaffRole::HallIt), "", 0s});
    draw();
    m_desk.member = member(domain::StaffRole::HallIt);
    tap(m_scenes->staff_dialog().secondary().bounds().centre());
    ASSERT_TRUE(m_scenes->force_reasons().visible());
    draw();
    tap(m_scenes->force_reasons().cancel().bounds().centre());
    EXPECT_FALSE(m_scenes->force_reasons().visible());
    EXPECT_TRUE(m_desk.actions.empty()) << "nothing forced";
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home) << "the visit goes on";
    EXPECT_NE(m_citizen->identity(), nullptr);
    EXPECT_EQ(count_audit("session.wiped"), 0);
    EXPECT_EQ(m_scenes->notice_key(), "");
}

// Duty staff never see the choice; a chooser left open when the member changed (hall IT handed over
// to duty staff) still reaches the desk, which refuses: the visit goes on.
TEST_F(HandOffTest, DutyStaffCannotForceEvenFromAnOpenChooser) {
    start_identified_session_at_home();
    m_scenes->handle_event(services::StaffSignInAnswered{member(domain::StaffRole::HallIt), "", 0s});
    draw();
    tap(m_scenes->staff_dialog().secondary().bounds().centre());
    ASSERT_TRUE(m_scenes->force_reasons().visible());
    draw();
    m_desk.member = member(domain::StaffRole::DutyStaff);
    tap(m_scenes->force_reasons().choice(1).bounds().centre());
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"refused force-maintenance"});
    EXPECT_EQ(m_scenes->notice_key(), "staff.force_refused");
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_NE(m_citizen->identity(), nullptr);
}

TEST_F(HandOffTest, AForceTheDeskRefusesLeavesTheVisitAsItWas) {
    start_identified_session_at_home();
    m_scenes->handle_event(services::StaffSignInAnswered{member(domain::StaffRole::HallIt), "", 0s});
    ASSERT_TRUE(m_scenes->staff_dialog().visible());
    draw();                // the dialog places its buttons as it is drawn
    m_desk.member.reset(); // signed out meanwhile (the staff timeout): nobody may force
    tap(m_scenes->staff_dialog().secondary().bounds().centre());
    draw();
    tap(m_scenes->force_reasons().choice(0).bounds().centre());
    EXPECT_EQ(m_scenes->notice_key(), "staff.force_refused");
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_NE(m_citizen->identity(), nullptr);
}

TEST_F(HandOffTest, DutyStaffCannotInterruptTheyAreToldItIsQueued) {
    start_identified_session_at_home();
    m_scenes->handle_event(services::StaffSignInAnswered{member(domain::StaffRole::DutyStaff), "", 0s});
    EXPECT_FALSE(m_scenes->staff_dialog().visible());
    EXPECT_EQ(m_scenes->notice_key(), "staff.maintenance_pending");
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_NE(m_citizen->identity(), nullptr);
}

TEST_F(HandOffTest, ARefusedBadgeSaysSoAndChangesNothing) {
    start_identified_session_at_home();
    m_scenes->handle_event(services::StaffSignInAnswered{std::nullopt, "badge-expired", 0s});
    EXPECT_EQ(m_scenes->notice_key(), "staff.badge_refused");
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_NE(m_citizen->identity(), nullptr);
}

TEST_F(HandOffTest, ABadgeWithNobodyAtTheKioskOpensTheStaffScreensAtOnce) {
    m_scenes->start();
    m_scenes->handle_event(services::QrScanned{kBadge});
    m_desk.member = member(domain::StaffRole::DutyStaff);
    m_scenes->handle_event(services::StaffSignInAnswered{m_desk.member, "", 0s});
    EXPECT_EQ(m_scenes->current_id(), SceneId::Maintenance);
}

TEST_F(HandOffTest, AnOrdinaryCodeOnTheAttractScreenIsNotStaffs) {
    m_scenes->start();
    m_scenes->handle_event(services::QrScanned{"OW1-7KQ2-M9XD-4TPA-Z3R8"});
    EXPECT_TRUE(m_desk.badges.empty());
}

TEST_F(HandOffTest, WhileNewCitizensAreKeptOutTheWaitingScreenSaysWhyAndThenServesAgain) {
    m_scenes->start();
    m_desk.waiting = "维护中，请到其他自助终端办理";
    advance_and_tick(1s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::OutOfService);
    EXPECT_EQ(m_context->out_of_service_reason, kWaitingReason);
    draw();
    m_desk.waiting.clear();
    advance_and_tick(1s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
}

TEST_F(HandOffTest, TheWaitingScreenNeverReplacesACitizensVisit) {
    start_identified_session_at_home();
    m_desk.waiting = "本机暂停服务";
    advance_and_tick(1s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    m_scenes->end_session(services::SessionEndReason::Done);
    advance_and_tick(1s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::OutOfService);
}

} // namespace
} // namespace kiosk::ui::test
