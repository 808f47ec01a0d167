#include "core/documents/QrCode.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <exception>
#include <string>

namespace kiosk::print {

Result<QrCode> encode_qr(std::string_view payload) {
    if (payload.empty())
        return make_error(ErrorCode::InvalidArgument, "an empty QR payload");
    try {
        // MultiFormatWriter maps ecc levels 0-8 onto L, M, Q, H; 4 is M. Width and height 0 give one
        // pixel per module; margin 0 leaves the quiet zone to the layout.
        auto matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                          .setEccLevel(4)
                          .setMargin(0)
                          .encode(std::string(payload), 0, 0);
        QrCode out;
        out.size = matrix.width();
        out.modules.resize(static_cast<size_t>(out.size) * out.size);
        for (int y = 0; y < out.size; ++y)
            for (int x = 0; x < out.size; ++x)
                out.modules[static_cast<size_t>(y) * out.size + x] = matrix.get(x, y);
        return out;
    } catch (const std::exception&) {
        // ZXing throws when the data exceeds version 40; its message would repeat nothing useful.
        return make_error(ErrorCode::InvalidArgument, "QR payload of " + std::to_string(payload.size()) +
                                                          " bytes does not fit a QR code");
    }
}

} // namespace kiosk::print
