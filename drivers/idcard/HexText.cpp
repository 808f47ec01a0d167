#include "drivers/idcard/HexText.h"

#include <fmt/format.h>

namespace kiosk::drivers::sam {
namespace {

int nibble(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

Result<std::vector<uint8_t>> parse_hex(std::string_view text) {
    std::vector<uint8_t> bytes;
    int high = -1;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '#') {
            while (i < text.size() && text[i] != '\n')
                ++i;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (high >= 0)
                return make_error(ErrorCode::InvalidData, fmt::format("hex: odd digit before offset {}", i));
            continue;
        }
        int value = nibble(c);
        if (value < 0)
            return make_error(ErrorCode::InvalidData, fmt::format("hex: not a hex digit at offset {}", i));
        if (high < 0) {
            high = value;
        } else {
            bytes.push_back(static_cast<uint8_t>(high << 4 | value));
            high = -1;
        }
    }
    if (high >= 0)
        return make_error(ErrorCode::InvalidData, "hex: odd number of digits");
    return bytes;
}

std::string to_hex(std::span<const uint8_t> bytes, size_t per_line) {
    std::string out;
    out.reserve(bytes.size() * 3);
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0)
            out += per_line != 0 && i % per_line == 0 ? '\n' : ' ';
        out += fmt::format("{:02X}", bytes[i]);
    }
    return out;
}

} // namespace kiosk::drivers::sam
