// What a print takes from the paper, as PrintService tells the consumables counter: a receipt's length
// from its PDF's MediaBox, an A4 print's page count, booked when the print completed, when it ended
// uncertain (it may have come out) or jammed — never when it was refused before printing. And the PDF
// measure itself, on Cairo's own layout and on bytes that are not what they claim.

#include "services/PrintUsage.h"
#include "FakeUiThread.h"
#include "drivers/printer/SimPrinter.h"
#include "services/PrintService.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace kiosk::services {
namespace {

using domain::DeviceKind;
using store::PrintKind;
using test::FakeUiThread;

// A PDF laid out as Cairo writes it (a comment after /Page, spaces inside the box), `pages` pages of
// `height_pt` points.
std::string cairo_like_pdf(int pages, double height_pt) {
    std::string pdf = "%PDF-1.5\n%\xb5\xed\xae\xfb\n";
    for (int page = 1; page <= pages; ++page)
        pdf += fmt::format(
            "{} 0 obj\n<< /Type /Page % {}\n   /Parent 1 0 R\n   /MediaBox [ 0 0 226.771654 {} ]\n"
            "   /Contents 4 0 R\n>>\nendobj\n",
            page + 2, page, height_pt);
    pdf += fmt::format("1 0 obj\n<< /Type /Pages\n   /Kids [ 3 0 R ]\n   /Count {}\n>>\nendobj\n", pages);
    return pdf;
}

std::optional<PdfMeasure> measure(const std::string& text) {
    return measure_pdf(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

TEST(PdfMeasure, AReceiptIsAsLongAsItsOnePage) {
    // 691.27494 pt: the sample receipt as Cairo renders it (kiosk-devctl print render), 243.87 mm.
    auto receipt = measure(cairo_like_pdf(1, 691.27494));
    ASSERT_TRUE(receipt);
    EXPECT_EQ(receipt->pages, 1);
    EXPECT_NEAR(receipt->length_mm, 243.87, 0.01);
    auto three = measure(cairo_like_pdf(3, 841.889764));
    ASSERT_TRUE(three);
    EXPECT_EQ(three->pages, 3);
    EXPECT_NEAR(three->length_mm, 3 * 297.0, 0.01);
}

TEST(PdfMeasure, ABoxInheritedFromThePageTreeCountsForEveryPage) {
    auto inherited =
        measure("%PDF-1.4\n1 0 obj << /Type /Pages /MediaBox [0 0 595 842] /Count 2 >> endobj\n"
                "2 0 obj << /Type/Page /Parent 1 0 R >> endobj 3 0 obj << /Type /Page >> endobj");
    ASSERT_TRUE(inherited);
    EXPECT_EQ(inherited->pages, 2);
    EXPECT_NEAR(inherited->length_mm, 2 * 842 * 25.4 / 72, 0.01);
}

TEST(PdfMeasure, BytesThatAreNotAPrintablePdfAreNotMeasured) {
    EXPECT_FALSE(measure(""));
    EXPECT_FALSE(measure("%PDF-1.7 receipt 1")); // no page at all
    EXPECT_FALSE(measure("<html>/Type /Page /MediaBox [0 0 1 1]</html>"));
    // A page without a readable box: counted, length unknown.
    for (const char* box : {"[0 0 595]", "[0 0 595 nan]", "[0 0 595 1e9]", "[0 0 595 842", "0 0 595 842]"}) {
        auto odd = measure(std::string("%PDF-1.4 << /Type /Page /MediaBox ") + box + " >>");
        ASSERT_TRUE(odd) << box;
        EXPECT_EQ(odd->pages, 1);
        EXPECT_EQ(odd->length_mm, 0) << box;
    }
    // Bytes that end inside the box (found by fuzz_pdf_measure: read past the end before).
    auto cut = measure("%PDF-1.4 << /Type /Page /MediaBox [0 0 595");
    ASSERT_TRUE(cut);
    EXPECT_EQ(cut->length_mm, 0);
    // /Pages, /PageLabels and /Type /Pagesize are not pages.
    EXPECT_FALSE(measure("%PDF-1.4 << /Type /Pages >> << /Type /PageLabels >> << /Type /Pagesize >>"));
}

// Renders every template as a PDF of its kind: receipts one page of 200 mm, the rest two A4 pages.
Result<std::vector<uint8_t>> render(const std::string& template_name, const nlohmann::json&) {
    std::string pdf =
        template_name == "receipt" ? cairo_like_pdf(1, 200 * 72 / 25.4) : cairo_like_pdf(2, 841.89);
    return std::vector<uint8_t>(pdf.begin(), pdf.end());
}

class PrintUsageTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_service.set_usage_hook([this](const PrintUsage& usage) { m_booked.push_back(usage); });
        m_hub.start();
        ASSERT_TRUE(m_ui.wait_until([this] {
            return m_hub.usable(DeviceKind::ReceiptPrinter) && m_hub.usable(DeviceKind::A4Printer);
        }));
    }
    void TearDown() override { m_hub.stop(); }

    PrintTicket print(PrintKind kind) {
        auto ticket =
            m_service.print(PrintRequest{kind, "YC1", kind == PrintKind::Receipt ? "receipt" : "checklist"});
        EXPECT_TRUE(ticket.ok()) << ticket.error().describe();
        return ticket.ok() ? ticket.value() : PrintTicket{};
    }
    // Waits for the end of the ticket's job and hands it to the service, as the app does.
    void follow(const PrintTicket& ticket) {
        auto event = m_ui.wait_for([&](const AppEvent& e) {
            if (auto* done = std::get_if<PrintCompleted>(&e))
                return done->printer == ticket.printer && done->job_id == ticket.job_id;
            if (auto* failed = std::get_if<PrintFailed>(&e))
                return failed->printer == ticket.printer && failed->job_id == ticket.job_id;
            return false;
        });
        ASSERT_TRUE(event);
        m_service.note(*event);
    }

    drivers::SimPrinter m_receipt_printer{DeviceKind::ReceiptPrinter, 200};
    drivers::SimPrinter m_a4_printer{DeviceKind::A4Printer, 100};
    AppEventQueue m_queue;
    FakeUiThread m_ui{m_queue, &m_hub};
    DeviceHub m_hub{{nullptr, nullptr, nullptr, &m_receipt_printer, &m_a4_printer}, m_queue};
    PrintService m_service{m_hub, render, nullptr, {}};
    std::vector<PrintUsage> m_booked;
};

TEST_F(PrintUsageTest, AReceiptBooksItsLengthAndAnA4PrintItsPagesWhenTheyComplete) {
    follow(print(PrintKind::Receipt));
    follow(print(PrintKind::Checklist));
    ASSERT_EQ(m_booked.size(), 2u);
    EXPECT_EQ(m_booked[0].printer, DeviceKind::ReceiptPrinter);
    EXPECT_EQ(m_booked[0].kind, PrintKind::Receipt);
    EXPECT_NEAR(m_booked[0].length_mm, 200, 0.01);
    EXPECT_EQ(m_booked[0].outcome, "completed");
    EXPECT_EQ(m_booked[1].printer, DeviceKind::A4Printer);
    EXPECT_EQ(m_booked[1].pages, 2);
    EXPECT_EQ(m_booked[1].outcome, "completed");
}

TEST_F(PrintUsageTest, AnUncertainEndOrAJamTakesThePaperToo) {
    // The printer lost the job after taking it: it may have come out (drivers::PrintFailed::uncertain).
    auto lost = print(PrintKind::Receipt);
    m_service.note(PrintFailed{DeviceKind::ReceiptPrinter, lost.job_id,
                               make_error(ErrorCode::Device, "job lost"), "", true});
    ASSERT_EQ(m_booked.size(), 1u);
    EXPECT_EQ(m_booked[0].outcome, "uncertain");
    EXPECT_NEAR(m_booked[0].length_mm, 200, 0.01);

    m_a4_printer.jam();
    follow(print(PrintKind::Checklist));
    ASSERT_EQ(m_booked.size(), 2u);
    EXPECT_EQ(m_booked[1].outcome, "media-jam");
    EXPECT_EQ(m_booked[1].pages, 2);
}

TEST_F(PrintUsageTest, APrintRefusedBeforePrintingTakesNothing) {
    // Refused by the queue (no reason, certainly not printed), or stopped for want of paper.
    auto refused = print(PrintKind::Receipt);
    m_service.note(PrintFailed{DeviceKind::ReceiptPrinter, refused.job_id,
                               make_error(ErrorCode::Device, "client-error-document-format-not-supported"),
                               "", false});
    auto empty = print(PrintKind::Checklist);
    m_service.note(PrintFailed{DeviceKind::A4Printer, empty.job_id,
                               make_error(ErrorCode::Device, "out of paper"), "media-empty", false});
    // A printer that cannot print refuses before anything is queued.
    m_receipt_printer.set_paper(0);
    ASSERT_TRUE(m_ui.wait_until([this] { return !m_hub.usable(DeviceKind::ReceiptPrinter); }));
    EXPECT_FALSE(m_service.print(PrintRequest{PrintKind::Receipt, "YC2", "receipt"}).ok());
    EXPECT_TRUE(m_booked.empty());
}

} // namespace
} // namespace kiosk::services
