#include "core/domain/OcrText.h"

#include <vector>

namespace kiosk::domain {
namespace {

// Decodes UTF-8, dropping invalid bytes (OCR output is ours to clean, not to reject).
std::vector<char32_t> decode(std::string_view text) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        int length = byte < 0x80         ? 1
                     : (byte >> 5) == 6  ? 2
                     : (byte >> 4) == 14 ? 3
                     : (byte >> 3) == 30 ? 4
                                         : 0;
        if (length == 0 || i + length > text.size()) {
            ++i;
            continue;
        }
        char32_t code = length == 1 ? byte : byte & (0x7F >> length);
        bool valid = true;
        for (int k = 1; k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            valid = valid && (next >> 6) == 2;
            code = (code << 6) | (next & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not characters.
        static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
        valid = valid && code >= kMinimum[length] && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
        if (valid)
            out.push_back(code);
        i += valid ? length : 1;
    }
    return out;
}

void encode(char32_t code, std::string& out) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

bool is_cjk(char32_t c) {
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\r' || c == 0x3000 || c == 0xA0;
}

char32_t unify(char32_t c) {
    if (c == 0x3000)
        return ' ';
    if (c >= 0xFF01 && c <= 0xFF5E)
        c = c - 0xFF01 + 0x21;
    switch (c) {
    case 0x2236: // ∶ ratio
    case 0xFE13:
    case 0xFE55:
    case 0xA789:
        return ':';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212: // minus
    case 0xFE58:
    case 0xFE63:
        return '-';
    default:
        return c;
    }
}

// One line: whitespace next to CJK or a colon goes, other runs become one space; ";:" is one colon
// (a stray ';' Tesseract adds before a colon).
std::vector<char32_t> clean_once(const std::vector<char32_t>& line) {
    std::vector<char32_t> kept;
    for (size_t i = 0; i < line.size(); ++i) {
        char32_t c = line[i];
        if (!is_space(c)) {
            if (c == ':' && !kept.empty() && kept.back() == ';') {
                kept.back() = ':';
                if (kept.size() >= 2 && kept[kept.size() - 2] == ' ')
                    kept.erase(kept.end() - 2); // no space before a colon
            } else if (!(c == ';' && i + 1 < line.size() && line[i + 1] == ':'))
                kept.push_back(c);
            continue;
        }
        size_t end = i;
        while (end < line.size() && is_space(line[end]))
            ++end;
        char32_t before = kept.empty() ? 0 : kept.back();
        char32_t after = end < line.size() ? line[end] : 0;
        bool drop =
            before == 0 || after == 0 || is_cjk(before) || is_cjk(after) || before == ':' || after == ':';
        if (!drop)
            kept.push_back(' ');
        i = end - 1;
    }
    return kept;
}

// Until nothing changes: a removal can make a space newly adjacent to a colon ("A ;:" → "A :").
// Each pass only removes, so this ends.
std::string clean_line(std::vector<char32_t> line) {
    for (auto next = clean_once(line); next != line; next = clean_once(line))
        line = std::move(next);
    std::string out;
    for (char32_t c : line)
        encode(c, out);
    return out;
}

} // namespace

std::string normalize_ocr_text(std::string_view text) {
    std::string out;
    std::vector<char32_t> line;
    auto flush = [&] {
        std::string cleaned = clean_line(std::move(line));
        line.clear();
        if (cleaned.empty())
            return;
        if (!out.empty())
            out += '\n';
        out += cleaned;
    };
    for (char32_t c : decode(text)) {
        if (c == '\n' || c == '\f' || c == 0x2028)
            flush();
        else
            line.push_back(unify(c));
    }
    flush();
    return out;
}

std::string without_whitespace(std::string_view text) {
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r')
            out += c;
    return out;
}

} // namespace kiosk::domain
