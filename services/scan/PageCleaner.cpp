#include "services/scan/PageCleaner.h"

#include "services/scan/PixImage.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace kiosk::scan {

namespace {

using Histogram = std::array<size_t, 256>;

Histogram histogram(PIX* grey, const PageBox& box) {
    Histogram counts{};
    for (int y = box.y; y < box.y + box.height; ++y) {
        const l_uint32* line = pixGetData(grey) + static_cast<size_t>(y) * pixGetWpl(grey);
        for (int x = box.x; x < box.x + box.width; ++x)
            ++counts[GET_DATA_BYTE(line, x)];
    }
    return counts;
}

// Otsu's threshold: the grey level that best splits the pixels into two classes.
int otsu_threshold(const Histogram& counts) {
    double total = 0, sum = 0;
    for (int i = 0; i < 256; ++i) {
        total += counts[i];
        sum += static_cast<double>(i) * counts[i];
    }
    double below = 0, below_sum = 0, best = -1;
    int threshold = 128;
    for (int i = 0; i < 256; ++i) {
        below += counts[i];
        if (below == 0 || below == total)
            continue;
        below_sum += static_cast<double>(i) * counts[i];
        double mean_below = below_sum / below, mean_above = (sum - below_sum) / (total - below);
        double between = below * (total - below) * (mean_below - mean_above) * (mean_below - mean_above);
        if (between > best) {
            best = between;
            threshold = i;
        }
    }
    return threshold;
}

int percentile(const Histogram& counts, double fraction) {
    size_t total = 0;
    for (size_t count : counts)
        total += count;
    size_t wanted = static_cast<size_t>(fraction * static_cast<double>(total)), seen = 0;
    for (int i = 0; i < 256; ++i) {
        seen += counts[i];
        if (seen > wanted)
            return i;
    }
    return 255;
}

// The rows and columns where most pixels are brighter than `threshold`: the sheet, once it is
// straight (text lines and a dark background make the counts of other rows smaller).
PageBox bright_box(PIX* grey, int threshold, double fraction) {
    int width = pixGetWidth(grey), height = pixGetHeight(grey);
    std::vector<int> rows(height, 0), columns(width, 0);
    for (int y = 0; y < height; ++y) {
        const l_uint32* line = pixGetData(grey) + static_cast<size_t>(y) * pixGetWpl(grey);
        for (int x = 0; x < width; ++x)
            if (static_cast<int>(GET_DATA_BYTE(line, x)) > threshold) {
                ++rows[y];
                ++columns[x];
            }
    }
    auto span = [fraction](const std::vector<int>& counts) {
        int most = *std::max_element(counts.begin(), counts.end());
        int limit = static_cast<int>(most * fraction);
        int first = 0, last = static_cast<int>(counts.size()) - 1;
        while (first < last && counts[first] <= limit)
            ++first;
        while (last > first && counts[last] <= limit)
            --last;
        return std::pair{first, last - first + 1};
    };
    auto [x, box_width] = span(columns);
    auto [y, box_height] = span(rows);
    return PageBox{x, y, box_width, box_height};
}

PageBox inset(const PageBox& box, double fraction) {
    int dx = static_cast<int>(box.width * fraction), dy = static_cast<int>(box.height * fraction);
    return PageBox{box.x + dx, box.y + dy, box.width - 2 * dx, box.height - 2 * dy};
}

PixPtr clip(PIX* pix, const PageBox& box) {
    BOX* region = boxCreate(box.x, box.y, box.width, box.height);
    PixPtr clipped(pixClipRectangle(pix, region, nullptr));
    boxDestroy(&region);
    return clipped;
}

// Paper to white, ink to black: the darkest 0.5 % to 0, the median (paper, on a document) to 255.
void stretch_contrast(PIX* grey) {
    PageBox whole{0, 0, static_cast<int>(pixGetWidth(grey)), static_cast<int>(pixGetHeight(grey))};
    auto counts = histogram(grey, whole);
    int black = percentile(counts, 0.005), white = percentile(counts, 0.5);
    if (white - black < 64)
        black = std::max(0, white - 64); // a blank or faint page: do not amplify noise into marks
    std::array<int, 256> map{};
    for (int i = 0; i < 256; ++i)
        map[i] = std::clamp((i - black) * 255 / std::max(1, white - black), 0, 255);
    for (int y = 0; y < whole.height; ++y) {
        l_uint32* line = pixGetData(grey) + static_cast<size_t>(y) * pixGetWpl(grey);
        for (int x = 0; x < whole.width; ++x)
            SET_DATA_BYTE(line, x, map[GET_DATA_BYTE(line, x)]);
    }
}

} // namespace

Result<CleanPage> clean_page(const drivers::ScannedPage& scan, const CleanOptions& options) {
    size_t expected = static_cast<size_t>(scan.width) * scan.height * scan.channels;
    if (scan.width < 16 || scan.height < 16 || (scan.channels != 1 && scan.channels != 3) ||
        scan.pixels.size() != expected)
        return make_error(ErrorCode::InvalidData, "the scanned page is empty or malformed");
    PixPtr original = to_pix(scan);
    PixPtr grey(scan.channels == 3 ? pixConvertRGBToLuminance(original.get()) : pixClone(original.get()));
    if (!grey)
        return make_error(ErrorCode::Internal, "out of memory for the scanned page");

    CleanPage result;
    PageBox whole{0, 0, scan.width, scan.height};
    int threshold = otsu_threshold(histogram(grey.get(), whole));
    // Where the sheet lies, roughly (its rotated corners fall outside the half-full rows).
    PageBox rough = bright_box(grey.get(), threshold, 0.5);
    // A sheet covers most of the glass; a bright area much smaller than that is a mark or a blank
    // (dark) scan, not a sheet to crop to.
    double rough_share =
        static_cast<double>(rough.width) * rough.height / (static_cast<double>(scan.width) * scan.height);
    result.background_found = rough_share > 0.25 && rough_share < 0.97;

    // The skew, measured on the text inside the sheet, away from its edges and the background.
    PageBox inner = inset(rough.width > 64 && rough.height > 64 ? rough : whole, 0.08);
    PixPtr inner_grey = clip(grey.get(), inner);
    float angle = 0, confidence = 0;
    if (inner_grey) {
        PixPtr binary(pixConvertTo1(inner_grey.get(), std::clamp(threshold * 3 / 4, 64, 200)));
        if (binary && pixFindSkew(binary.get(), &angle, &confidence) != 0)
            angle = confidence = 0;
    }
    result.skew_confidence = confidence;
    bool straighten = confidence >= 3.0 && std::abs(angle) >= options.min_skew_degrees &&
                      std::abs(angle) <= options.max_skew_degrees;
    result.skew_degrees = straighten ? angle : 0.0;

    PIX* source = options.grey || scan.channels == 1 ? grey.get() : original.get();
    auto rotate = [&](PIX* pix) {
        // Corners brought in take the background's colour, so they are cropped away with it.
        int fill = result.background_found ? L_BRING_IN_BLACK : L_BRING_IN_WHITE;
        float radians = static_cast<float>(result.skew_degrees * M_PI / 180.0);
        return PixPtr(pixRotate(pix, radians, L_ROTATE_AREA_MAP, fill, 0, 0));
    };
    PixPtr straight_grey = straighten ? rotate(grey.get()) : PixPtr(pixClone(grey.get()));
    PixPtr straight = source == grey.get() ? PixPtr(pixClone(straight_grey.get()))
                      : straighten         ? rotate(source)
                                           : PixPtr(pixClone(source));
    if (!straight_grey || !straight)
        return make_error(ErrorCode::Internal, "out of memory while straightening the page");

    result.crop = result.background_found ? bright_box(straight_grey.get(), threshold, 0.5)
                                          : PageBox{0, 0, scan.width, scan.height};
    PixPtr page = clip(straight.get(), result.crop);
    if (!page)
        return make_error(ErrorCode::Internal, "cannot crop the page");
    if (pixGetDepth(page.get()) == 8) {
        // A clip shares nothing with its source, so the contrast change stays on the page.
        stretch_contrast(page.get());
    }
    result.image = from_pix(page.get(), scan.dpi);
    return result;
}

} // namespace kiosk::scan
