// libFuzzer target for SANE frame assembly (drivers/scanner/SaneFrame.h): what a scanner backend
// announces (sane_get_parameters: format, depth, pixels and bytes per line, lines) and what it hands
// over in each sane_read — a chunk of bytes and the length it claims for it, truthful or not — all come
// from the input, and the frame is turned into a page at the end, as SaneScanner::read_page does.
// Beyond "no crash, no sanitizer report", it checks what the scan pipeline relies on: a claimed length
// outside the buffer and a frame past the cap are refused, progress stays within 0..99, and a page is
// whole 8-bit rows of the announced width, one per complete line received.
//
// Input (little-endian; make-seeds.py writes the seeds): an 18-byte header — u8 flags (1 colour, 2 a
// three-pass frame, 4 bytes_per_line as given rather than the row's bytes plus its low 3 bits as
// padding, 8 negative pixels_per_line), u8 depth, u16 pixels_per_line, i32 bytes_per_line, i32 lines,
// u16 dpi, u32 the frame cap in bytes (at most 1 MiB here) — then chunks: u16 buffer size (1..4096),
// i32 the length sane_read claims, and the buffer's bytes.

#include "drivers/scanner/SaneFrame.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace kiosk::drivers;

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

struct Input {
    const uint8_t* data;
    size_t size;
    size_t at = 0;

    size_t left() const { return size - at; }
    template <typename T>
    T take() {
        T value{};
        size_t count = std::min(sizeof(T), left());
        std::memcpy(&value, data + at, count); // little-endian hosts only, as the kiosk is
        at += count;
        return value;
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Input input{data, size};
    auto flags = input.take<uint8_t>();
    SaneFrameFormat format;
    format.color = flags & 1;
    format.single_pass = !(flags & 2);
    format.depth = input.take<uint8_t>();
    format.pixels_per_line = input.take<uint16_t>() * (flags & 8 ? -1 : 1);
    auto bytes_per_line = input.take<int32_t>();
    if (flags & 4) {
        format.bytes_per_line = bytes_per_line;
    } else {
        size_t row = std::min<size_t>(row_bytes(format), INT_MAX - 8);
        format.bytes_per_line = static_cast<int>(row) + (bytes_per_line & 7);
    }
    int lines = input.take<int32_t>();
    int dpi = std::clamp<int>(input.take<uint16_t>(), 1, 4800);
    size_t most_bytes = std::min<size_t>(input.take<uint32_t>(), size_t{1} << 20);

    SaneFrameReader frame(format, lines, dpi, most_bytes);
    size_t received = 0;
    while (input.left() > 0) {
        size_t capacity = input.take<uint16_t>() % 4096 + 1;
        int claimed = input.take<int32_t>();
        std::vector<uint8_t> buffer(capacity);
        size_t count = std::min(capacity, input.left());
        std::memcpy(buffer.data(), input.data + input.at, count);
        input.at += count;
        auto added = frame.add(buffer, claimed);
        bool fits = claimed >= 0 && static_cast<size_t>(claimed) <= capacity &&
                    received + static_cast<size_t>(claimed) <= most_bytes;
        require(added.ok() == fits);
        if (!added.ok())
            break; // read_page cancels the scan
        received += static_cast<size_t>(claimed);
        require(frame.size() == received);
        require(frame.percent() >= 0 && frame.percent() <= 99);
    }
    auto page = frame.finish();
    if (!page.ok()) {
        require(!page.error().message.empty());
        return 0;
    }
    require(format.single_pass && format.pixels_per_line > 0 && format.bytes_per_line > 0);
    require(page->width == format.pixels_per_line && page->channels == (format.color ? 3 : 1));
    require(page->height >= 1 &&
            static_cast<size_t>(page->height) == received / static_cast<size_t>(format.bytes_per_line));
    require(page->pixels.size() == static_cast<size_t>(page->width) * page->height * page->channels);
    require(page->dpi == dpi);
    return 0;
}
