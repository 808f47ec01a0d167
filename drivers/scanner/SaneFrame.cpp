#include "drivers/scanner/SaneFrame.h"

#include <algorithm>
#include <cstring>

namespace kiosk::drivers {

size_t row_bytes(const SaneFrameFormat& format) {
    size_t samples = static_cast<size_t>(format.pixels_per_line) * (format.color ? 3 : 1);
    return (samples * format.depth + 7) / 8;
}

Result<ScannedPage> assemble_page(const SaneFrameFormat& format, const std::vector<uint8_t>& data, int dpi) {
    if (!format.single_pass)
        return make_error(ErrorCode::Unsupported,
                          "three-pass scanners (one frame per colour) are not supported");
    if (format.depth != 1 && format.depth != 8 && format.depth != 16)
        return make_error(ErrorCode::Unsupported,
                          "bit depth " + std::to_string(format.depth) + " is not supported");
    if (format.depth == 1 && format.color)
        return make_error(ErrorCode::Unsupported, "1-bit colour is not supported");
    size_t needed = row_bytes(format);
    if (format.pixels_per_line <= 0 || static_cast<size_t>(format.bytes_per_line) < needed)
        return make_error(ErrorCode::InvalidData, "the scanner announced an impossible line layout");
    int rows = static_cast<int>(data.size() / format.bytes_per_line);
    if (rows == 0)
        return make_error(ErrorCode::InvalidData, "the scanner sent no complete line");

    ScannedPage page;
    page.width = format.pixels_per_line;
    page.height = rows;
    page.channels = format.color ? 3 : 1;
    page.dpi = dpi;
    size_t samples = static_cast<size_t>(page.width) * page.channels;
    page.pixels.resize(samples * rows);
    for (int y = 0; y < rows; ++y) {
        const uint8_t* in = data.data() + static_cast<size_t>(y) * format.bytes_per_line;
        uint8_t* out = page.pixels.data() + samples * y;
        if (format.depth == 8) {
            std::memcpy(out, in, samples);
        } else if (format.depth == 16) {
            for (size_t i = 0; i < samples; ++i) {
                uint16_t sample;
                std::memcpy(&sample, in + 2 * i, 2);
                out[i] = static_cast<uint8_t>(sample >> 8);
            }
        } else {
            for (size_t i = 0; i < samples; ++i)
                out[i] = (in[i / 8] >> (7 - i % 8)) & 1 ? 0 : 255; // line art: a set bit is black
        }
    }
    return page;
}

SaneFrameReader::SaneFrameReader(const SaneFrameFormat& format, int lines, int dpi, size_t most_bytes)
    : m_format(format), m_dpi(dpi), m_most_bytes(most_bytes) {
    constexpr double a4_height_mm = 297.0;
    size_t line = static_cast<size_t>(std::max(format.bytes_per_line, 0));
    size_t expected_lines = lines > 0 ? static_cast<size_t>(lines)
                                      : static_cast<size_t>(std::max(a4_height_mm / 25.4 * dpi, 1.0));
    m_expected = std::max<size_t>(line * expected_lines, 1);
    if (lines > 0 && m_expected <= m_most_bytes)
        m_data.reserve(m_expected);
}

Result<void> SaneFrameReader::add(std::span<const uint8_t> buffer, int length) {
    if (length < 0 || static_cast<size_t>(length) > buffer.size())
        return make_error(ErrorCode::InvalidData, "the scanner claimed " + std::to_string(length) +
                                                      " bytes from a read of at most " +
                                                      std::to_string(buffer.size()));
    if (static_cast<size_t>(length) > m_most_bytes - m_data.size())
        return make_error(ErrorCode::InvalidData, "the scanner sent more than " +
                                                      std::to_string(m_most_bytes >> 20) +
                                                      " MB for one page");
    m_data.insert(m_data.end(), buffer.begin(), buffer.begin() + length);
    return {};
}

int SaneFrameReader::percent() const {
    return static_cast<int>(std::min<size_t>(99, m_data.size() * 100 / m_expected));
}

} // namespace kiosk::drivers
