// A citizen identified by their ID card who takes it off the reader mid-visit may put it back: the
// visit goes on for session.card_removed_grace_s, then the "are you still there?" dialog says the
// card was taken — put it back to continue — and counts down; then the visit ends as card-removed
// and everything of it is wiped. Touches do not keep it alive (someone else may be touching), only
// the same card does; another card starts that citizen's own visit. A visit identified by a
// passport page has no card to take away and is not affected.

#include "SceneHarness.h"

#include <gmock/gmock.h>

namespace kiosk::ui::test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

class CardRemovalGraceTest : public SceneTest {
protected:
    std::chrono::seconds grace() const {
        return std::chrono::seconds(m_options.session.card_removed_grace_s);
    }

    // Identified by card 0, on the catalog (a scene of the visit, not home).
    void identified_on_catalog() {
        start_identified_session_at_home();
        m_scenes->go<SceneId::Catalog>(CatalogShelf::Packages);
        m_trace.clear();
    }
};

TEST_F(CardRemovalGraceTest, TheCardStayingAwayWarnsAfterTheGraceThenEndsTheVisit) {
    identified_on_catalog();
    ASSERT_GT(grace(), 1s);
    m_scenes->handle_event(services::CardRemoved{});
    EXPECT_EQ(m_scenes->notice_key(), "card.removed");

    advance_and_tick(grace() - 1s);
    EXPECT_FALSE(m_scenes->inactivity_warning_shown()) << "warned before the grace ended";
    EXPECT_TRUE(advance_and_tick(1s)) << "the warning must be drawn";
    EXPECT_TRUE(m_scenes->card_warning_shown());
    draw();

    tap(kHomeGreetingCard); // on the dimmed screen: a touch is no card
    m_scenes->tick();
    EXPECT_TRUE(m_scenes->card_warning_shown()) << "a touch answered the card's warning";
    advance_and_tick(countdown() - 1s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Catalog);
    ASSERT_NE(m_citizen->identity(), nullptr) << "wiped before the countdown ended";
    EXPECT_EQ(count_audit("session.wiped"), 0);

    advance_and_tick(1s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_FALSE(m_scenes->inactivity_warning_shown());
    EXPECT_EQ(m_citizen->identity(), nullptr);
    EXPECT_FALSE(m_citizen->active());
    ASSERT_EQ(count_audit("session.wiped"), 1);
    EXPECT_THAT(last_audit("session.wiped")->detail, HasSubstr("reason=card-removed"));
    EXPECT_FALSE(m_scenes->card_on_reader());
}

TEST_F(CardRemovalGraceTest, TouchingTheScreenDoesNotStretchTheGrace) {
    identified_on_catalog();
    m_scenes->handle_event(services::CardRemoved{});
    auto total = grace() + countdown();
    for (auto passed = 0s; passed + 5s < total; passed += 5s) {
        advance_and_tick(5s);
        tap(kHomeGreetingCard);
        ASSERT_TRUE(m_citizen->active()) << "ended early, after " << (passed + 5s).count() << " s";
    }
    advance_and_tick(5s);
    EXPECT_FALSE(m_citizen->active());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
}

TEST_F(CardRemovalGraceTest, TheSameCardBackContinuesTheVisitEvenDuringTheWarning) {
    for (auto back_after : {grace() - 1s, grace() + countdown() - 1s}) {
        SCOPED_TRACE(back_after.count());
        identified_on_catalog();
        std::string name = m_citizen->identity()->name;
        m_scenes->handle_event(services::CardRemoved{});
        advance_and_tick(back_after);
        m_scenes->handle_event(services::CardRead{drivers::SimIdCardReader::sample_identity(0)});
        EXPECT_FALSE(m_scenes->inactivity_warning_shown());
        EXPECT_EQ(m_scenes->current_id(), SceneId::Catalog) << "the visit goes on where it was";
        // Long after the grace would have ended (but before the idle warning): still the visit.
        advance_and_tick(grace() + countdown());
        EXPECT_FALSE(m_scenes->inactivity_warning_shown());
        ASSERT_TRUE(m_citizen->active());
        ASSERT_NE(m_citizen->identity(), nullptr);
        EXPECT_EQ(m_citizen->identity()->name, name);
        EXPECT_EQ(count_audit("session.wiped"), 0);
        // The next removal starts a grace of its own, from its own moment.
        m_scenes->handle_event(services::CardRemoved{});
        advance_and_tick(grace() - 1s);
        EXPECT_FALSE(m_scenes->inactivity_warning_shown());
        advance_and_tick(1s);
        EXPECT_TRUE(m_scenes->card_warning_shown());
        m_scenes->end_session(services::SessionEndReason::Done);
        m_audit.clear();
    }
}

TEST_F(CardRemovalGraceTest, AnotherCardDuringTheGraceStartsItsHoldersOwnVisit) {
    identified_on_catalog();
    m_scenes->handle_event(services::CardRemoved{});
    advance_and_tick(grace() + 1s);
    ASSERT_TRUE(m_scenes->card_warning_shown());
    m_scenes->handle_event(services::CardRead{drivers::SimIdCardReader::sample_identity(1)});
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_FALSE(m_scenes->inactivity_warning_shown());
    ASSERT_NE(m_citizen->identity(), nullptr);
    EXPECT_EQ(m_citizen->identity()->name, drivers::SimIdCardReader::sample_identity(1).name);
    advance_and_tick(grace() + countdown());
    EXPECT_TRUE(m_citizen->active()) << "the new citizen's card lies on the reader";
}

TEST_F(CardRemovalGraceTest, ARepeatedRemovalReportDoesNotRestartTheGrace) {
    identified_on_catalog();
    m_scenes->handle_event(services::CardRemoved{});
    advance_and_tick(grace() - 1s);
    m_scenes->handle_event(services::CardRemoved{});
    advance_and_tick(1s);
    EXPECT_TRUE(m_scenes->card_warning_shown());
}

TEST_F(CardRemovalGraceTest, APassportVisitHasNoCardToLose) {
    m_scenes->start();
    tap(kAttractTouchAnywhere);
    m_citizen->identify_by_document(drivers::SimIdCardReader::sample_identity(2));
    ASSERT_EQ(m_citizen->identity_strength(), services::IdentityStrength::DocumentSeen);
    m_scenes->go<SceneId::Catalog>(CatalogShelf::Packages);
    m_scenes->handle_event(services::CardRemoved{}); // someone else's card, taken away
    advance_and_tick(grace() + countdown());
    EXPECT_FALSE(m_scenes->inactivity_warning_shown());
    EXPECT_TRUE(m_citizen->active());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Catalog);
}

} // namespace
} // namespace kiosk::ui::test
