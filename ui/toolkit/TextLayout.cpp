#include "ui/toolkit/TextLayout.h"

namespace kiosk::ui {
namespace {

bool is_cjk(char32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool is_closing(char32_t c) {
    static constexpr std::u32string_view kClosing = U"，。、：；！？）》〉」』】〕”’·…,.;:!?)]}%";
    return kClosing.find(c) != std::u32string_view::npos;
}

bool is_opening(char32_t c) {
    static constexpr std::u32string_view kOpening = U"（《〈「『【〔“‘([{¥$";
    return kOpening.find(c) != std::u32string_view::npos;
}

struct Segment {
    std::string text;
    bool forced_break_after = false;
};

std::vector<Segment> segment(std::string_view text) {
    std::vector<Segment> segments;
    std::string current;
    bool current_breaks_after = false; // a break may follow the current segment's last character
    bool glue_next = false;
    auto push = [&](bool forced = false) {
        if (!current.empty() || forced)
            segments.push_back({std::move(current), forced});
        current.clear();
        current_breaks_after = false;
    };
    for (size_t i = 0; i < text.size();) {
        size_t start = i;
        char32_t c = next_code_point(text, i);
        std::string_view bytes = text.substr(start, i - start);
        if (c == '\n') {
            push(true);
            glue_next = false;
            continue;
        }
        if (is_closing(c) || glue_next) {
            current += bytes;
            glue_next = is_opening(c);
            // Glued after an opening mark, a letter decides for itself: "（Passport" may not break
            // inside the word just because "（" is a CJK character.
            if (!is_closing(c) || is_cjk(c))
                current_breaks_after = is_cjk(c);
            continue;
        }
        if (c == ' ') {
            current += bytes;
            push();
            continue;
        }
        if (is_opening(c) || is_cjk(c) || current_breaks_after)
            push();
        current += bytes;
        glue_next = is_opening(c);
        current_breaks_after = is_cjk(c);
    }
    push();
    return segments;
}

std::string trim_right(std::string text) {
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

} // namespace

char32_t next_code_point(std::string_view text, size_t& i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    int length = lead < 0x80           ? 1
                 : (lead >> 5) == 0x6  ? 2
                 : (lead >> 4) == 0xE  ? 3
                 : (lead >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || i + length > text.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        c = (c << 6) | (byte(i + k) & 0x3F);
    }
    i += length;
    return c;
}

std::vector<std::string> break_lines(std::string_view text, int max_width, const MeasureFn& measure) {
    std::vector<std::string> lines;
    std::string line;
    auto flush = [&] {
        lines.push_back(trim_right(std::move(line)));
        line.clear();
    };
    for (auto& seg : segment(text)) {
        std::string candidate = line + seg.text;
        if (measure(trim_right(candidate)) <= max_width) {
            line = std::move(candidate);
        } else {
            if (!line.empty())
                flush();
            // A segment wider than the whole line (a long number or URL): break it anywhere.
            std::string piece;
            for (size_t i = 0; i < seg.text.size();) {
                size_t start = i;
                next_code_point(seg.text, i);
                std::string next = piece + seg.text.substr(start, i - start);
                if (!piece.empty() && measure(trim_right(next)) > max_width) {
                    line = std::move(piece);
                    flush();
                    piece = seg.text.substr(start, i - start);
                } else {
                    piece = std::move(next);
                }
            }
            line = std::move(piece);
        }
        if (seg.forced_break_after)
            flush();
    }
    if (!line.empty() || lines.empty())
        flush();
    return lines;
}

std::string ellipsize(std::string_view text, int max_width, const MeasureFn& measure) {
    if (measure(text) <= max_width)
        return std::string(text);
    if (measure("…") > max_width)
        return {};
    std::string result;
    for (size_t i = 0; i < text.size();) {
        size_t start = i;
        next_code_point(text, i);
        std::string next = result + std::string(text.substr(start, i - start));
        if (measure(next + "…") > max_width)
            break;
        result = std::move(next);
    }
    return trim_right(std::move(result)) + "…";
}

} // namespace kiosk::ui
