// Placing an ID card on the reader is the quickest way in: from the attract, language or identify
// screen it starts a session with the cardholder identified and shows their home screen; elsewhere in
// a session it identifies the citizen where they are. An out-of-service kiosk ignores cards.

#include "SceneHarness.h"

namespace kiosk::ui::test {
namespace {

using CardReadTest = SceneTest;

services::CardRead sample_card(int index = 0) {
    return services::CardRead{drivers::SimIdCardReader::sample_identity(index)};
}

TEST_F(CardReadTest, OnTheAttractScreenStartsAnIdentifiedSessionAtHome) {
    m_scenes->start();
    m_trace.clear();
    m_scenes->handle_event(sample_card());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_EQ(m_trace, std::vector<std::string>{"scene home"});
    EXPECT_TRUE(m_citizen->active());
    ASSERT_NE(m_citizen->identity(), nullptr);
    EXPECT_EQ(m_citizen->identity()->name, drivers::SimIdCardReader::sample_identity(0).name);
    EXPECT_EQ(count_audit("session.started"), 1);
    draw(); // the greeting
}

TEST_F(CardReadTest, OnTheLanguageAndIdentifyScreensGoesHomeIdentified) {
    for (SceneId from : {SceneId::Language, SceneId::Identify}) {
        m_citizen->end(services::SessionEndReason::Done);
        m_scenes->start();
        go_with_default(from);
        m_scenes->handle_event(sample_card(1));
        EXPECT_EQ(m_scenes->current_id(), SceneId::Home) << static_cast<int>(from);
        EXPECT_NE(m_citizen->identity(), nullptr);
    }
}

TEST_F(CardReadTest, OnACatalogOrChecklistIdentifiesTheCitizenWithoutLeavingIt) {
    for (SceneId here : {SceneId::Catalog, SceneId::Checklist}) {
        m_citizen->end(services::SessionEndReason::Done);
        m_scenes->start();
        tap(kAttractTouchAnywhere);
        go_with_default(here);
        m_scenes->handle_event(sample_card(2));
        EXPECT_EQ(m_scenes->current_id(), here);
        EXPECT_NE(m_citizen->identity(), nullptr);
        draw();
    }
}

TEST_F(CardReadTest, OnTheOutOfServiceScreenIsIgnored) {
    m_scenes->start();
    m_scenes->set_out_of_service("staff");
    ASSERT_EQ(m_scenes->current_id(), SceneId::OutOfService);
    m_trace.clear();
    m_scenes->handle_event(sample_card());
    EXPECT_EQ(m_scenes->current_id(), SceneId::OutOfService);
    EXPECT_TRUE(m_trace.empty());
    EXPECT_EQ(m_citizen->identity(), nullptr) << "an out-of-service kiosk kept a citizen's identity";
    EXPECT_FALSE(m_citizen->active());
    EXPECT_EQ(count_audit("session.started"), 0);
}

TEST_F(CardReadTest, DuringTheInactivityWarningDismissesItAndKeepsTheSession) {
    start_identified_session_at_home();
    advance_and_tick(warning_after());
    ASSERT_TRUE(m_scenes->inactivity_warning_shown());
    m_scenes->handle_event(sample_card(1));
    EXPECT_FALSE(m_scenes->inactivity_warning_shown());
    advance_and_tick(countdown());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home) << "the card read did not count as activity";
    EXPECT_NE(m_citizen->identity(), nullptr);
}

} // namespace
} // namespace kiosk::ui::test
