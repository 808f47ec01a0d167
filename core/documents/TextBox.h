#pragma once
// Internal to kiosk_print: one paragraph set with Pango — a main text and, optionally, a smaller grey
// line under it (the English of a bilingual label) — wrapped to a width and measured.

#include "core/documents/Template.h"

#include <cairo.h>
#include <pango/pango.h>

#include <memory>
#include <string>

namespace kiosk::print::detail {

struct TextSpec {
    std::string family;
    double size_pt = 9;
    bool bold = false;
    double width_pt = 100;
    Align align = Align::Left;
    std::string text;
    std::string secondary; // empty: none
    double secondary_size_pt = 7;
};

class TextBox {
public:
    TextBox(PangoContext* context, const TextSpec& spec);

    double height() const { return m_height; }
    int main_lines() const { return m_main_lines; } // lines of the main text, the secondary not counted
    void paint(cairo_t* cr, double x, double y) const;

private:
    std::shared_ptr<PangoLayout> m_layout;
    double m_height = 0;
    int m_main_lines = 0;
};

} // namespace kiosk::print::detail
