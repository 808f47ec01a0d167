// Besides a card read, the ID-card reader reports a read that failed, a card whose contents failed the
// checks, and a card taken away. The citizen hears about each in a short notice in their language —
// never the engineer's error text — over whatever screen shows, except out of service where nobody
// is being served; a tap on the notice or a few seconds make it go. Taking the card back mid-session
// does not end the session at once (CardRemovalGraceTest: it does after a grace). A session that ends with
// the card still on the reader ends on a big "please take your ID card", until the card is taken or a minute
// has passed: the card is the classic thing citizens leave behind at kiosks. The home screen says when the
// reader cannot be used, and greets an identified citizen with their card photo when the reader could decode
// it.

#include "SceneHarness.h"
#include "ui/scenes/AttractScene.h"
#include "ui/scenes/HomeScene.h"
#include "ui/scenes/ProblemScene.h"

namespace kiosk::ui::test {
namespace {

using namespace std::chrono_literals;
using CardEventsTest = SceneTest;
using Tone = Notice::Tone;

constexpr Rect kPortraitScreen{0, 0, 1080, 1920};

// As a driver words it: for engineers. It must never reach the screen.
constexpr std::string_view kEngineersText = "read base: SW3 0x41 after 3 attempts";

services::CardReadFailed failed_read(ErrorCode code) {
    return services::CardReadFailed{make_error(code, std::string(kEngineersText))};
}

services::CardRead sample_card(int index = 0) {
    return services::CardRead{drivers::SimIdCardReader::sample_identity(index)};
}

domain::Identity with_photo(int index, Color colour) {
    domain::Identity identity = drivers::SimIdCardReader::sample_identity(index);
    identity.photo_width = 102;
    identity.photo_height = 126;
    for (int i = 0; i < 102 * 126; ++i)
        identity.photo_rgb.insert(identity.photo_rgb.end(), {colour.r, colour.g, colour.b});
    return identity;
}

bool reminding_to_take_card(SceneManager& scenes) {
    auto* attract = dynamic_cast<AttractScene*>(&scenes.current());
    return attract && attract->reminding_to_take_card();
}

domain::DeviceStatus reader_status(domain::DeviceState state) {
    domain::DeviceStatus status;
    status.kind = domain::DeviceKind::IdCardReader;
    status.state = state;
    status.reason = state == domain::DeviceState::Ready ? "" : "unplugged";
    return status;
}

TEST_F(CardEventsTest, AFailedReadTellsTheCitizenWhatToDoOnAttractHomeAndCatalog) {
    struct Case {
        ErrorCode code;
        std::string_view key;
        Tone tone;
    };
    const Case cases[] = {{ErrorCode::Device, "card.unreadable", Tone::Warning},
                          {ErrorCode::Timeout, "card.unreadable", Tone::Warning}};
    for (const char* scene : {"attract", "home", "catalog"}) {
        for (const Case& c : cases) {
            SCOPED_TRACE(std::string(scene) + " " + to_string(c.code));
            ASSERT_TRUE(m_scenes->start_at(scene));
            SceneId here = m_scenes->current_id();
            m_scenes->handle_event(failed_read(c.code));
            EXPECT_EQ(m_scenes->notice_key(), c.key);
            EXPECT_EQ(m_scenes->notice().tone(), c.tone);
            EXPECT_EQ(m_scenes->notice().text(), m_tr->tr(c.key));
            EXPECT_EQ(m_scenes->notice().text().find(kEngineersText), std::string::npos);
            EXPECT_EQ(m_scenes->current_id(), here) << "a failed read moved the citizen";
            EXPECT_FALSE(m_citizen->active()) << "a failed read started a session";
            EXPECT_EQ(m_citizen->identity(), nullptr);
            draw();
        }
    }
    EXPECT_EQ(count_audit("session.started"), 0);
}

// A card whose contents fail the checks reads the same every time: a screen of its own says so and
// offers another way, instead of a notice that fades while the citizen keeps trying.
TEST_F(CardEventsTest, AnInvalidCardOpensTheProblemSceneWithAWayOnFromAttractHomeAndCatalog) {
    for (const char* scene : {"attract", "home", "catalog"}) {
        SCOPED_TRACE(scene);
        ASSERT_TRUE(m_scenes->start_at(scene));
        SceneId here = m_scenes->current_id();
        m_scenes->handle_event(failed_read(ErrorCode::InvalidData));
        ASSERT_EQ(m_scenes->current_id(), SceneId::Problem);
        EXPECT_TRUE(m_scenes->notice_key().empty());
        EXPECT_FALSE(m_citizen->active()) << "a failed read started a session";
        EXPECT_EQ(m_citizen->identity(), nullptr);
        draw();
        m_scenes->handle_event(failed_read(ErrorCode::InvalidData)); // placed again: no second screen
        EXPECT_EQ(m_scenes->current_id(), SceneId::Problem);
        auto& problem = dynamic_cast<ProblemScene&>(m_scenes->current());
        ASSERT_TRUE(problem.passport_button().visible()) << "nobody is identified: another way in";
        tap(kNavBack);
        EXPECT_EQ(m_scenes->current_id(), here) << "back returns where the card was placed";
    }
    ASSERT_TRUE(m_scenes->start_at("home"));
    m_scenes->handle_event(failed_read(ErrorCode::InvalidData));
    tap(dynamic_cast<ProblemScene&>(m_scenes->current()).passport_button().bounds().centre());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Identify);
    EXPECT_EQ(count_audit("session.started"), 0);
}

TEST_F(CardEventsTest, AFailedReadIsToldInTheCitizensLanguageAndFollowsTheToggle) {
    m_scenes->start();
    tap(kAttractTouchAnywhere);
    tap(kHeaderLanguageToggle);
    ASSERT_EQ(m_tr->language(), Language::En);
    m_scenes->handle_event(failed_read(ErrorCode::Device));
    std::string english = m_scenes->notice().text();
    EXPECT_EQ(english, m_tr->tr("card.unreadable"));
    tap(kHeaderLanguageToggle);
    ASSERT_EQ(m_tr->language(), Language::ZhCN);
    EXPECT_EQ(m_scenes->notice_key(), "card.unreadable") << "the toggle is not the notice";
    EXPECT_EQ(m_scenes->notice().text(), m_tr->tr("card.unreadable"));
    EXPECT_NE(m_scenes->notice().text(), english);
}

TEST_F(CardEventsTest, AFailedReadShowsNothingOnTheOutOfServiceScreen) {
    m_scenes->start();
    m_scenes->set_out_of_service("staff");
    for (ErrorCode code : {ErrorCode::Device, ErrorCode::Timeout, ErrorCode::InvalidData}) {
        m_scenes->handle_event(failed_read(code));
        EXPECT_TRUE(m_scenes->notice_key().empty()) << to_string(code);
        EXPECT_EQ(m_scenes->current_id(), SceneId::OutOfService);
        EXPECT_FALSE(m_citizen->active());
    }
    draw();
}

TEST_F(CardEventsTest, AFailedReadMidSessionKeepsTheIdentityAlreadyRead) {
    start_identified_session_at_home();
    std::string name = m_citizen->identity()->name;
    m_scenes->handle_event(failed_read(ErrorCode::InvalidData));
    ASSERT_EQ(m_scenes->current_id(), SceneId::Problem);
    ASSERT_NE(m_citizen->identity(), nullptr);
    EXPECT_EQ(m_citizen->identity()->name, name);
    auto& problem = dynamic_cast<ProblemScene&>(m_scenes->current());
    EXPECT_FALSE(problem.passport_button().visible()) << "already identified: only back";
    tap(kNavBack);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_TRUE(m_citizen->active());
}

TEST_F(CardEventsTest, TakingTheCardBackMidSessionKeepsTheSessionAndTheIdentityForNow) {
    start_identified_session_at_home();
    m_scenes->go<SceneId::Catalog>(CatalogShelf::Packages);
    std::string name = m_citizen->identity()->name;
    ASSERT_TRUE(m_scenes->card_on_reader());
    m_scenes->handle_event(services::CardRemoved{});
    EXPECT_FALSE(m_scenes->card_on_reader());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Catalog);
    EXPECT_TRUE(m_citizen->active());
    ASSERT_NE(m_citizen->identity(), nullptr);
    EXPECT_EQ(m_citizen->identity()->name, name);
    EXPECT_EQ(count_audit("session.wiped"), 0);
    EXPECT_EQ(m_scenes->notice_key(), "card.removed");
    EXPECT_EQ(m_scenes->notice().tone(), Tone::Warning) << "it asks for the card back";
    draw();
}

TEST_F(CardEventsTest, ARemovedCardThatIdentifiedNobodyIsNotAnnounced) {
    m_scenes->start();
    m_scenes->handle_event(services::CardRemoved{});
    EXPECT_TRUE(m_scenes->notice_key().empty());
    tap(kAttractTouchAnywhere); // a session without a card
    m_scenes->handle_event(failed_read(ErrorCode::Device));
    m_scenes->handle_event(services::CardRemoved{});
    EXPECT_EQ(m_scenes->notice_key(), "card.unreadable") << "the unreadable card identified nobody";
}

TEST_F(CardEventsTest, ASessionEndingWithTheCardOnTheReaderAsksForItOnTheAttractScreen) {
    for (auto reason : {services::SessionEndReason::Done, services::SessionEndReason::Cancelled,
                        services::SessionEndReason::Timeout}) {
        SCOPED_TRACE(services::to_string(reason));
        start_identified_session_at_home();
        if (reason == services::SessionEndReason::Timeout)
            advance_and_tick(warning_after() + countdown());
        else
            m_scenes->end_session(reason);
        EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
        EXPECT_EQ(m_citizen->identity(), nullptr) << "the reminder must not keep the identity";
        EXPECT_TRUE(reminding_to_take_card(*m_scenes));
        draw();
        m_scenes->handle_event(services::CardRemoved{});
    }
}

TEST_F(CardEventsTest, TakingTheCardEndsTheReminderWithoutANotice) {
    start_identified_session_at_home();
    m_scenes->end_session(services::SessionEndReason::Done);
    ASSERT_TRUE(reminding_to_take_card(*m_scenes));
    draw();
    m_scenes->handle_event(services::CardRemoved{});
    EXPECT_FALSE(reminding_to_take_card(*m_scenes));
    EXPECT_TRUE(m_scenes->wants_redraw());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_TRUE(m_scenes->notice_key().empty()) << "nobody's session is left to carry on";
}

TEST_F(CardEventsTest, TheReminderLastsAtMostAMinute) {
    m_clock.advance(10s); // so that the minute does not end with the reminder, redrawing anyway
    start_identified_session_at_home();
    m_scenes->end_session(services::SessionEndReason::Done);
    advance_and_tick(59s);
    draw();
    EXPECT_TRUE(reminding_to_take_card(*m_scenes));
    EXPECT_TRUE(advance_and_tick(1s)) << "the screen was not redrawn without the reminder";
    EXPECT_FALSE(reminding_to_take_card(*m_scenes));
}

TEST_F(CardEventsTest, NoReminderWhenTheCardWasTakenBeforeTheEnd) {
    start_identified_session_at_home();
    m_scenes->handle_event(services::CardRemoved{});
    m_scenes->end_session(services::SessionEndReason::Done);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_FALSE(reminding_to_take_card(*m_scenes));
    EXPECT_TRUE(m_scenes->notice_key().empty()) << "the card-removed notice outlived its session";
}

TEST_F(CardEventsTest, ACardReadDuringTheReminderStartsTheNextCitizensSession) {
    start_identified_session_at_home();
    m_scenes->end_session(services::SessionEndReason::Done);
    ASSERT_TRUE(reminding_to_take_card(*m_scenes));
    m_scenes->handle_event(sample_card(1));
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_TRUE(m_citizen->active());
    ASSERT_NE(m_citizen->identity(), nullptr);
    EXPECT_EQ(m_citizen->identity()->name, drivers::SimIdCardReader::sample_identity(1).name);
    m_scenes->end_session(services::SessionEndReason::Done);
    EXPECT_TRUE(reminding_to_take_card(*m_scenes)) << "the second card lies there too";
}

TEST_F(CardEventsTest, AnotherCitizensCardMidVisitStartsOverAtTheirGreeting) {
    start_identified_session_at_home();
    m_scenes->set_language(Language::En);
    m_scenes->go<SceneId::Checklist>({"package:newborn"});
    ASSERT_TRUE(m_citizen->select("package:newborn"));
    m_scenes->go<SceneId::Form>();
    m_citizen->set_field("phone", "13800138000");
    m_scenes->handle_event(failed_read(ErrorCode::Device)); // a notice about the first visit
    ASSERT_FALSE(m_scenes->notice_key().empty());

    m_scenes->handle_event(sample_card(1));
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home) << "the second citizen was left on the first's form";
    ASSERT_NE(m_citizen->identity(), nullptr);
    EXPECT_EQ(m_citizen->identity()->name, drivers::SimIdCardReader::sample_identity(1).name);
    EXPECT_EQ(m_citizen->item(), nullptr);
    EXPECT_TRUE(m_citizen->typed().empty());
    EXPECT_TRUE(m_scenes->notice_key().empty()) << "a notice of the first visit stayed";
    EXPECT_EQ(m_tr->language(), m_options.default_language) << "the first citizen's language stayed";
    ASSERT_NE(last_audit("session.wiped"), nullptr);
    EXPECT_NE(last_audit("session.wiped")->detail.find("reason=other-card"), std::string::npos);
    draw();
    m_scenes->back(); // below the greeting lies the first scene, not the first citizen's screens
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_FALSE(m_citizen->active());
}

TEST_F(CardEventsTest, TheNoticeGoesAfterItsTime) {
    m_scenes->start();
    m_scenes->tick();
    m_scenes->handle_event(failed_read(ErrorCode::Device));
    draw();
    EXPECT_FALSE(advance_and_tick(SceneManager::kNoticeDuration - 1ms));
    EXPECT_EQ(m_scenes->notice_key(), "card.unreadable");
    EXPECT_TRUE(advance_and_tick(1ms)) << "the notice went without a redraw";
    EXPECT_TRUE(m_scenes->notice_key().empty());
}

TEST_F(CardEventsTest, ATapOnTheNoticeDismissesItAndGoesNoFurther) {
    m_scenes->start();
    m_scenes->handle_event(failed_read(ErrorCode::Device));
    draw();
    Rect card = m_scenes->notice().card();
    ASSERT_GT(card.w, 0);
    tap({card.x + card.w / 2, card.y + card.h / 2});
    EXPECT_TRUE(m_scenes->notice_key().empty());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract) << "the tap went through to 'touch to start'";
    EXPECT_FALSE(m_citizen->active());
}

TEST_F(CardEventsTest, ATouchBesideTheNoticeReachesTheScreen) {
    m_scenes->start();
    m_scenes->handle_event(failed_read(ErrorCode::Device));
    draw();
    Rect card = m_scenes->notice().card();
    tap({card.x + card.w / 2, card.bottom() + 40}); // just below it, on "touch anywhere to start"
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
}

TEST_F(CardEventsTest, TheNoticeStaysClearOfTheHeaderAndTheNavigationBar) {
    for (Rect screen : {kScreen, kPortraitScreen}) {
        SCOPED_TRACE(screen.w);
        m_citizen->end(services::SessionEndReason::Done);
        m_scenes.reset(); // before the next one takes the context's navigator
        m_scenes = std::make_unique<SceneManager>(*m_context, citizen_flow(), screen);
        start_identified_session_at_home();
        m_scenes->set_language(Language::En); // the longer texts
        m_scenes->go<SceneId::Catalog>(CatalogShelf::Packages);
        for (ErrorCode code : {ErrorCode::Device, ErrorCode::Timeout}) {
            m_scenes->handle_event(failed_read(code));
            draw();
            // It hangs from the header (over the hall name and clock), left of the language toggle
            // and above the back/home bar.
            Rect card = m_scenes->notice().card();
            EXPECT_GE(card.y, 0);
            EXPECT_LT(card.y, m_theme.px(m_theme.header_height));
            EXPECT_LE(card.bottom(), screen.h - m_theme.px(m_theme.button_height + 40));
            EXPECT_GE(card.x, 0);
            EXPECT_LE(card.right(), m_scenes->language_toggle_bounds().x);
        }
    }
}

TEST_F(CardEventsTest, GoingOutOfServiceTakesTheNoticeAway) {
    m_scenes->start();
    m_scenes->handle_event(failed_read(ErrorCode::Device));
    m_scenes->set_out_of_service("staff");
    EXPECT_TRUE(m_scenes->notice_key().empty());
}

TEST_F(CardEventsTest, TheIdCardOptionSaysWhenTheReaderCannotBeUsed) {
    m_scenes->start();
    m_scenes->handle_event(services::DeviceStatusChanged{reader_status(domain::DeviceState::Absent)});
    tap(kAttractTouchAnywhere);
    auto* home = dynamic_cast<HomeScene*>(&m_scenes->current());
    ASSERT_NE(home, nullptr);
    EXPECT_FALSE(home->idcard_option().enabled());
    EXPECT_EQ(home->idcard_option().subtitle(), m_tr->tr("home.idcard_unavailable"));
    draw();
    m_scenes->handle_event(services::DeviceStatusChanged{reader_status(domain::DeviceState::Ready)});
    EXPECT_TRUE(home->idcard_option().enabled());
    EXPECT_EQ(home->idcard_option().subtitle(), m_tr->tr("home.idcard_subtitle"));
    m_scenes->handle_event(services::DeviceStatusChanged{reader_status(domain::DeviceState::Fault)});
    EXPECT_FALSE(home->idcard_option().enabled());
    EXPECT_EQ(home->idcard_option().subtitle(), m_tr->tr("home.idcard_unavailable"));
}

TEST_F(CardEventsTest, TheGreetingShowsTheCardPhotoAtTwiceItsSize) {
    constexpr Color kFirst{0xE0, 0x10, 0xD0}, kSecond{0x10, 0xE0, 0xD0}; // nowhere else on screen
    m_scenes->start();
    m_scenes->handle_event(services::CardRead{with_photo(0, kFirst)});
    ASSERT_EQ(m_scenes->current_id(), SceneId::Home);
    draw();
    EXPECT_GE(count_pixels(kFirst), 204 * 252 * 9 / 10);
    EXPECT_LE(count_pixels(kFirst), 204 * 252);
    // Another card on the home screen: the first cardholder's photo goes with their identity.
    m_scenes->handle_event(services::CardRead{with_photo(1, kSecond)});
    draw();
    EXPECT_EQ(count_pixels(kFirst), 0);
    EXPECT_GE(count_pixels(kSecond), 204 * 252 * 9 / 10);
    m_scenes->end_session(services::SessionEndReason::Done);
    draw();
    EXPECT_EQ(count_pixels(kSecond), 0);
}

TEST_F(CardEventsTest, WithoutAUsablePhotoTheGreetingShowsNoPlaceholder) {
    start_identified_session_at_home();
    uint64_t without_photo = draw();
    domain::Identity broken = drivers::SimIdCardReader::sample_identity(0);
    broken.photo_rgb.assign(1024, 0x80); // undecoded bytes, not 102 × 126 pixels
    broken.photo_width = 102;
    broken.photo_height = 126;
    m_scenes->handle_event(services::CardRead{std::move(broken)});
    EXPECT_EQ(draw(), without_photo);
}

} // namespace
} // namespace kiosk::ui::test
