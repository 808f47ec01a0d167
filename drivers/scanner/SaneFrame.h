#pragma once
// Turns the bytes of one SANE frame (SANE standard 1.0 §4.3.8, "Image Data Format") into a
// ScannedPage: 8-bit grey or RGB rows without padding. 1-bit line art (1 = black) becomes 0/255 grey;
// 16-bit samples (host byte order) keep their high 8 bits. Three-pass frames (RED/GREEN/BLUE) are
// refused as Unsupported: no scanner the kiosk buys sends them.

#include "drivers/scanner/Scanner.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace kiosk::drivers {

struct SaneFrameFormat {
    bool color = false;      // SANE_FRAME_RGB; else SANE_FRAME_GRAY
    bool single_pass = true; // false: a RED, GREEN or BLUE frame
    int depth = 8;           // bits per sample: 1, 8 or 16
    int pixels_per_line = 0;
    int bytes_per_line = 0; // may exceed what the pixels need (padding)
};

// Bytes a row needs without padding.
size_t row_bytes(const SaneFrameFormat& format);

// `data` holds whole rows (a trailing partial row is dropped); `dpi` is what the device scanned at.
Result<ScannedPage> assemble_page(const SaneFrameFormat& format, const std::vector<uint8_t>& data, int dpi);

// One frame as sane_read hands it over, in chunks of any size (a backend may return fewer bytes than
// asked for, down to none), turned into the page at the end. What the backend says is not trusted: a
// length outside the buffer it was given, or a frame past `most_bytes`, is InvalidData, and its
// announced number of lines only sizes the progress (and the buffer, when that is within the cap).
class SaneFrameReader {
public:
    static constexpr size_t kMostBytes = size_t(512) << 20; // a 600 dpi A4 colour page is ~100 MB

    // `lines`: SANE_Parameters.lines, -1 when the device does not know (a hand scanner): then progress
    // is measured against an A4 page at `dpi`.
    SaneFrameReader(const SaneFrameFormat& format, int lines, int dpi, size_t most_bytes = kMostBytes);

    // The first `length` bytes of `buffer`, which sane_read was given to fill.
    Result<void> add(std::span<const uint8_t> buffer, int length);
    size_t size() const { return m_data.size(); }
    int percent() const; // 0..99: the frame is done only when the backend says so
    Result<ScannedPage> finish() const { return assemble_page(m_format, m_data, m_dpi); }

private:
    SaneFrameFormat m_format;
    int m_dpi;
    size_t m_most_bytes;
    size_t m_expected = 1;
    std::vector<uint8_t> m_data;
};

} // namespace kiosk::drivers
