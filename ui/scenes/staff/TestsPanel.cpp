// The tests tab: print the receipt and A4 test pages, scan a page, read a card, scan a QR code. Each
// button asks the desk to start the test (StaffDesk::start_test: the role and the device are its to
// check, and a refusal is said on screen); the result comes as the device's usual event, is shown
// here and handed back to the desk for the audit log (record_test: "ok" or the reason keyword).
//
// A test the role may not run is greyed and says which role it needs; a tap on it still asks the
// desk, which refuses and audits the attempt. A card read shows the identity masked as the hall's
// screens mask it (domain::mask_name, mask_id_number) and nothing else of it is kept; a QR code
// shows what kind of payload it is and its length, never its text.
//
// A scan shows the page the scanner gave (StaffDesk::test_scan): a preview fitted in the panel, with
// its size in pixels and the resolution. The page is a staff artefact: the desk deletes it when the
// next test starts, when this tab closes (the panel's end) and when maintenance ends.

#include "core/base/LocalizedText.h"
#include "core/domain/Identity.h"
#include "core/domain/QrPayload.h"
#include "ui/scenes/staff/StaffPanel.h"
#include "ui/scenes/staff/StaffWords.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Label.h"
#include "ui/toolkit/Painter.h"
#include "ui/toolkit/Picture.h"
#include "ui/toolkit/TapArea.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace kiosk::ui {

namespace {

struct TestRow {
    DeviceTest test;
    domain::DeviceKind device;
    const char* title;
    const char* prompt; // what staff do while it runs; nullptr: nothing
};

constexpr std::array<TestRow, 5> kTests{{
    {DeviceTest::ReceiptPage, domain::DeviceKind::ReceiptPrinter, "staff.test.receipt_page", nullptr},
    {DeviceTest::A4Page, domain::DeviceKind::A4Printer, "staff.test.a4_page", nullptr},
    {DeviceTest::Scan, domain::DeviceKind::Scanner, "staff.test.scan", "staff.test.prompt_scan"},
    {DeviceTest::Card, domain::DeviceKind::IdCardReader, "staff.test.card", "staff.test.prompt_card"},
    {DeviceTest::Qr, domain::DeviceKind::QrScanner, "staff.test.qr", "staff.test.prompt_qr"},
}};

domain::StaffAction action_of(DeviceTest test) {
    return test == DeviceTest::ReceiptPage || test == DeviceTest::A4Page ? domain::StaffAction::TestPrint
                                                                         : domain::StaffAction::TestDevices;
}

const char* qr_kind_key(domain::QrPayloadKind kind) {
    switch (kind) {
    case domain::QrPayloadKind::ReceiptToken:
        return "staff.qr_kind.receipt_token";
    case domain::QrPayloadKind::AllowedUrl:
        return "staff.qr_kind.allowed_url";
    case domain::QrPayloadKind::Text:
        return "staff.qr_kind.text";
    case domain::QrPayloadKind::StaffBadge:
        return "staff.qr_kind.staff_badge";
    }
    return "staff.qr_kind.text";
}

class TestsPanel final : public StaffPanel {
public:
    TestsPanel(SceneContext& context, StaffDesk& desk) : StaffPanel(context, desk) {
        for (size_t i = 0; i < kTests.size(); ++i) {
            m_buttons[i].on_click([this, i] { start(kTests[i]); });
            m_refused[i].on_tap([this, i] { start(kTests[i]); }); // greyed: the desk refuses, audited
        }
        if (m_desk.test_scan()) { // a page the desk still holds (screenshots of this tab)
            m_last = Last{kTests[2], "ok"};
            show_scan_page();
        }
    }
    ~TestsPanel() override {
        forget();
        m_desk.discard_test_scan(); // the tab closes: the test page goes
    }

    void layout(Rect content) override {
        const Theme& theme = m_ctx.theme;
        m_root.clear();
        bool portrait = content.h > content.w;
        int button_w = theme.px(480), row_h = theme.px(theme.button_height), gap = theme.px(18);
        Rect list = content;
        Rect results = content;
        if (portrait) {
            list = results.take_top(static_cast<int>(kTests.size()) * (row_h + gap) + theme.px(24));
        } else {
            list = results.take_left(std::min(content.w / 2, theme.px(920)));
            results.take_left(theme.px(40));
        }
        for (size_t i = 0; i < kTests.size(); ++i) {
            auto action = action_of(kTests[i].test);
            bool allowed = m_desk.may(action);
            Rect row{list.x, list.y + static_cast<int>(i) * (row_h + gap), list.w, row_h};
            m_buttons[i].set_text(tr(kTests[i].title));
            m_buttons[i].set_enabled(allowed);
            m_buttons[i].set_bounds({row.x, row.y, button_w, row_h});
            m_needs[i].set_text(allowed ? std::string() : needs_role(action));
            m_needs[i].set_style({theme.font_small, true, theme.warning});
            m_needs[i].set_bounds(
                {row.x + button_w + theme.px(24), row.y, row.w - button_w - theme.px(24), row_h});
            m_refused[i].set_bounds(m_buttons[i].bounds());
            m_refused[i].set_visible(!allowed);
            m_root.add(m_buttons[i]);
            m_root.add(m_needs[i]);
            m_root.add(m_refused[i]); // over the greyed button
        }
        m_heading.set_text(tr("staff.test.results"));
        m_heading.set_style({theme.font_heading, true, theme.text});
        m_heading.set_bounds(results.take_top(theme.px(70)));
        m_status.set_bounds(results.take_top(theme.px(110)));
        m_detail_box = results.take_top(theme.px(portrait ? 110 : 170));
        results.take_top(theme.px(12));
        m_page_box = results;
        m_root.add(m_heading);
        m_root.add(m_status);
        refresh_status();
    }

    bool on_event(const services::AppEvent& event) override {
        if (!m_running)
            return false;
        DeviceTest test = m_running->test;
        std::optional<std::string> outcome; // "ok" or a reason keyword: the test ended
        if (const auto* done = std::get_if<services::PrintCompleted>(&event)) {
            if (done->printer == m_running->device)
                outcome = "ok";
        } else if (const auto* failed = std::get_if<services::PrintFailed>(&event)) {
            if (failed->printer == m_running->device)
                outcome = !failed->reason.empty() ? failed->reason
                          : failed->uncertain     ? "job-lost"
                                                  : "print-failed";
        } else if (test == DeviceTest::Scan && std::holds_alternative<services::ScanCompleted>(event)) {
            outcome = "ok";
            show_scan_page();
        } else if (test == DeviceTest::Scan && std::holds_alternative<services::ScanFailed>(event)) {
            const auto& status = m_ctx.devices.status(domain::DeviceKind::Scanner);
            outcome = !status.usable() && !status.reason.empty() ? status.reason : "scan-failed";
        } else if (const auto* card = std::get_if<services::CardRead>(&event);
                   card && test == DeviceTest::Card) {
            outcome = "ok";
            set_detail(m_ctx.tr.format("staff.test.card_identity",
                                       {{"name", domain::mask_name(card->identity.name)},
                                        {"number", domain::mask_id_number(card->identity.id_number)}}));
        } else if (const auto* bad = std::get_if<services::CardReadFailed>(&event);
                   bad && test == DeviceTest::Card) {
            outcome = bad->error.code == ErrorCode::InvalidData ? "card-invalid" : "card-unreadable";
        } else if (const auto* code = std::get_if<services::QrScanned>(&event);
                   code && test == DeviceTest::Qr) {
            outcome = "ok";
            set_detail(describe_code(code->text));
        } else if (std::holds_alternative<services::QrRejected>(event) && test == DeviceTest::Qr) {
            outcome = "qr-rejected";
        }
        if (!outcome)
            return false;
        m_last = Last{*m_running, *outcome};
        m_running.reset();
        m_desk.record_test(test, *outcome);
        refresh_status();
        return true;
    }

    std::vector<std::string> texts() const override {
        std::vector<std::string> shown;
        for (size_t i = 0; i < kTests.size(); ++i) {
            shown.push_back(m_buttons[i].text());
            if (!m_needs[i].text().empty())
                shown.push_back(m_needs[i].text());
        }
        if (!m_status.text().empty())
            shown.push_back(m_status.text());
        if (!m_detail.empty())
            shown.push_back(m_detail);
        return shown;
    }

    void draw(Painter& painter) override {
        StaffPanel::draw(painter);
        painter.draw_paragraph(m_detail, {m_ctx.theme.font_body, false, m_ctx.theme.text}, m_detail_box);
        if (!m_preview.empty()) { // textures are made on the UI thread as it draws
            m_page = painter.create_picture_rgb(m_preview, m_preview_width, m_preview_height);
            m_preview.clear();
            m_preview.shrink_to_fit();
        }
        if (m_page && m_page_box.w > 0 && m_page_box.h > 0) {
            Rect target = fit(m_page.width(), m_page.height(), m_page_box);
            const Theme& theme = m_ctx.theme;
            painter.fill_rect(target.inset(-theme.px(2)), theme.border); // the sheet's edge on the panel
            painter.draw_picture(m_page, target);
        }
    }

private:
    struct Last {
        TestRow row;
        std::string outcome;
    };

    std::string needs_role(domain::StaffAction action) const {
        return m_ctx.tr.format("staff.needs_role", {{"role", tr(role_key(domain::minimum_role(action)))}});
    }

    // `width` × `height` scaled to fit `box`, centred at its top.
    static Rect fit(int width, int height, Rect box) {
        double scale = std::min(static_cast<double>(box.w) / width, static_cast<double>(box.h) / height);
        int w = std::max(1, static_cast<int>(width * scale)),
            h = std::max(1, static_cast<int>(height * scale));
        return {box.x + (box.w - w) / 2, box.y, w, h};
    }

    // The scan test's page from the desk: its preview (uploaded as it is drawn) and what it is.
    void show_scan_page() {
        auto page = m_desk.test_scan();
        if (!page || page->preview.empty()) {
            set_detail(tr("staff.test.scan_done"));
            return;
        }
        set_detail(m_ctx.tr.format("staff.test.scan_page", {{"width", std::to_string(page->width)},
                                                            {"height", std::to_string(page->height)},
                                                            {"dpi", std::to_string(page->dpi)}}));
        m_preview = std::move(page->preview);
        m_preview_width = page->preview_width;
        m_preview_height = page->preview_height;
    }

    void start(const TestRow& row) {
        forget();
        m_last.reset();
        m_refusal.clear();
        auto started = m_desk.start_test(row.test);
        if (!started.ok()) {
            const auto& status = m_ctx.devices.status(row.device);
            m_refusal = started.error().code == ErrorCode::Denied
                            ? needs_role(action_of(row.test))
                            : m_ctx.tr.format("staff.test.device_not_ready",
                                              {{"reason", reason_words(m_ctx.tr, status.reason)}});
            m_refused_row = row;
        } else {
            m_running = row;
        }
        refresh_status();
    }

    std::string describe_code(const std::string& payload) const {
        domain::QrPayloadPolicy policy;
        policy.receipt_base_url = m_ctx.options.qr_payloads.receipt_base_url;
        policy.url_allowlist = m_ctx.options.qr_payloads.url_allowlist;
        auto code = domain::classify_qr_payload(payload, policy);
        std::string kind = code.ok() ? tr(qr_kind_key(code->kind)) : tr("staff.qr_kind.refused");
        return m_ctx.tr.format("staff.test.qr_payload",
                               {{"kind", kind}, {"bytes", std::to_string(payload.size())}});
    }

    void set_detail(std::string text) {
        forget();
        m_detail = std::move(text);
    }

    // What a card read showed (masked) and a scanned page go when the next test starts or the tab closes.
    void forget() {
        secure_wipe(m_detail);
        m_detail.clear();
        m_page.reset();
        m_preview.clear();
    }

    void refresh_status() {
        const Theme& theme = m_ctx.theme;
        std::string text;
        Color colour = theme.text;
        if (m_running) {
            text = m_ctx.tr.format("staff.test.running", {{"test", tr(m_running->title)}});
            if (m_running->prompt)
                text += " " + tr(m_running->prompt);
            colour = theme.primary;
        } else if (!m_refusal.empty()) {
            text = m_ctx.tr.format("staff.test.refused",
                                   {{"test", tr(m_refused_row.title)}, {"reason", m_refusal}});
            colour = theme.danger;
        } else if (m_last && m_last->outcome == "ok") {
            text = m_ctx.tr.format("staff.test.passed", {{"test", tr(m_last->row.title)}});
            colour = theme.success;
        } else if (m_last) {
            text =
                m_ctx.tr.format("staff.test.failed", {{"test", tr(m_last->row.title)},
                                                      {"reason", reason_words(m_ctx.tr, m_last->outcome)}});
            colour = theme.danger;
        } else {
            text = tr("staff.test.none");
            colour = theme.text_muted;
        }
        m_status.set_text(std::move(text));
        m_status.set_style({theme.font_body, true, colour});
    }

    std::array<Button, kTests.size()> m_buttons;
    std::array<Label, kTests.size()> m_needs;
    std::array<TapArea, kTests.size()> m_refused;
    Label m_heading;
    Label m_status{std::string(), TextStyle{}, Align::Start, true};
    std::string m_detail; // the masked identity, the code's kind and length, "scanned"
    Rect m_detail_box;
    Rect m_page_box;                // where the scanned page's preview fits
    Picture m_page;                 // the scanned page on screen
    std::vector<uint8_t> m_preview; // its pixels until it is drawn (then the texture holds them)
    int m_preview_width = 0, m_preview_height = 0;
    std::optional<TestRow> m_running;
    std::optional<Last> m_last;
    std::string m_refusal;
    TestRow m_refused_row = kTests[0];
};

} // namespace

std::unique_ptr<StaffPanel> make_tests_panel(SceneContext& context, StaffDesk& desk) {
    return std::make_unique<TestsPanel>(context, desk);
}

} // namespace kiosk::ui
