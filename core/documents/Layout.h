#pragma once
// Internal to kiosk_print: blocks + data → a flat list of unbreakable units (a text, a table row, a
// QR code), each measured and ready to paint. Pagination (RenderPdf.cpp) only stacks them.

#include "core/base/Result.h"
#include "core/documents/Template.h"

#include <cairo.h>
#include <pango/pango.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

namespace kiosk::print::detail {

constexpr double kPointsPerMm = 72.0 / 25.4;
inline double mm(double millimetres) {
    return millimetres * kPointsPerMm;
}

struct Unit {
    double height = 0;                           // points, spacing included
    std::function<void(cairo_t*, double)> paint; // draws with its top at y (points)
    bool keep_with_next = false;                 // break before it rather than after it
    bool page_break = false;                     // A4 only; a receipt has one page
    std::shared_ptr<const Unit> repeat_header;   // a table row: the header to repeat on a new page
    std::string where;                           // "blocks[3]", for errors
};

// Lays the template out on its page width. context: a Pango context at 72 dpi (1 unit = 1 pt).
Result<std::vector<Unit>> lay_out(const Template& document, const nlohmann::json& data,
                                  PangoContext* context);

// The watermark for one page, or nothing when the template has none.
Result<std::function<void(cairo_t*, double width, double height)>>
lay_out_watermark(const Template& document, const nlohmann::json& data, PangoContext* context);

} // namespace kiosk::print::detail
