// Staff (or a fault the kiosk cannot work around, like a store it cannot write) take the kiosk out of
// service: the out-of-service screen replaces whatever is showing, with nothing behind it to go back
// to. A citizen mid-session is not cut off: the switch happens when their session ends — finished,
// timed out or backed out of — and that end wipes their identity as always. Back in service, the
// kiosk shows the attract screen again.

#include "SceneHarness.h"

#include <gmock/gmock.h>

namespace kiosk::ui::test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

using OutOfServiceTest = SceneTest;

TEST_F(OutOfServiceTest, ReplacesEverySceneWhenNobodyIsBeingServed) {
    for (const SceneEntry& entry : citizen_flow()) {
        SCOPED_TRACE(entry.name);
        ASSERT_TRUE(m_scenes->start_at(entry.name));
        ASSERT_FALSE(m_citizen->active());
        m_trace.clear();
        m_scenes->set_out_of_service("staff");
        EXPECT_EQ(m_scenes->current_id(), SceneId::OutOfService);
        EXPECT_EQ(m_trace.back(), "scene out-of-service");
        EXPECT_EQ(m_context->out_of_service_reason, "staff");
        draw();
        m_scenes->back();
        EXPECT_EQ(m_scenes->current_id(), SceneId::OutOfService) << "something behind it to go back to";

        m_scenes->set_out_of_service("");
        EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
        EXPECT_TRUE(m_context->out_of_service_reason.empty());
    }
}

TEST_F(OutOfServiceTest, WaitsForTheCitizensSessionToEndThenWipesIt) {
    for (const SceneEntry& entry : citizen_flow()) {
        if (entry.id == SceneId::Attract || entry.id == SceneId::OutOfService)
            continue;
        SCOPED_TRACE(entry.name);
        m_audit.clear();
        start_identified_session_at_home();
        go_with_default(entry.id);
        m_scenes->set_out_of_service("staff");
        EXPECT_EQ(m_scenes->current_id(), entry.id) << "the screen was pulled from under the citizen";
        EXPECT_NE(m_citizen->identity(), nullptr);

        m_scenes->end_session(services::SessionEndReason::Done);
        EXPECT_EQ(m_scenes->current_id(), SceneId::OutOfService);
        EXPECT_EQ(m_citizen->identity(), nullptr);
        EXPECT_FALSE(m_citizen->active());
        EXPECT_EQ(count_audit("session.wiped"), 1);
        m_scenes->set_out_of_service("");
        ASSERT_EQ(m_scenes->current_id(), SceneId::Attract);
    }
}

TEST_F(OutOfServiceTest, AnAbandonedSessionTimesOutIntoOutOfService) {
    start_identified_session_at_home();
    m_scenes->set_out_of_service("staff");
    advance_and_tick(warning_after() + countdown());
    EXPECT_EQ(m_scenes->current_id(), SceneId::OutOfService);
    EXPECT_EQ(m_citizen->identity(), nullptr);
    ASSERT_EQ(count_audit("session.wiped"), 1);
    EXPECT_THAT(last_audit("session.wiped")->detail, HasSubstr("reason=timeout"));
}

TEST_F(OutOfServiceTest, BackingOutOfTheSessionLandsOnOutOfServiceNotAttract) {
    start_identified_session_at_home();
    m_scenes->set_out_of_service("staff");
    m_scenes->back();
    EXPECT_EQ(m_scenes->current_id(), SceneId::OutOfService) << "a citizen could start on a closed kiosk";
    EXPECT_EQ(m_citizen->identity(), nullptr);
}

TEST_F(OutOfServiceTest, BackInServiceBeforeTheSessionEndedLeavesTheCitizenWhereTheyAre) {
    start_identified_session_at_home();
    m_scenes->go<SceneId::Catalog>(CatalogShelf::Packages);
    m_scenes->set_out_of_service("staff");
    m_trace.clear();
    m_scenes->set_out_of_service("");
    EXPECT_EQ(m_scenes->current_id(), SceneId::Catalog) << "the screen was pulled from under the citizen";
    EXPECT_TRUE(m_trace.empty());
    EXPECT_NE(m_citizen->identity(), nullptr);
    // Still a normal session: it times out as usual.
    advance_and_tick(warning_after() + countdown());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_EQ(m_citizen->identity(), nullptr);
}

TEST_F(OutOfServiceTest, AStoreThatCannotBeWrittenTakesTheKioskOutOfService) {
    m_scenes->start();
    m_scenes->handle_event(services::StoreUnavailable{make_error(ErrorCode::Io, "disk full")});
    EXPECT_EQ(m_scenes->current_id(), SceneId::OutOfService);
    EXPECT_EQ(m_context->out_of_service_reason, "storage");
    draw();
}

TEST_F(OutOfServiceTest, SettingTheSameReasonTwiceDoesNotReenter) {
    m_scenes->start();
    m_scenes->set_out_of_service("staff");
    m_trace.clear();
    m_scenes->set_out_of_service("staff");
    m_scenes->set_out_of_service("");
    m_scenes->set_out_of_service("");
    EXPECT_EQ(m_trace, std::vector<std::string>{"scene attract"});
}

} // namespace
} // namespace kiosk::ui::test
