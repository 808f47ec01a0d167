#include "services/codes/DecodeCodes.h"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>
#include <leptonica/allheaders.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <memory>

namespace kiosk::services {
namespace {

// The formats a kiosk meets: our own receipts (QR), e-permits (QR, DataMatrix, PDF417), parcel and
// goods labels (Code 128, EAN). Fewer formats decode faster (docs/specs/test-rig.md §4: 45 vs 146 ms).
constexpr auto kMultiFormats =
    ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::DataMatrix | ZXing::BarcodeFormat::PDF417;
constexpr auto kLinearFormats =
    ZXing::BarcodeFormat::Code128 | ZXing::BarcodeFormat::EAN13 | ZXing::BarcodeFormat::EAN8;
constexpr int kMaxCodesPerFormat = 16; // linear codes per image, against endless loops

DecodedCode to_code(const ZXing::Result& result) {
    DecodedCode code{ZXing::ToString(result.format()), result.text(), {}};
    const auto& corners = result.position();
    for (int i = 0; i < 4; ++i)
        code.position.push_back({corners[i].x, corners[i].y});
    return code;
}

// Paints a found code white so the next pass finds the next one. For a linear code ZXing gives the
// scan lines it read it on, not the bars' height: rows are added above and below while they still hold
// bars (a fifth of the row dark), then a margin.
void erase(std::vector<unsigned char>& pixels, int width, int height, const ZXing::Position& position) {
    int left = width, right = 0, top = height, bottom = 0;
    for (int i = 0; i < 4; ++i) {
        left = std::clamp(std::min(left, position[i].x), 0, width - 1);
        right = std::clamp(std::max(right, position[i].x), 0, width - 1);
        top = std::clamp(std::min(top, position[i].y), 0, height - 1);
        bottom = std::clamp(std::max(bottom, position[i].y), 0, height - 1);
    }
    auto has_bars = [&](int y) {
        int dark = 0;
        for (int x = left; x <= right; ++x)
            dark += pixels[static_cast<size_t>(y) * width + x] < 128;
        return dark * 5 >= right - left + 1;
    };
    while (top > 0 && has_bars(top - 1))
        --top;
    while (bottom < height - 1 && has_bars(bottom + 1))
        ++bottom;
    int margin = 8;
    for (int y = std::max(0, top - margin); y <= std::min(height - 1, bottom + margin); ++y)
        for (int x = std::max(0, left - margin); x <= std::min(width - 1, right + margin); ++x)
            pixels[static_cast<size_t>(y) * width + x] = 255;
}

} // namespace

Result<std::vector<DecodedCode>> decode_codes(const unsigned char* gray, int width, int height,
                                              const DecodeOptions& options) {
    if (!gray || width <= 0 || height <= 0)
        return make_error(ErrorCode::InvalidArgument, "an empty image");
    size_t limit = options.max_codes > 0 ? static_cast<size_t>(options.max_codes) : SIZE_MAX;
    try {
        std::vector<DecodedCode> codes;
        auto hints = [&](ZXing::BarcodeFormats formats, int symbols) {
            return ZXing::DecodeHints()
                .setFormats(formats)
                .setTryHarder(options.try_harder)
                .setTryRotate(options.try_rotate)
                .setMaxNumberOfSymbols(static_cast<uint8_t>(symbols));
        };
        // Every code found is painted out of a copy of the image before the next pass looks.
        std::vector<unsigned char> rest(gray, gray + static_cast<size_t>(width) * height);
        for (const auto& result : ZXing::ReadBarcodes({gray, width, height, ZXing::ImageFormat::Lum},
                                                      hints(kMultiFormats, 0xff))) {
            if (!result.isValid() || codes.size() >= limit)
                continue;
            codes.push_back(to_code(result));
            erase(rest, width, height, result.position());
        }
        // ZXing-cpp 1.4 asserts (Result.cpp:140, lineCount() == 1) when it de-duplicates several
        // linear codes in one pass, and Debian builds it with assertions on: one linear code per
        // pass, on the image with every code found so far painted out. (Its DataMatrix detector
        // starts from the image centre, so a DataMatrix is found alone or in the middle only.)
        for (int pass = 0; pass < kMaxCodesPerFormat && codes.size() < limit; ++pass) {
            auto result = ZXing::ReadBarcode({rest.data(), width, height, ZXing::ImageFormat::Lum},
                                             hints(kLinearFormats, 1));
            if (!result.isValid())
                break;
            codes.push_back(to_code(result));
            erase(rest, width, height, result.position());
        }
        return codes;
    } catch (const std::exception& error) {
        return make_error(ErrorCode::Internal, std::string("ZXing failed: ") + error.what());
    }
}

Result<std::vector<DecodedCode>> decode_codes_file(const std::string& path, const DecodeOptions& options) {
    setMsgSeverity(L_SEVERITY_NONE); // our errors say what failed; Leptonica would add lines to stderr
    auto destroy = [](Pix* pix) { pixDestroy(&pix); };
    std::unique_ptr<Pix, decltype(destroy)> page(pixRead(path.c_str()), destroy);
    if (!page)
        return make_error(ErrorCode::NotFound, "cannot read image " + path);
    std::unique_ptr<Pix, decltype(destroy)> gray(pixConvertTo8(page.get(), 0), destroy);
    if (!gray)
        return make_error(ErrorCode::InvalidData, "unsupported image format: " + path);
    int width = pixGetWidth(gray.get()), height = pixGetHeight(gray.get());
    // Leptonica packs bytes big-endian into 32-bit words; ZXing wants plain rows.
    std::vector<unsigned char> bytes(static_cast<size_t>(width) * height);
    l_uint32* data = pixGetData(gray.get());
    int words_per_line = pixGetWpl(gray.get());
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            bytes[static_cast<size_t>(y) * width + x] = static_cast<unsigned char>(
                GET_DATA_BYTE(data + static_cast<ptrdiff_t>(y) * words_per_line, x));
    return decode_codes(bytes.data(), width, height, options);
}

} // namespace kiosk::services
