#include "ui/toolkit/ScrollText.h"

namespace kiosk::ui {

void ScrollText::layout(Painter& painter) {
    const Theme& theme = painter.theme();
    m_lines.clear();
    int width = bounds().w - theme.px(24); // room for the scroll indicator
    int y = 0;
    int indent = theme.px(40);
    for (size_t i = 0; i < m_blocks.size(); ++i) {
        const TextBlock& block = m_blocks[i];
        switch (block.kind) {
        case TextBlock::Kind::Heading: {
            TextStyle style{theme.font_heading - 6, true, theme.primary};
            if (i > 0) {
                y += theme.px(22);
                m_lines.push_back({"", "", style, 0, y, 1, false, true});
                y += theme.px(18);
            }
            for (auto& text : painter.wrap(block.text, style, width)) {
                int h = painter.line_height(style);
                m_lines.push_back({text, "", style, 0, y, h});
                y += h;
            }
            y += theme.px(8);
            break;
        }
        case TextBlock::Kind::Paragraph:
        case TextBlock::Kind::Note: {
            TextStyle style{block.kind == TextBlock::Kind::Note ? theme.font_small : theme.font_body, false,
                            block.kind == TextBlock::Kind::Note ? theme.text_muted : theme.text};
            for (auto& text : painter.wrap(block.text, style, width)) {
                int h = painter.line_height(style);
                m_lines.push_back({text, "", style, 0, y, h});
                y += h;
            }
            y += theme.px(6);
            break;
        }
        case TextBlock::Kind::Bullet: {
            TextStyle style{theme.font_body, false, theme.text};
            TextStyle tag{theme.font_small, true, theme.warning};
            int tag_width = block.value.empty() ? 0 : painter.text_width(block.value, tag) + theme.px(24);
            bool first = true;
            for (auto& text : painter.wrap(block.text, style, width - indent - tag_width)) {
                int h = painter.line_height(style);
                m_lines.push_back({text, first ? block.value : "", style, indent, y, h, first});
                first = false;
                y += h;
            }
            y += theme.px(4);
            break;
        }
        case TextBlock::Kind::KeyValue: {
            TextStyle key{theme.font_body, false, theme.text_muted};
            TextStyle value{theme.font_body, true, theme.text};
            int key_width = theme.px(300);
            int h = painter.line_height(value);
            m_lines.push_back({block.text, "", key, 0, y, h});
            for (auto& text : painter.wrap(block.value, value, width - key_width)) {
                m_lines.push_back({text, "", value, key_width, y, h});
                y += h;
            }
            y += theme.px(4);
            break;
        }
        }
    }
    m_content_height = y;
    m_laid_out_width = bounds().w;
    m_scroller.set_limits(m_content_height, bounds().h);
}

void ScrollText::draw(Painter& painter) {
    if (m_laid_out_width != bounds().w)
        layout(painter);
    const Theme& theme = painter.theme();
    m_slop = theme.px(theme.touch_slop);
    Rect box = bounds();
    int width = box.w - theme.px(24);
    painter.push_clip(box);
    for (auto& line : m_lines) {
        int y = box.y + line.y - m_scroller.offset();
        if (y + line.height < box.y || y > box.bottom())
            continue;
        if (line.rule) {
            painter.fill_rect({box.x, y, width, theme.px(2)}, theme.border);
            continue;
        }
        if (line.bullet)
            painter.fill_circle({box.x + theme.px(16), y + line.height / 2}, theme.px(6), theme.primary);
        painter.draw_text(line.text, line.style, {box.x + line.x, y});
        if (!line.trailing.empty()) {
            TextStyle tag{theme.font_small, true, theme.warning};
            int w = painter.text_width(line.trailing, tag);
            painter.draw_text(line.trailing, tag,
                              {box.x + width - w, y + (line.height - painter.line_height(tag)) / 2});
        }
    }
    if (m_scroller.max_offset() > 0) {
        int thumb = std::max(theme.px(60), box.h * box.h / std::max(1, m_content_height));
        int y = box.y + (box.h - thumb) * m_scroller.offset() / m_scroller.max_offset();
        painter.fill_rounded_rect({box.right() - theme.px(8), y, theme.px(6), thumb}, theme.px(3),
                                  theme.disabled);
    }
    painter.pop_clip();
}

} // namespace kiosk::ui
