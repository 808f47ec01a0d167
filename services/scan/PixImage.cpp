#include "services/scan/PixImage.h"

namespace kiosk::scan {

PixPtr to_pix(const drivers::ScannedPage& page) {
    PixPtr pix(pixCreate(page.width, page.height, page.channels == 3 ? 32 : 8));
    if (!pix)
        return pix;
    pixSetResolution(pix.get(), page.dpi, page.dpi);
    const uint8_t* in = page.pixels.data();
    for (int y = 0; y < page.height; ++y) {
        l_uint32* line = pixGetData(pix.get()) + static_cast<size_t>(y) * pixGetWpl(pix.get());
        for (int x = 0; x < page.width; ++x) {
            if (page.channels == 3) {
                composeRGBPixel(in[0], in[1], in[2], line + x);
                in += 3;
            } else {
                SET_DATA_BYTE(line, x, *in++);
            }
        }
    }
    return pix;
}

drivers::ScannedPage from_pix(PIX* pix, int dpi) {
    drivers::ScannedPage page;
    page.width = pixGetWidth(pix);
    page.height = pixGetHeight(pix);
    page.channels = pixGetDepth(pix) == 32 ? 3 : 1;
    page.dpi = dpi;
    page.pixels.resize(static_cast<size_t>(page.width) * page.height * page.channels);
    uint8_t* out = page.pixels.data();
    for (int y = 0; y < page.height; ++y) {
        const l_uint32* line = pixGetData(pix) + static_cast<size_t>(y) * pixGetWpl(pix);
        for (int x = 0; x < page.width; ++x) {
            if (page.channels == 3) {
                l_int32 r, g, b;
                extractRGBValues(line[x], &r, &g, &b);
                *out++ = static_cast<uint8_t>(r);
                *out++ = static_cast<uint8_t>(g);
                *out++ = static_cast<uint8_t>(b);
            } else {
                *out++ = static_cast<uint8_t>(GET_DATA_BYTE(line, x));
            }
        }
    }
    return page;
}

Result<PixFile> read_pix_8bit(const std::filesystem::path& file) {
    PixPtr pix(pixRead(file.c_str()));
    if (!pix)
        return make_error(ErrorCode::InvalidData, file.string() + " is not an image Leptonica can read");
    bool colour = pixGetDepth(pix.get()) == 32;
    if (PIXCMAP* map = pixGetColormap(pix.get())) {
        l_int32 has_colour = 0;
        pixcmapHasColor(map, &has_colour);
        colour = has_colour != 0;
    }
    PixPtr eight(colour ? pixConvertTo32(pix.get()) : pixConvertTo8(pix.get(), 0));
    if (!eight)
        return make_error(ErrorCode::InvalidData, file.string() + ": cannot convert to 8 bits per sample");
    return PixFile{std::move(eight), colour, pixGetXRes(pix.get())};
}

} // namespace kiosk::scan
