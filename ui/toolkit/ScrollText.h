#pragma once
// A scrolling document of headings, paragraphs, bullets and key/value rows (a published checklist,
// an announcement). Wrapped once per width; scrolled by dragging.

#include "ui/toolkit/Painter.h"
#include "ui/toolkit/Scroller.h"
#include "ui/toolkit/Widget.h"

#include <string>
#include <vector>

namespace kiosk::ui {

struct TextBlock {
    enum class Kind { Heading, Paragraph, Bullet, KeyValue, Note };
    Kind kind = Kind::Paragraph;
    std::string text;
    std::string value; // KeyValue: the value; Bullet: a short tag shown at the right ("原件", "×2")
};

class ScrollText final : public Widget {
public:
    void set_blocks(std::vector<TextBlock> blocks) {
        m_blocks = std::move(blocks);
        m_laid_out_width = -1;
        m_scroller.reset();
    }
    void scroll_by(int px) { m_scroller.scroll_by(px); }
    int content_height() const { return m_content_height; }
    int max_scroll() const { return m_scroller.max_offset(); }

    void draw(Painter& painter) override;
    bool on_pointer(const PointerEvent& event) override {
        m_scroller.track(event, m_slop);
        return true;
    }

private:
    struct Line {
        std::string text;
        std::string trailing;
        TextStyle style;
        int x = 0, y = 0, height = 0;
        bool bullet = false;
        bool rule = false; // a thin line above a heading
    };
    void layout(Painter& painter);

    std::vector<TextBlock> m_blocks;
    std::vector<Line> m_lines;
    int m_laid_out_width = -1;
    int m_content_height = 0;
    int m_slop = 24;
    Scroller m_scroller;
};

} // namespace kiosk::ui
