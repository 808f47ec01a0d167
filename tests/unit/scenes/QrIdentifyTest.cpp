// The QR identify screen tells the citizen what the scanner made of their code: a code it read (QR
// identity checks are not available yet, so it says so) and a payload it refused are two different
// messages, and neither leaves the screen or ends the session.

#include "SceneHarness.h"

#include "kiosk/base/Result.h"

namespace kiosk::ui::test {
namespace {

using QrIdentifyTest = SceneTest;

TEST_F(QrIdentifyTest, ARefusedCodeAndAReadCodeShowDifferentMessagesOnTheSameScreen) {
    m_scenes->start();
    m_scenes->go(SceneId::Identify, "qr");
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

TEST_F(QrIdentifyTest, OnThePassportScreenAQrCodeIsNotTheSceneBusiness) {
    m_scenes->start();
    m_scenes->go(SceneId::Identify, "passport");
    uint64_t before = draw();
    m_scenes->handle_event(services::QrRejected{Error{ErrorCode::InvalidData, "too long"}});
    EXPECT_EQ(draw(), before);
}

} // namespace
} // namespace kiosk::ui::test
