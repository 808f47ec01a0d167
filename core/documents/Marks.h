#pragma once
// Internal to kiosk_print: the things drawn with Cairo paths rather than set as text — table rows and
// their borders, QR codes as vector squares, rules, the seal, the watermark — and PNG decoding.

#include "core/base/Result.h"
#include "core/documents/Layout.h"
#include "core/documents/QrCode.h"
#include "core/documents/TextBox.h"

#include <memory>
#include <vector>

namespace kiosk::print::detail {

struct TableStyle {
    double left = 0;
    std::vector<double> widths; // points, one per column
    double pad_x = 0, pad_y = 0;
    bool grid = true;
};

// A header row (bold on grey) or a body row: as tall as its tallest cell.
Unit table_row(const TableStyle& style, std::vector<TextBox> cells, bool header);

void paint_qr(cairo_t* cr, const QrCode& code, double x, double y, double size);
void paint_rule(cairo_t* cr, const RuleBlock& rule, double x, double y, double width);

struct SealText {
    std::string family;
    std::string around; // along the upper arc
    std::string bottom; // straight, under the star
};
void paint_seal(cairo_t* cr, PangoContext* context, const SealText& text, double x, double y,
                double diameter);

// Rotated, light, centred; repeated down a long receipt.
void paint_watermark(cairo_t* cr, const TextBox& box, const Watermark& watermark, double width,
                     double height);

Result<std::shared_ptr<cairo_surface_t>> decode_png(const std::vector<unsigned char>& bytes);

} // namespace kiosk::print::detail
