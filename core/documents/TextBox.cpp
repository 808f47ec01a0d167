#include "core/documents/TextBox.h"

#include <pango/pangocairo.h>

namespace kiosk::print::detail {

TextBox::TextBox(PangoContext* context, const TextSpec& spec)
    : m_layout(pango_layout_new(context), g_object_unref) {
    PangoLayout* layout = m_layout.get();
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, spec.family.c_str());
    // Absolute size: the context runs at 72 dpi, so one Pango unit is one PDF point.
    pango_font_description_set_absolute_size(font, spec.size_pt * PANGO_SCALE);
    pango_font_description_set_weight(font, spec.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);

    pango_layout_set_width(layout, static_cast<int>(spec.width_pt * PANGO_SCALE));
    // Chinese breaks between any two characters (UAX #14 with the CJK rules: no line starts with
    // '，' or '。'); WORD_CHAR also breaks a long token or number that is wider than the box.
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, spec.align == Align::Center  ? PANGO_ALIGN_CENTER
                                       : spec.align == Align::Right ? PANGO_ALIGN_RIGHT
                                                                    : PANGO_ALIGN_LEFT);
    std::string text = spec.text;
    if (!spec.secondary.empty())
        text += "\n" + spec.secondary;
    pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
    if (!spec.secondary.empty()) {
        auto start = static_cast<guint>(spec.text.size() + 1);
        PangoAttrList* attributes = pango_attr_list_new();
        PangoAttribute* size =
            pango_attr_size_new_absolute(static_cast<int>(spec.secondary_size_pt * PANGO_SCALE));
        PangoAttribute* weight = pango_attr_weight_new(PANGO_WEIGHT_NORMAL);
        PangoAttribute* grey = pango_attr_foreground_new(0x4400, 0x4400, 0x4400);
        for (PangoAttribute* attribute : {size, weight, grey}) {
            attribute->start_index = start;
            attribute->end_index = G_MAXUINT;
            pango_attr_list_insert(attributes, attribute);
        }
        pango_layout_set_attributes(layout, attributes);
        pango_attr_list_unref(attributes);
    }

    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    m_height = static_cast<double>(logical.height) / PANGO_SCALE;
    int line = 0, x = 0;
    pango_layout_index_to_line_x(layout, static_cast<int>(spec.text.size()), false, &line, &x);
    m_main_lines = spec.text.empty() ? 1 : line + 1;
}

void TextBox::paint(cairo_t* cr, double x, double y) const {
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, m_layout.get());
}

} // namespace kiosk::print::detail
