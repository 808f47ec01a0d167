#include "services/PrintUsage.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <vector>

namespace kiosk::services {
namespace {

constexpr int kMaxPages = 10000;       // more page objects than any print of ours: not a print
constexpr double kMaxHeightPt = 14400; // PDF's own limit on a page side (200 in)
constexpr double kMmPerPoint = 25.4 / 72;

bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool is_delimiter(char c) {
    return is_space(c) || c == '/' || c == '<' || c == '>' || c == '[' || c == ']' || c == '(' || c == ')' ||
           c == '%' || c == '{' || c == '}';
}

// Skips white space and comments ("% … end of line") from `at`.
size_t skip_space(std::string_view text, size_t at) {
    while (at < text.size()) {
        if (is_space(text[at])) {
            ++at;
        } else if (text[at] == '%') {
            while (at < text.size() && text[at] != '\n' && text[at] != '\r')
                ++at;
        } else {
            break;
        }
    }
    return at;
}

// The name `name` (with its '/') at `at`, ending at a delimiter.
bool name_at(std::string_view text, size_t at, std::string_view name) {
    return text.substr(at, name.size()) == name &&
           (at + name.size() == text.size() || is_delimiter(text[at + name.size()]));
}

// "[ x0 y0 x1 y1 ]" at `at`: the height |y1 - y0| in points, or nothing.
std::optional<double> box_height(std::string_view text, size_t at) {
    at = skip_space(text, at);
    if (at >= text.size() || text[at] != '[')
        return std::nullopt;
    ++at;
    double values[4];
    for (double& value : values) {
        at = skip_space(text, at);
        if (at >= text.size())
            return std::nullopt;
        auto [end, error] = std::from_chars(text.data() + at, text.data() + text.size(), value);
        if (error != std::errc() || !std::isfinite(value))
            return std::nullopt;
        at = static_cast<size_t>(end - text.data());
    }
    at = skip_space(text, at);
    double height = std::abs(values[3] - values[1]);
    if (at >= text.size() || text[at] != ']' || height <= 0 || height > kMaxHeightPt)
        return std::nullopt;
    return height;
}

} // namespace

std::optional<PdfMeasure> measure_pdf(std::span<const std::uint8_t> pdf) {
    std::string_view text(reinterpret_cast<const char*>(pdf.data()), pdf.size());
    if (!text.starts_with("%PDF-"))
        return std::nullopt;
    int pages = 0;
    std::vector<double> heights;
    for (size_t at = text.find('/'); at != std::string_view::npos; at = text.find('/', at + 1)) {
        if (name_at(text, at, "/Type")) {
            size_t value = skip_space(text, at + 5);
            if (value < text.size() && name_at(text, value, "/Page") && ++pages > kMaxPages)
                return std::nullopt;
        } else if (name_at(text, at, "/MediaBox")) {
            if (auto height = box_height(text, at + 9); height && heights.size() < kMaxPages)
                heights.push_back(*height);
        }
    }
    if (pages == 0)
        return std::nullopt;
    PdfMeasure measure{pages, 0};
    if (static_cast<int>(heights.size()) == pages) {
        for (double height : heights)
            measure.length_mm += height * kMmPerPoint;
    } else if (!heights.empty()) {
        measure.length_mm = pages * *std::max_element(heights.begin(), heights.end()) * kMmPerPoint;
    }
    return measure;
}

} // namespace kiosk::services
