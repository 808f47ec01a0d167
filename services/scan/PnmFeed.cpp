#include "services/scan/PnmFeed.h"

#include "services/scan/PixImage.h"

namespace kiosk::scan {

Result<void> write_scanner_pnm(const std::filesystem::path& image, const std::filesystem::path& pnm) {
    PixPtr pix(pixRead(image.c_str()));
    if (!pix)
        return make_error(ErrorCode::InvalidData, image.string() + " is not an image Leptonica can read");
    bool colour = pixGetDepth(pix.get()) == 32;
    if (PIXCMAP* map = pixGetColormap(pix.get())) {
        l_int32 has_colour = 0;
        pixcmapHasColor(map, &has_colour);
        colour = has_colour != 0;
    }
    PixPtr eight(colour ? pixConvertTo32(pix.get()) : pixConvertTo8(pix.get(), 0));
    if (!eight)
        return make_error(ErrorCode::InvalidData, image.string() + ": cannot convert to 8 bits per sample");
    if (colour)
        pixSetSpp(eight.get(), 3); // P6, not a PAM with alpha
    if (pixWrite(pnm.c_str(), eight.get(), IFF_PNM) != 0)
        return make_error(ErrorCode::Io, "cannot write " + pnm.string());
    return {};
}

} // namespace kiosk::scan
