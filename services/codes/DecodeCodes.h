#pragma once
// Every QR code and barcode on a scanned image (ZXing-cpp): the image path of the QR scanner and of
// `kiosk-devctl qr decode`. Payloads are untrusted bytes: classify them with domain::classify_qr_payload.

#include "core/base/Result.h"

#include <string>
#include <vector>

namespace kiosk::services {

struct CodePoint {
    int x = 0, y = 0; // pixels
};

struct DecodedCode {
    std::string format;              // ZXing's name: "QRCode", "DataMatrix", "PDF417", "Code128", "EAN-13"
    std::string text;                // UTF-8 payload as decoded
    std::vector<CodePoint> position; // 4 corners: top-left, top-right, bottom-right, bottom-left
};

struct DecodeOptions {
    bool try_harder = true; // slower, finds small and damaged codes
    bool try_rotate = true; // codes at 90/180/270 degrees (and the 1-D codes turned sideways)
    int max_codes = 0;      // 0: all on the image
};

// Luminance bytes, width × height, rows without padding. No code on the image is an empty vector.
Result<std::vector<DecodedCode>> decode_codes(const unsigned char* gray, int width, int height,
                                              const DecodeOptions& options = {});
// PNG, JPEG, PNM or TIFF (decoded with Leptonica); NotFound when the file cannot be read.
Result<std::vector<DecodedCode>> decode_codes_file(const std::string& path,
                                                   const DecodeOptions& options = {});

} // namespace kiosk::services
