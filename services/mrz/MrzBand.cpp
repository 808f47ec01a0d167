#include "services/mrz/MrzBand.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>

namespace kiosk::services {
namespace {

struct Row {
    std::vector<MrzGlyph> glyphs;
    double center_y = 0;
    double height = 0;
};

double center_x(const MrzGlyph& glyph) {
    return glyph.x + glyph.width / 2.0;
}

bool ink(Pix* binary, int x, int y) {
    l_uint32 value = 0;
    pixGetPixel(binary, x, y, &value);
    return value != 0;
}

// How many of the columns [x0, x1) have ink in row y.
int ink_in_row(Pix* binary, int x0, int x1, int y) {
    int count = 0;
    for (int x = x0; x < x1; ++x)
        count += ink(binary, x, y);
    return count;
}

// '<' is the only MRZ glyph whose left edge touches only the middle of the box and whose right
// edge touches the top and the bottom but not the middle (OCR-B, ISO 1073-2).
bool looks_like_filler(Pix* binary, const MrzGlyph& glyph) {
    int strip = std::max(2, glyph.width / 5);
    int enough = std::max(1, strip / 3);
    bool left_outside_middle = false, left_middle = false;
    bool right_top = false, right_bottom = false, right_middle = false;
    for (int row = 0; row < glyph.height; ++row) {
        int y = glyph.y + row;
        double at = (row + 0.5) / glyph.height;
        bool left = ink_in_row(binary, glyph.x, glyph.x + strip, y) >= enough;
        bool right = ink_in_row(binary, glyph.x + glyph.width - strip, glyph.x + glyph.width, y) >= enough;
        if (left && (at < 0.3 || at > 0.7))
            left_outside_middle = true;
        if (left && at >= 0.3 && at <= 0.7)
            left_middle = true;
        if (right && at < 0.25)
            right_top = true;
        if (right && at > 0.75)
            right_bottom = true;
        if (right && at > 0.4 && at < 0.6)
            right_middle = true;
    }
    return left_middle && !left_outside_middle && right_top && right_bottom && !right_middle;
}

std::vector<Row> group_rows(std::vector<MrzGlyph> glyphs) {
    std::sort(glyphs.begin(), glyphs.end(), [](const MrzGlyph& a, const MrzGlyph& b) {
        return a.y + a.height / 2.0 < b.y + b.height / 2.0;
    });
    std::vector<Row> rows;
    for (const auto& glyph : glyphs) {
        double cy = glyph.y + glyph.height / 2.0;
        if (rows.empty() || std::abs(cy - rows.back().center_y) > 0.4 * rows.back().height) {
            rows.push_back({{glyph}, cy, static_cast<double>(glyph.height)});
            continue;
        }
        auto& row = rows.back();
        double n = static_cast<double>(row.glyphs.size());
        row.center_y = (row.center_y * n + cy) / (n + 1);
        row.height = (row.height * n + glyph.height) / (n + 1);
        row.glyphs.push_back(glyph);
    }
    return rows;
}

// Keeps the glyphs of the row's usual height, merges pieces of one broken glyph, and returns them
// left to right when they sit on an even pitch with no gap; empty otherwise.
MrzBandLine as_monospaced(Row row) {
    std::vector<int> heights;
    for (const auto& glyph : row.glyphs)
        heights.push_back(glyph.height);
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    double median = heights[heights.size() / 2];
    std::vector<MrzGlyph> kept;
    for (const auto& glyph : row.glyphs)
        if (glyph.height >= 0.6 * median && glyph.height <= 1.4 * median)
            kept.push_back(glyph);
    std::sort(kept.begin(), kept.end(), [](const MrzGlyph& a, const MrzGlyph& b) { return a.x < b.x; });
    MrzBandLine line;
    for (const auto& glyph : kept) {
        if (!line.empty() && glyph.x < line.back().x + line.back().width) {
            auto& last = line.back();
            int right = std::max(last.x + last.width, glyph.x + glyph.width);
            int bottom = std::max(last.y + last.height, glyph.y + glyph.height);
            last.y = std::min(last.y, glyph.y);
            last.width = right - last.x;
            last.height = bottom - last.y;
            continue;
        }
        line.push_back(glyph);
    }
    size_t n = line.size();
    if (n != 30 && n != 36 && n != 44)
        return {};
    // Least-squares fit of centre x against position: residuals show gaps and proportional text.
    double mean_i = (n - 1) / 2.0, mean_x = 0;
    for (const auto& glyph : line)
        mean_x += center_x(glyph) / n;
    double sxy = 0, sxx = 0;
    for (size_t i = 0; i < n; ++i) {
        sxy += (i - mean_i) * (center_x(line[i]) - mean_x);
        sxx += (i - mean_i) * (i - mean_i);
    }
    double pitch = sxy / sxx;
    if (pitch < 0.4 * median || pitch > 1.5 * median)
        return {};
    for (size_t i = 0; i < n; ++i)
        if (std::abs(center_x(line[i]) - (mean_x + (i - mean_i) * pitch)) > 0.3 * pitch)
            return {};
    return line;
}

} // namespace

Result<std::vector<MrzBandLine>> find_mrz_band(Pix* binary) {
    Boxa* boxes = pixConnCompBB(binary, 8);
    if (!boxes)
        return make_error(ErrorCode::Internal, "connected components failed");
    std::vector<MrzGlyph> glyphs;
    for (int i = 0; i < boxaGetCount(boxes); ++i) {
        MrzGlyph glyph;
        boxaGetBoxGeometry(boxes, i, &glyph.x, &glyph.y, &glyph.width, &glyph.height);
        if (glyph.height >= 8 && glyph.height <= 200 && glyph.width <= 2 * glyph.height)
            glyphs.push_back(glyph);
    }
    boxaDestroy(&boxes);

    std::vector<MrzBandLine> lines;
    for (auto& row : group_rows(std::move(glyphs))) {
        auto line = as_monospaced(std::move(row));
        if (!line.empty())
            lines.push_back(std::move(line));
    }
    // From the bottom of the page up: the MRZ is the last thing on a data page.
    for (size_t end = lines.size(); end >= 2; --end) {
        size_t length = lines[end - 1].size();
        size_t count = length == 30 ? 3 : 2;
        if (end < count)
            continue;
        bool band = true;
        for (size_t i = end - count; i < end; ++i)
            band = band && lines[i].size() == length;
        if (!band)
            continue;
        std::vector<MrzBandLine> band_lines(lines.begin() + (end - count), lines.begin() + end);
        for (auto& line : band_lines)
            for (auto& glyph : line)
                glyph.filler = looks_like_filler(binary, glyph);
        return band_lines;
    }
    return make_error(ErrorCode::NotFound,
                      "no MRZ band (2 or 3 rows of 30, 36 or 44 characters) on the page");
}

} // namespace kiosk::services
