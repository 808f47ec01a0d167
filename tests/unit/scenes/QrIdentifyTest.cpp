// The QR identify screen tells the citizen what the scanner made of their code: a code it read (QR
// identity checks are not available yet, so it says so) and a payload it refused are two different
// messages, and neither leaves the screen or ends the session. A code is classified first: one of our
// receipt tokens, an allowlisted link, or text quoted as text; control characters are refused.

#include "SceneHarness.h"

#include "core/base/Result.h"
#include "ui/scenes/IdentifyScene.h"
#include "ui/scenes/ProgressScene.h"

namespace kiosk::ui::test {
namespace {

using QrIdentifyTest = SceneTest;

TEST_F(QrIdentifyTest, ARefusedCodeAndAReadCodeShowDifferentMessagesOnTheSameScreen) {
    m_scenes->start();
    m_scenes->go<SceneId::Identify>(IdentifyBy::Qr);
    uint64_t waiting = draw();

    m_scenes->handle_event(services::QrRejected{Error{ErrorCode::InvalidData, "too long"}});
    uint64_t refused = draw();
    EXPECT_EQ(m_scenes->current_id(), SceneId::Identify);
    EXPECT_NE(refused, waiting);

    m_scenes->handle_event(services::QrScanned{"ONEWINDOW:ID:1"});
    uint64_t read = draw();
    EXPECT_EQ(m_scenes->current_id(), SceneId::Identify);
    EXPECT_NE(read, refused);
    EXPECT_NE(read, waiting);
}

TEST_F(QrIdentifyTest, EachKindOfCodeIsToldForWhatItIs) {
    m_options.qr_payloads.url_allowlist = {"https://zwfw.example.gov.cn/"};
    m_scenes->start();
    m_scenes->go<SceneId::Identify>(IdentifyBy::Qr);
    auto status = [&] { return dynamic_cast<IdentifyScene&>(m_scenes->current()).status(); };

    // A receipt's query code asks for the application's progress (no hub here: it says so).
    m_scenes->handle_event(services::QrScanned{"OW1-7KQ2-M9XD-4TPA-Z3R8"});
    ASSERT_EQ(m_scenes->current_id(), SceneId::Progress);
    auto& progress = dynamic_cast<ProgressScene&>(m_scenes->current());
    EXPECT_EQ(progress.lines(), std::vector<std::string>{m_tr->tr("progress.failure.not_configured")});
    draw();
    m_scenes->back();
    ASSERT_EQ(m_scenes->current_id(), SceneId::Identify);

    m_scenes->handle_event(services::QrScanned{"https://zwfw.example.gov.cn/guide/123"});
    EXPECT_EQ(status(), m_tr->format("identify.qr_link", {{"url", "https://zwfw.example.gov.cn/guide/123"}}));

    // A link elsewhere is only text: quoted, never offered.
    m_scenes->handle_event(services::QrScanned{"https://evil.example/zwfw.example.gov.cn/"});
    EXPECT_EQ(status(),
              m_tr->format("identify.qr_text", {{"text", "https://evil.example/zwfw.example.gov.cn/"}}));

    // A staff badge is not a citizen's code: it is named as a staff badge, nothing of it is quoted,
    // and the citizen stays where they are (staff sign in from the staff entry, docs/Maintenance.md).
    m_scenes->handle_event(services::QrScanned{"OWS1.eyJzdGFmZiI6IlMxMDI0In0.c2ln"});
    EXPECT_EQ(status(), m_tr->tr("identify.qr_staff_badge"));
    EXPECT_EQ(status().find("OWS1"), std::string::npos);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Identify);

    // Escape sequences and other control bytes make a screen or terminal show something else: refused.
    m_scenes->handle_event(services::QrScanned{"OK\x1b[2J"});
    EXPECT_EQ(status(), m_tr->tr("identify.qr_unreadable"));

    // A long text is cut at a character boundary, not in the middle of a Chinese character.
    std::string long_text;
    for (int i = 0; i < 100; ++i)
        long_text += "办";
    m_scenes->handle_event(services::QrScanned{long_text});
    std::string shown = status();
    EXPECT_LT(shown.size(), long_text.size());
    EXPECT_NE(shown.find("…"), std::string::npos);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Identify);
    draw();
}

TEST_F(QrIdentifyTest, OnThePassportScreenAQrCodeIsNotTheSceneBusiness) {
    m_scenes->start();
    m_scenes->go<SceneId::Identify>(IdentifyBy::Passport);
    uint64_t before = draw();
    m_scenes->handle_event(services::QrRejected{Error{ErrorCode::InvalidData, "too long"}});
    EXPECT_EQ(draw(), before);
}

} // namespace
} // namespace kiosk::ui::test
