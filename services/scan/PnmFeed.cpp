#include "services/scan/PnmFeed.h"

#include "services/scan/PixImage.h"

namespace kiosk::scan {

Result<void> write_scanner_pnm(const std::filesystem::path& image, const std::filesystem::path& pnm) {
    auto read = TRY(read_pix_8bit(image));
    if (read.colour)
        pixSetSpp(read.pix.get(), 3); // P6, not a PAM with alpha
    if (pixWrite(pnm.c_str(), read.pix.get(), IFF_PNM) != 0)
        return make_error(ErrorCode::Io, "cannot write " + pnm.string());
    return {};
}

} // namespace kiosk::scan
