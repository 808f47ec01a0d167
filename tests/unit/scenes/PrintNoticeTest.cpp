// The end of a print is told wherever the citizen is by then, and which words they get comes from the
// printer's reason keyword — a jam, no paper, anything else — never from searching the error's text.

#include "SceneHarness.h"
#include "services/PrintService.h"

#include <gtest/gtest.h>

namespace kiosk::ui::test {
namespace {

class PrintNoticeTest : public SceneTest {
protected:
    void SetUp() override {
        SceneTest::SetUp();
        m_printing = std::make_unique<services::PrintService>(
            *m_devices,
            [](const std::string&, const nlohmann::json&) -> Result<std::vector<uint8_t>> {
                return std::vector<uint8_t>{'%', 'P', 'D', 'F'};
            },
            nullptr, services::PrintService::Queues{});
        attach_printing(m_printing.get());
        start_identified_session_at_home();
    }

    // Prints a receipt on the simulated roll printer and waits for its end.
    void print_and_wait() {
        auto ticket = m_printing->print({store::PrintKind::Receipt, "R-1", "receipt", {}});
        ASSERT_TRUE(ticket.ok()) << ticket.error().describe();
        ASSERT_TRUE(pump_until([&] { return m_printing->pending() == 0; }));
    }

    std::unique_ptr<services::PrintService> m_printing;
};

TEST_F(PrintNoticeTest, APrintThatCameOutSaysTakeThePaper) {
    print_and_wait();
    EXPECT_EQ(m_scenes->notice_key(), "print.done");
}

TEST_F(PrintNoticeTest, AJamIsToldAsAJam) {
    m_receipt_printer.jam();
    print_and_wait();
    EXPECT_EQ(m_scenes->notice_key(), "print.failed_jam");
}

TEST_F(PrintNoticeTest, TheWordsComeFromTheReasonKeywordNotFromTheErrorText) {
    // A failure whose text mentions a jam but whose printer gave no reason: the general words.
    auto ticket = m_printing->print({store::PrintKind::Receipt, "R-2", "receipt", {}});
    ASSERT_TRUE(ticket.ok());
    m_scenes->handle_event(services::PrintFailed{ticket.value().printer, ticket.value().job_id,
                                                 Error{ErrorCode::Device, "media-jam: from a log line"}, ""});
    EXPECT_EQ(m_scenes->notice_key(), "print.failed");
    auto second = m_printing->print({store::PrintKind::Receipt, "R-3", "receipt", {}});
    ASSERT_TRUE(second.ok());
    m_scenes->handle_event(services::PrintFailed{second.value().printer, second.value().job_id,
                                                 Error{ErrorCode::Device, "printer said so"}, "media-empty"});
    EXPECT_EQ(m_scenes->notice_key(), "print.failed_paper");
}

} // namespace
} // namespace kiosk::ui::test
