// Scenes are a stack: "back" returns to the screen before, as it was opened (the same package's
// checklist, the same tab), and does nothing on the first screen. "Home" returns to the home screen
// of the session. Backing out of the session onto the attract screen ends it, so nobody's identity
// waits there for the next person to touch "start".

#include "SceneHarness.h"

#include <gmock/gmock.h>

namespace kiosk::ui::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using NavigationTest = SceneTest;

TEST_F(NavigationTest, BackOnTheFirstSceneDoesNothing) {
    m_scenes->start();
    m_trace.clear();
    m_scenes->back();
    m_scenes->back();
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_TRUE(m_trace.empty()) << "the first scene was re-entered";
}

TEST_F(NavigationTest, BackPopsTheStackAndReopensEachSceneWithItsArgument) {
    m_scenes->start();
    m_scenes->go<SceneId::Language>();
    m_scenes->back();
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);

    start_identified_session_at_home();
    m_scenes->go<SceneId::Catalog>(CatalogShelf::Matters);
    m_scenes->go<SceneId::Checklist>({"package:newborn"});
    m_scenes->go<SceneId::Checklist>({"matter:residence_permit"});
    EXPECT_EQ(m_citizen->item()->key(), "matter:residence_permit");
    m_trace.clear();

    m_scenes->back();
    EXPECT_EQ(m_scenes->current_id(), SceneId::Checklist);
    EXPECT_EQ(m_citizen->item()->key(), "package:newborn");
    m_scenes->back();
    EXPECT_EQ(m_scenes->current_id(), SceneId::Catalog);
    m_scenes->back();
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_THAT(m_trace, ElementsAre("scene checklist", "scene catalog", "scene home"));
    EXPECT_NE(m_citizen->identity(), nullptr);
}

TEST_F(NavigationTest, TheBackButtonInTheBottomBarGoesBack) {
    start_identified_session_at_home();
    m_scenes->go<SceneId::Catalog>(CatalogShelf::Packages);
    draw();
    tap(kNavBack);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
}

TEST_F(NavigationTest, BackFromTheSessionToAttractEndsTheSession) {
    start_identified_session_at_home();
    tap(kNavBack);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_EQ(m_citizen->identity(), nullptr) << "the identity waited on the attract screen";
    EXPECT_FALSE(m_citizen->active());
    ASSERT_EQ(count_audit("session.wiped"), 1);
    EXPECT_THAT(last_audit("session.wiped")->detail, HasSubstr("reason=cancelled"));

    // The next person starts a fresh session, not the last one's.
    tap(kAttractTouchAnywhere);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_EQ(m_citizen->identity(), nullptr);
    EXPECT_EQ(count_audit("session.started"), 2);
}

TEST_F(NavigationTest, TheHomeButtonReturnsToHomeWithOneStepBackToAttract) {
    start_identified_session_at_home();
    m_scenes->go<SceneId::Catalog>(CatalogShelf::Packages);
    m_scenes->go<SceneId::Checklist>({"package:newborn"});
    tap(kNavHome);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_NE(m_citizen->identity(), nullptr);
    m_scenes->back();
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    m_scenes->back();
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
}

TEST_F(NavigationTest, TheHomeButtonWithoutASessionReturnsToAttract) {
    m_scenes->start();
    m_scenes->go<SceneId::Language>(); // from the attract screen, before anyone started
    ASSERT_FALSE(m_citizen->active());
    m_trace.clear();
    tap(kNavHome);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_THAT(m_trace, ElementsAre("scene attract"));
    m_scenes->back(); // the attract screen is the whole stack again
    EXPECT_THAT(m_trace, ElementsAre("scene attract"));
}

} // namespace
} // namespace kiosk::ui::test
