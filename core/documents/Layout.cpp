#include "core/documents/Layout.h"

#include "core/documents/Marks.h"
#include "core/documents/QrCode.h"
#include "core/documents/TextBox.h"

#include <algorithm>
#include <cmath>

namespace kiosk::print::detail {

namespace {

// Space after a paragraph, as a share of its font size (a heading also gets space above).
constexpr double kParagraphSpacing = 0.35;
constexpr double kHeadingSpaceAbove = 0.5;

class Layouter {
public:
    Layouter(const Template& document, PangoContext* context)
        : m_document(document), m_page(document.page()), m_context(context) {
        m_left = mm(m_page.margins.left_mm);
        m_width = mm(m_page.width_mm() - m_page.margins.left_mm - m_page.margins.right_mm);
        m_receipt = m_page.size == PageSize::Receipt80mm;
    }

    Result<void> blocks(const std::vector<Block>& blocks, const Scope& scope) {
        for (const auto& block : blocks)
            TRY(this->block(block, scope));
        return {};
    }

    std::vector<Unit> take_units() { return std::move(m_units); }

private:
    Error fail(const std::string& where, const std::string& what) const {
        return make_error(ErrorCode::InvalidData, m_document.origin() + ": " + where + ": " + what);
    }

    Result<std::string> expand(const TextTemplate& text, const Scope& scope, const std::string& where) const {
        auto expanded = text.expand(scope);
        if (!expanded.ok())
            return fail(where, expanded.error().message);
        return expanded.release_value();
    }

    const StyleFont& font(TextStyle style) const { return m_page.styles[static_cast<int>(style)]; }
    std::string family(const StyleFont& font) const {
        return font.family.empty() ? m_page.family : font.family;
    }
    double secondary_size(TextStyle style) const {
        return style == TextStyle::Small ? font(style).size_pt * 0.85 : font(TextStyle::Small).size_pt;
    }

    Result<TextBox> text_box(const TextTemplate& text, const TextTemplate& secondary, TextStyle style,
                             bool bold, double width, Align align, const Scope& scope,
                             const std::string& where) {
        const StyleFont& f = font(style);
        TextSpec spec{family(f), f.size_pt, f.bold || bold, width, align, "", "", secondary_size(style)};
        spec.text = TRY(expand(text, scope, where));
        if (!secondary.empty())
            spec.secondary = TRY(expand(secondary, scope, where));
        return TextBox(m_context, spec);
    }

    Result<void> check_lines(const TextBox& box, int max_lines, const std::string& where) const {
        if (max_lines > 0 && box.main_lines() > max_lines)
            return fail(where, "the text needs " + std::to_string(box.main_lines()) +
                                   " lines, more than its max_lines " + std::to_string(max_lines));
        return {};
    }

    void add(Unit unit, const Block& block) {
        unit.keep_with_next = unit.keep_with_next || block.keep_with_next;
        unit.where = block.where;
        m_units.push_back(std::move(unit));
    }

    double x_for(Align align, double width) const {
        switch (align) {
        case Align::Left:
            return m_left;
        case Align::Center:
            return m_left + (m_width - width) / 2;
        case Align::Right:
            return m_left + m_width - width;
        }
        return m_left;
    }

    Result<void> block(const Block& block, const Scope& scope) {
        return std::visit([&](const auto& content) { return this->content(block, content, scope); },
                          block.content);
    }

    Result<void> content(const Block& block, const TextBlock& text, const Scope& scope) {
        auto box = TRY(text_box(text.text, text.secondary, text.style, text.bold, m_width, text.align, scope,
                                block.where + ".text"));
        TRY(check_lines(box, text.max_lines, block.where));
        double size = font(text.style).size_pt;
        bool heading = text.style == TextStyle::Heading;
        double above = heading ? size * kHeadingSpaceAbove : 0;
        double body = box.height();
        if (text.box_height_mm > 0) {
            if (box.height() > mm(text.box_height_mm) + 0.01)
                return fail(block.where, "the text is " +
                                             std::to_string(std::lround(box.height() / kPointsPerMm)) +
                                             " mm tall, more than its box_height_mm");
            body = mm(text.box_height_mm);
        }
        Unit unit;
        unit.height = above + body + size * kParagraphSpacing;
        unit.keep_with_next = heading || text.style == TextStyle::Title;
        unit.paint = [box, x = m_left, above](cairo_t* cr, double y) { box.paint(cr, x, y + above); };
        add(std::move(unit), block);
        return {};
    }

    Result<void> content(const Block& block, const FieldsBlock& fields, const Scope& scope) {
        double gap = mm(m_receipt ? 1.5 : 3);
        double label_width = m_width * fields.label_width;
        double value_width = m_width - label_width - gap;
        double spacing = font(fields.style).size_pt * (m_receipt ? 0.25 : 0.4);
        for (size_t i = 0; i < fields.rows.size(); ++i) {
            const FieldRow& row = fields.rows[i];
            std::string where = block.where + ".rows[" + std::to_string(i) + "]";
            auto label = TRY(text_box(row.label, row.label_en, fields.style, false, label_width, Align::Left,
                                      scope, where + ".label"));
            auto value = TRY(text_box(row.value, {}, fields.style, false, value_width, Align::Left, scope,
                                      where + ".value"));
            TRY(check_lines(value, row.max_lines, where));
            Unit unit;
            unit.height = std::max(label.height(), value.height()) + spacing;
            unit.paint = [label, value, x = m_left, value_x = m_left + label_width + gap](cairo_t* cr,
                                                                                          double y) {
                cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
                label.paint(cr, x, y);
                cairo_set_source_rgb(cr, 0, 0, 0);
                value.paint(cr, value_x, y);
            };
            add(std::move(unit), block);
        }
        return {};
    }

    Result<void> content(const Block& block, const TableBlock& table, const Scope& scope) {
        nlohmann::json storage;
        const nlohmann::json* rows = lookup(table.rows, scope, storage);
        if (!rows)
            return fail(block.where + ".rows", "no data for '" + table.rows.source + "'");
        if (!rows->is_array())
            return fail(block.where + ".rows", "'" + table.rows.source + "' is not an array");
        double total = 0;
        for (const auto& column : table.columns)
            total += column.width;
        std::vector<double> widths;
        for (const auto& column : table.columns)
            widths.push_back(m_width * column.width / total);
        double pad_x = mm(m_receipt ? 0.6 : 1.5), pad_y = mm(m_receipt ? 0.5 : 1.0);
        TableStyle style{m_left, widths, pad_x, pad_y, table.grid};

        std::vector<TextBox> header;
        for (size_t c = 0; c < table.columns.size(); ++c)
            header.push_back(TRY(text_box(table.columns[c].header, table.columns[c].header_en, table.style,
                                          true, widths[c] - 2 * pad_x, table.columns[c].align, scope,
                                          block.where + ".columns[" + std::to_string(c) + "].header")));
        auto header_unit = std::make_shared<Unit>(table_row(style, header, true));
        header_unit->keep_with_next = true;
        header_unit->where = block.where;
        add(*header_unit, block);

        if (rows->empty()) {
            if (table.empty_text.empty())
                return fail(block.where + ".rows",
                            "'" + table.rows.source + "' is empty and there is no empty_text");
            auto box = TRY(text_box(table.empty_text, {}, table.style, false, m_width - 2 * pad_x,
                                    Align::Center, scope, block.where + ".empty_text"));
            Unit unit = table_row(TableStyle{m_left, {m_width}, pad_x, pad_y, table.grid}, {box}, false);
            unit.repeat_header = header_unit;
            add(std::move(unit), block);
            return {};
        }
        for (size_t r = 0; r < rows->size(); ++r) {
            Scope row_scope{scope.root, &(*rows)[r], static_cast<int>(r) + 1};
            std::vector<TextBox> cells;
            for (size_t c = 0; c < table.columns.size(); ++c) {
                std::string where = block.where + ".columns[" + std::to_string(c) + "].cell (row " +
                                    std::to_string(r + 1) + ")";
                cells.push_back(
                    TRY(text_box(table.columns[c].cell, {}, table.style, false, widths[c] - 2 * pad_x,
                                 table.columns[c].align, row_scope, where)));
                TRY(check_lines(cells.back(), table.columns[c].max_lines, where));
            }
            Unit unit = table_row(style, cells, false);
            unit.repeat_header = header_unit;
            add(std::move(unit), block);
        }
        // Space after the table: the next block does not touch its bottom border.
        Unit gap;
        gap.height = font(table.style).size_pt * 0.6;
        gap.paint = [](cairo_t*, double) {};
        add(std::move(gap), block);
        return {};
    }

    Result<void> content(const Block& block, const QrBlock& qr, const Scope& scope) {
        std::string payload = TRY(expand(qr.data, scope, block.where + ".data"));
        auto code = encode_qr(payload);
        if (!code.ok())
            return fail(block.where, code.error().message);
        // ISO/IEC 18004 §9.1: a quiet zone of four modules on every side, inside size_mm.
        int modules = code->size + 8;
        double module_mm = qr.size_mm / modules;
        if (module_mm < qr.min_module_mm)
            return fail(block.where, "QR payload too long: " + std::to_string(code->size) + " modules in " +
                                         std::to_string(std::lround(qr.size_mm)) + " mm give " +
                                         std::to_string(module_mm).substr(0, 4) +
                                         " mm modules, less than min_module_mm");
        double size = mm(qr.size_mm);
        Unit unit;
        unit.height = size;
        unit.paint = [code = code.release_value(), x = x_for(qr.align, size), size](cairo_t* cr, double y) {
            paint_qr(cr, code, x, y, size);
        };
        add(std::move(unit), block);
        return {};
    }

    Result<void> content(const Block& block, const RuleBlock& rule, const Scope&) {
        Unit unit;
        double space = mm(rule.space_mm);
        unit.height = 2 * space + rule.thickness_pt;
        unit.paint = [rule, x = m_left, width = m_width, space](cairo_t* cr, double y) {
            paint_rule(cr, rule, x, y + space + rule.thickness_pt / 2, width);
        };
        add(std::move(unit), block);
        return {};
    }

    Result<void> content(const Block& block, const SpacerBlock& spacer, const Scope&) {
        Unit unit;
        unit.height = mm(spacer.height_mm);
        unit.paint = [](cairo_t*, double) {};
        add(std::move(unit), block);
        return {};
    }

    Result<void> content(const Block& block, const ImageBlock& image, const Scope&) {
        if (!image.png)
            return {}; // optional and absent
        auto surface = TRY(decode_png(*image.png));
        double width = std::min(mm(image.width_mm), m_width);
        double scale = width / cairo_image_surface_get_width(surface.get());
        Unit unit;
        unit.height = cairo_image_surface_get_height(surface.get()) * scale + mm(1);
        unit.paint = [surface, x = x_for(image.align, width), scale](cairo_t* cr, double y) {
            cairo_save(cr);
            cairo_translate(cr, x, y);
            cairo_scale(cr, scale, scale);
            cairo_set_source_surface(cr, surface.get(), 0, 0);
            cairo_paint(cr);
            cairo_restore(cr);
        };
        add(std::move(unit), block);
        return {};
    }

    Result<void> content(const Block& block, const EachBlock& each, const Scope& scope) {
        nlohmann::json storage;
        const nlohmann::json* items = lookup(each.items, scope, storage);
        if (!items)
            return fail(block.where + ".items", "no data for '" + each.items.source + "'");
        if (!items->is_array())
            return fail(block.where + ".items", "'" + each.items.source + "' is not an array");
        for (size_t i = 0; i < items->size(); ++i)
            TRY(blocks(each.blocks, Scope{scope.root, &(*items)[i], static_cast<int>(i) + 1}));
        return {};
    }

    Result<void> content(const Block& block, const SealBlock& seal, const Scope& scope) {
        SealText text;
        text.family = m_page.family;
        text.around = TRY(expand(seal.text, scope, block.where + ".text"));
        if (!seal.bottom_text.empty())
            text.bottom = TRY(expand(seal.bottom_text, scope, block.where + ".bottom_text"));
        double diameter = mm(seal.diameter_mm), overlap = mm(seal.overlap_mm);
        Unit unit;
        unit.height = std::max(0.0, diameter - overlap);
        unit.paint = [this_context = m_context, text, x = x_for(seal.align, diameter), diameter,
                      overlap](cairo_t* cr, double y) {
            paint_seal(cr, this_context, text, x, y - overlap, diameter);
        };
        add(std::move(unit), block);
        return {};
    }

    Result<void> content(const Block& block, const PageBreakBlock&, const Scope&) {
        Unit unit;
        unit.page_break = true;
        unit.paint = [](cairo_t*, double) {};
        add(std::move(unit), block);
        return {};
    }

    const Template& m_document;
    const Page& m_page;
    PangoContext* m_context;
    double m_left = 0, m_width = 0;
    bool m_receipt = false;
    std::vector<Unit> m_units;
};

} // namespace

Result<std::vector<Unit>> lay_out(const Template& document, const nlohmann::json& data,
                                  PangoContext* context) {
    Layouter layouter(document, context);
    TRY(layouter.blocks(document.blocks(), Scope{&data, nullptr, 0}));
    return layouter.take_units();
}

Result<std::function<void(cairo_t*, double, double)>>
lay_out_watermark(const Template& document, const nlohmann::json& data, PangoContext* context) {
    const Watermark& watermark = document.page().watermark;
    if (watermark.text.empty())
        return std::function<void(cairo_t*, double, double)>{};
    auto text = watermark.text.expand(Scope{&data, nullptr, 0});
    if (!text.ok())
        return make_error(ErrorCode::InvalidData,
                          document.origin() + ": page.watermark.text: " + text.error().message);
    TextSpec spec{document.page().family, watermark.size_pt,    true, 1000,
                  Align::Center,          text.release_value(), "",   0};
    TextBox box(context, spec);
    return std::function<void(cairo_t*, double, double)>(
        [box, watermark](cairo_t* cr, double width, double height) {
            paint_watermark(cr, box, watermark, width, height);
        });
}

} // namespace kiosk::print::detail
