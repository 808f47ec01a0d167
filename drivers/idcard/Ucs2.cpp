#include "drivers/idcard/Ucs2.h"

namespace kiosk::drivers::sam {
namespace {

bool is_high_surrogate(uint32_t unit) {
    return unit >= 0xD800 && unit <= 0xDBFF;
}
bool is_low_surrogate(uint32_t unit) {
    return unit >= 0xDC00 && unit <= 0xDFFF;
}

void append_utf8(std::string& out, uint32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | code_point >> 6);
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | code_point >> 12);
        out += static_cast<char>(0x80 | (code_point >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | code_point >> 18);
        out += static_cast<char>(0x80 | (code_point >> 12 & 0x3F));
        out += static_cast<char>(0x80 | (code_point >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

} // namespace

Result<std::string> decode_ucs2le(std::span<const uint8_t> bytes) {
    if (bytes.size() % 2 != 0)
        return make_error(ErrorCode::InvalidData, "UCS-2 text has an odd number of bytes");
    size_t units = bytes.size() / 2;
    auto unit_at = [&](size_t i) { return uint32_t(bytes[2 * i]) | uint32_t(bytes[2 * i + 1]) << 8; };
    while (units > 0 && (unit_at(units - 1) == 0x0020 || unit_at(units - 1) == 0x0000))
        --units;

    std::string out;
    out.reserve(units * 3);
    for (size_t i = 0; i < units; ++i) {
        uint32_t unit = unit_at(i);
        if (unit < 0x20 || unit == 0x7F)
            return make_error(ErrorCode::InvalidData, "text holds a control character");
        if (is_low_surrogate(unit))
            return make_error(ErrorCode::InvalidData, "text holds a lone surrogate");
        if (is_high_surrogate(unit)) {
            if (i + 1 >= units || !is_low_surrogate(unit_at(i + 1)))
                return make_error(ErrorCode::InvalidData, "text holds a lone surrogate");
            unit = 0x10000 + ((unit - 0xD800) << 10) + (unit_at(i + 1) - 0xDC00);
            ++i;
        }
        append_utf8(out, unit);
    }
    return out;
}

Result<std::u16string> utf8_to_ucs2(std::string_view text) {
    std::u16string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        auto lead = static_cast<unsigned char>(text[i]);
        size_t length = lead < 0x80           ? 1
                        : (lead >> 5) == 0x6  ? 2
                        : (lead >> 4) == 0xE  ? 3
                        : (lead >> 3) == 0x1E ? 4
                                              : 0;
        if (length == 0 || i + length > text.size())
            return make_error(ErrorCode::InvalidArgument, "text is not valid UTF-8");
        if (length == 4)
            return make_error(ErrorCode::InvalidArgument, "text has a character outside the BMP (not UCS-2)");
        uint32_t code_point = length == 1 ? lead : length == 2 ? lead & 0x1F : lead & 0x0F;
        for (size_t k = 1; k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80)
                return make_error(ErrorCode::InvalidArgument, "text is not valid UTF-8");
            code_point = code_point << 6 | (next & 0x3F);
        }
        bool overlong = (length == 2 && code_point < 0x80) || (length == 3 && code_point < 0x800);
        if (overlong || (code_point >= 0xD800 && code_point <= 0xDFFF))
            return make_error(ErrorCode::InvalidArgument, "text is not valid UTF-8");
        out += static_cast<char16_t>(code_point);
        i += length;
    }
    return out;
}

} // namespace kiosk::drivers::sam
