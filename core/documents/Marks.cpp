#include "core/documents/Marks.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>

namespace kiosk::print::detail {

namespace {

constexpr double kSealRed[] = {0.82, 0.10, 0.10};

std::vector<std::string> utf8_characters(const std::string& text) {
    std::vector<std::string> out;
    for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p))
        out.emplace_back(p, g_utf8_next_char(p) - p);
    return out;
}

void star_path(cairo_t* cr, double cx, double cy, double outer) {
    double inner = outer * 0.382; // a regular five-pointed star
    for (int i = 0; i < 10; ++i) {
        double radius = i % 2 ? inner : outer;
        double angle = -M_PI / 2 + i * M_PI / 5;
        double px = cx + radius * std::cos(angle), py = cy + radius * std::sin(angle);
        i ? cairo_line_to(cr, px, py) : cairo_move_to(cr, px, py);
    }
    cairo_close_path(cr);
}

} // namespace

Unit table_row(const TableStyle& style, std::vector<TextBox> cells, bool header) {
    double content = 0;
    for (const auto& cell : cells)
        content = std::max(content, cell.height());
    Unit unit;
    unit.height = content + 2 * style.pad_y;
    unit.paint = [style, cells = std::move(cells), header, height = unit.height](cairo_t* cr, double y) {
        double total = 0;
        for (double width : style.widths)
            total += width;
        if (header) {
            cairo_set_source_rgb(cr, 0.91, 0.91, 0.91);
            cairo_rectangle(cr, style.left, y, total, height);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        double x = style.left;
        for (size_t c = 0; c < cells.size(); ++c) {
            cells[c].paint(cr, x + style.pad_x, y + style.pad_y);
            x += style.widths[c];
        }
        if (style.grid) {
            cairo_set_line_width(cr, 0.5);
            x = style.left;
            for (double width : style.widths) {
                cairo_rectangle(cr, x, y, width, height);
                x += width;
            }
            cairo_stroke(cr);
        } else {
            // Receipt style: heavier lines around the header, hairlines between rows.
            cairo_set_line_width(cr, header ? 0.8 : 0.3);
            if (!header)
                cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
            if (header) {
                cairo_move_to(cr, style.left, y);
                cairo_line_to(cr, style.left + total, y);
            }
            cairo_move_to(cr, style.left, y + height);
            cairo_line_to(cr, style.left + total, y + height);
            cairo_stroke(cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
        }
    };
    return unit;
}

void paint_qr(cairo_t* cr, const QrCode& code, double x, double y, double size) {
    double module = size / (code.size + 8);
    double origin_x = x + 4 * module, origin_y = y + 4 * module;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, size, size);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    // One rectangle per horizontal run of dark modules, all in one path: fewer seams between
    // neighbours when a viewer antialiases, and a smaller PDF.
    for (int row = 0; row < code.size; ++row) {
        for (int column = 0; column < code.size;) {
            if (!code.dark(column, row)) {
                ++column;
                continue;
            }
            int end = column;
            while (end < code.size && code.dark(end, row))
                ++end;
            cairo_rectangle(cr, origin_x + column * module, origin_y + row * module, (end - column) * module,
                            module);
            column = end;
        }
    }
    cairo_fill(cr);
    cairo_restore(cr);
}

void paint_rule(cairo_t* cr, const RuleBlock& rule, double x, double y, double width) {
    cairo_save(cr);
    cairo_set_line_width(cr, rule.thickness_pt);
    if (rule.dashed) {
        double dashes[] = {mm(1.5), mm(1)};
        cairo_set_dash(cr, dashes, 2, 0);
    }
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + width, y);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void paint_seal(cairo_t* cr, PangoContext* context, const SealText& text, double x, double y,
                double diameter) {
    double radius = diameter / 2, cx = x + radius, cy = y + radius;
    cairo_save(cr);
    cairo_new_path(cr); // the text painted before leaves a current point the arc would join
    cairo_set_source_rgba(cr, kSealRed[0], kSealRed[1], kSealRed[2], 0.85);
    cairo_set_line_width(cr, diameter * 0.035);
    cairo_arc(cr, cx, cy, radius * 0.95, 0, 2 * M_PI);
    cairo_stroke(cr);
    star_path(cr, cx, cy, radius * 0.3);
    cairo_fill(cr);

    // The name runs clockwise along the upper arc, each character upright towards the rim.
    auto characters = utf8_characters(text.around);
    double size = diameter * 0.12;
    double text_radius = radius * 0.95 - diameter * 0.035 - size * 0.7;
    double step =
        std::min(size * 1.08 / text_radius, (240.0 * M_PI / 180) / std::max<size_t>(1, characters.size()));
    double start = -M_PI / 2 - step * (characters.size() - 1) / 2.0;
    for (size_t i = 0; i < characters.size(); ++i) {
        TextBox glyph(context,
                      TextSpec{text.family, size, true, size * 2, Align::Center, characters[i], "", 0});
        double angle = start + step * i;
        cairo_save(cr);
        cairo_translate(cr, cx + text_radius * std::cos(angle), cy + text_radius * std::sin(angle));
        cairo_rotate(cr, angle + M_PI / 2);
        glyph.paint(cr, -size, -glyph.height() / 2);
        cairo_restore(cr);
    }
    if (!text.bottom.empty()) {
        double bottom_size = diameter * 0.085;
        TextBox bottom(context, TextSpec{text.family, bottom_size, true, diameter * 0.8, Align::Center,
                                         text.bottom, "", 0});
        bottom.paint(cr, cx - diameter * 0.4, cy + radius * 0.42 - bottom.height() / 2);
    }
    cairo_restore(cr);
}

void paint_watermark(cairo_t* cr, const TextBox& box, const Watermark& watermark, double width,
                     double height) {
    int copies = std::max(1, static_cast<int>(height / (width * 1.3)));
    cairo_save(cr);
    cairo_set_source_rgba(cr, 0.3, 0.3, 0.3, watermark.opacity);
    for (int i = 0; i < copies; ++i) {
        cairo_save(cr);
        cairo_translate(cr, width / 2, height * (i + 0.5) / copies);
        cairo_rotate(cr, -watermark.angle_deg * M_PI / 180);
        box.paint(cr, -500, -box.height() / 2);
        cairo_restore(cr);
    }
    cairo_restore(cr);
}

Result<std::shared_ptr<cairo_surface_t>> decode_png(const std::vector<unsigned char>& bytes) {
    struct Reader {
        const std::vector<unsigned char>* bytes;
        size_t offset = 0;
    } reader{&bytes};
    auto read = [](void* closure, unsigned char* data, unsigned int length) {
        auto* r = static_cast<Reader*>(closure);
        if (r->offset + length > r->bytes->size())
            return CAIRO_STATUS_READ_ERROR;
        std::copy_n(r->bytes->data() + r->offset, length, data);
        r->offset += length;
        return CAIRO_STATUS_SUCCESS;
    };
    std::shared_ptr<cairo_surface_t> surface(cairo_image_surface_create_from_png_stream(read, &reader),
                                             cairo_surface_destroy);
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return make_error(ErrorCode::InvalidData, "not a PNG image");
    return surface;
}

} // namespace kiosk::print::detail
