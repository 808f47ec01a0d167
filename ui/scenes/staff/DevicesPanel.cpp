// The device panel: the five devices, each with its status in the one vocabulary (a colour and a
// word), the reason in plain words, the guided fix when hall staff can clear the fault, and its
// history from the desk (last fault, last successful use, counters). Status from the device hub,
// redrawn on every DeviceStatusChanged.

#include "ui/scenes/staff/StaffPanel.h"
#include "ui/scenes/staff/StaffWords.h"

#include <array>
#include <fmt/format.h>

namespace kiosk::ui {

namespace {

constexpr std::array kDevices{domain::DeviceKind::IdCardReader, domain::DeviceKind::Scanner,
                              domain::DeviceKind::QrScanner, domain::DeviceKind::ReceiptPrinter,
                              domain::DeviceKind::A4Printer};

// The counters the desk keeps by their names; another name is shown as it is.
const char* counter_key(std::string_view name) {
    if (name == "prints")
        return "staff.counter.prints";
    if (name == "pages")
        return "staff.counter.pages";
    if (name == "scans")
        return "staff.counter.scans";
    if (name == "reads")
        return "staff.counter.reads";
    if (name == "faults")
        return "staff.counter.faults";
    return nullptr;
}

std::string short_time(WallTime time) {
    auto civil = to_local_civil(time);
    return fmt::format("{:02}-{:02} {:02}:{:02}", civil.month, civil.day, civil.hour, civil.minute);
}

class DevicesPanel final : public StaffPanel {
public:
    using StaffPanel::StaffPanel;

    void layout(Rect content) override {
        m_content = content;
        m_root.clear();
        for (size_t i = 0; i < kDevices.size(); ++i)
            m_rows[i] = read(kDevices[i]);
    }

    bool on_event(const services::AppEvent& event) override {
        if (!std::holds_alternative<services::DeviceStatusChanged>(event))
            return false;
        layout(m_content);
        return true;
    }

    std::vector<std::string> texts() const override {
        std::vector<std::string> shown;
        for (const auto& row : m_rows) {
            for (const auto* text : {&row.name, &row.status, &row.reason, &row.fix})
                if (!text->empty())
                    shown.push_back(*text);
            shown.insert(shown.end(), row.history.begin(), row.history.end());
        }
        return shown;
    }

    void draw(Painter& painter) override {
        const Theme& theme = m_ctx.theme;
        bool portrait = m_content.h > m_content.w;
        int gap = theme.px(12);
        int row_h = (m_content.h - 4 * gap) / 5;
        for (size_t i = 0; i < m_rows.size(); ++i) {
            Rect card{m_content.x, m_content.y + static_cast<int>(i) * (row_h + gap), m_content.w, row_h};
            draw_row(painter, m_rows[i], card, portrait);
        }
    }

private:
    struct Row {
        std::string name;
        StatusWord word = StatusWord::Absent;
        std::string status;
        std::string reason;
        std::string fix;
        std::vector<std::string> history; // last fault, last success, counters
    };

    Row read(domain::DeviceKind kind) const {
        const auto& status = m_ctx.devices.status(kind);
        Row row;
        row.name = tr(device_key(kind));
        row.word = status_word(status);
        row.status = tr(status_key(row.word));
        row.reason = reason_words(m_ctx.tr, status.reason);
        if (row.word == StatusWord::NeedsStaff || row.word == StatusWord::Absent) {
            if (const char* fix = fix_key(status.reason))
                row.fix = tr(fix);
        }
        auto history = m_desk.history(kind);
        if (history.last_fault_at)
            row.history.push_back(m_ctx.tr.format(
                "staff.last_fault", {{"time", short_time(*history.last_fault_at)},
                                     {"reason", reason_words(m_ctx.tr, history.last_fault_reason)}}));
        else
            row.history.push_back(tr("staff.no_fault"));
        row.history.push_back(
            history.last_success_at
                ? m_ctx.tr.format("staff.last_success", {{"time", short_time(*history.last_success_at)}})
                : tr("staff.no_success"));
        std::string counters;
        for (const auto& [name, value] : history.counters) {
            const char* key = counter_key(name);
            counters +=
                (counters.empty() ? "" : " · ") + (key ? tr(key) : name) + " " + std::to_string(value);
        }
        if (!counters.empty())
            row.history.push_back(std::move(counters));
        return row;
    }

    void draw_row(Painter& painter, const Row& row, Rect card, bool portrait) {
        const Theme& theme = m_ctx.theme;
        Color colour = status_colour(row.word, theme);
        painter.fill_rounded_rect(card, theme.px(12), theme.border);
        painter.fill_rounded_rect(card.inset(theme.px(2)), theme.px(10), theme.surface);
        painter.fill_rect({card.x + theme.px(2), card.y + theme.px(8), theme.px(10), card.h - theme.px(16)},
                          colour);
        Rect inner = card.inset(theme.px(28), theme.px(10));
        inner.take_left(theme.px(4));
        TextStyle name{theme.font_body, true, theme.text};
        TextStyle word{theme.font_body, true, colour};
        TextStyle small{theme.font_small, false, theme.text};
        TextStyle fix{theme.font_small, true, theme.warning};
        TextStyle muted{theme.font_small, false, theme.text_muted};
        int line = painter.line_height(small);
        if (portrait) {
            Rect top = inner.take_top(painter.line_height(name));
            Rect left = top.take_left(top.w / 2);
            painter.draw_text_in(row.name, name, left);
            draw_status(painter, row, word, top);
            inner.take_top(theme.px(4));
            inner.take_top(painter.draw_paragraph(row.reason, small, inner));
            if (!row.fix.empty())
                inner.take_top(painter.draw_paragraph(row.fix, fix, inner));
            for (const auto& text : row.history)
                painter.draw_text_in(text, muted, inner.take_top(line));
            return;
        }
        Rect first = inner.take_left(inner.w * 24 / 100);
        Rect middle = inner.take_left(inner.w * 58 / 100);
        Rect history = inner;
        middle.take_left(theme.px(24));
        middle.w -= theme.px(24);
        painter.draw_text_in(row.name, name, first.take_top(painter.line_height(name)));
        first.take_top(theme.px(6));
        draw_status(painter, row, word, first.take_top(painter.line_height(word)));
        middle.take_top(painter.draw_paragraph(row.reason, small, middle));
        if (!row.fix.empty())
            painter.draw_paragraph(row.fix, fix, middle);
        for (const auto& text : row.history)
            painter.draw_text_in(text, muted, history.take_top(line));
    }

    void draw_status(Painter& painter, const Row& row, const TextStyle& style, Rect box) {
        const Theme& theme = m_ctx.theme;
        int radius = theme.px(10);
        painter.fill_circle({box.x + radius, box.y + box.h / 2}, radius, style.color);
        box.take_left(2 * radius + theme.px(12));
        painter.draw_text_in(row.status, style, box);
    }

    Rect m_content;
    std::array<Row, kDevices.size()> m_rows;
};

} // namespace

std::unique_ptr<StaffPanel> make_devices_panel(SceneContext& context, StaffDesk& desk) {
    return std::make_unique<DevicesPanel>(context, desk);
}

} // namespace kiosk::ui
