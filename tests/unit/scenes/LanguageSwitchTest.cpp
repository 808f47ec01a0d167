// Switching between 中文 and English takes effect at once on whatever screen is showing (texts,
// header, bottom bar are laid out again), from the header toggle on every screen but the
// out-of-service one; the choice lasts for the session and the next citizen gets the default again.

#include "SceneHarness.h"

namespace kiosk::ui::test {
namespace {

using LanguageSwitchTest = SceneTest;

TEST_F(LanguageSwitchTest, EverySceneRelaysOutInTheOtherLanguage) {
    start_identified_session_at_home();
    for (const SceneEntry& entry : citizen_flow()) {
        SCOPED_TRACE(entry.name);
        if (entry.id == SceneId::OutOfService)
            m_context->out_of_service_reason = "staff";
        go_with_default(entry.id);
        m_scenes->set_language(Language::ZhCN);
        uint64_t chinese = draw();
        m_scenes->set_language(Language::En);
        EXPECT_EQ(m_tr->language(), Language::En);
        EXPECT_EQ(m_citizen->language(), Language::En);
        EXPECT_EQ(m_scenes->current_id(), entry.id) << "switching language navigated";
        uint64_t english = draw();
        EXPECT_NE(chinese, english) << "the screen did not change language";
        go_with_default(entry.id); // the same scene, laid out from scratch in English
        EXPECT_EQ(draw(), english) << "some text kept the language it was laid out in";
        m_scenes->set_language(Language::ZhCN);
        EXPECT_EQ(m_tr->language(), Language::ZhCN);
        EXPECT_EQ(draw(), chinese) << "switching back did not restore the screen";
    }
}

TEST_F(LanguageSwitchTest, TheHeaderToggleSwitchesBothWays) {
    m_scenes->start();
    ASSERT_EQ(m_tr->language(), Language::ZhCN);
    tap(kHeaderLanguageToggle);
    EXPECT_EQ(m_tr->language(), Language::En);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    draw();
    tap(kHeaderLanguageToggle);
    EXPECT_EQ(m_tr->language(), Language::ZhCN);
}

TEST_F(LanguageSwitchTest, TheHeaderToggleWorksInEverySessionScene) {
    start_identified_session_at_home();
    for (const SceneEntry& entry : citizen_flow()) {
        if (entry.id == SceneId::OutOfService)
            continue;
        SCOPED_TRACE(entry.name);
        go_with_default(entry.id);
        Language before = m_tr->language();
        tap(kHeaderLanguageToggle);
        EXPECT_NE(m_tr->language(), before);
        EXPECT_EQ(m_scenes->current_id(), entry.id);
        draw();
    }
}

TEST_F(LanguageSwitchTest, TheOutOfServiceScreenHasNoToggle) {
    m_scenes->start();
    m_scenes->set_out_of_service("staff");
    tap(kHeaderLanguageToggle);
    EXPECT_EQ(m_tr->language(), Language::ZhCN);
}

TEST_F(LanguageSwitchTest, TheLanguageSceneChoosesAndReturns) {
    m_scenes->start();
    m_scenes->go<SceneId::Language>();
    m_scenes->set_language(Language::En);
    m_scenes->back();
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_EQ(m_tr->language(), Language::En) << "the choice made before starting was lost";
    tap(kAttractTouchAnywhere);
    EXPECT_EQ(m_tr->language(), Language::En);
}

TEST_F(LanguageSwitchTest, TheNextCitizenGetsTheDefaultLanguage) {
    start_identified_session_at_home();
    tap(kHeaderLanguageToggle);
    ASSERT_EQ(m_tr->language(), Language::En);
    m_scenes->end_session(services::SessionEndReason::Done);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_EQ(m_tr->language(), m_options.default_language);
    EXPECT_EQ(m_citizen->language(), m_options.default_language);
}

} // namespace
} // namespace kiosk::ui::test
