#include "services/scan/TestScanPage.h"

#include "services/scan/PageEncoder.h"
#include "services/scan/PixImage.h"
#include "services/scan/PrivateFiles.h"

#include <algorithm>

namespace kiosk::scan {

PagePreview make_preview(const drivers::ScannedPage& page, int max_side) {
    PagePreview preview;
    int channels = page.channels == 3 ? 3 : 1;
    if (page.width <= 0 || page.height <= 0 || max_side <= 0 ||
        page.pixels.size() < static_cast<size_t>(page.width) * page.height * channels)
        return preview;
    double scale = std::min(1.0, static_cast<double>(max_side) / std::max(page.width, page.height));
    preview.width = std::max(1, static_cast<int>(page.width * scale));
    preview.height = std::max(1, static_cast<int>(page.height * scale));
    preview.rgb.resize(static_cast<size_t>(preview.width) * preview.height * 3);
    uint8_t* out = preview.rgb.data();
    for (int y = 0; y < preview.height; ++y) {
        int y0 = static_cast<int>(static_cast<long>(y) * page.height / preview.height);
        int y1 = std::max(y0 + 1, static_cast<int>(static_cast<long>(y + 1) * page.height / preview.height));
        for (int x = 0; x < preview.width; ++x) {
            int x0 = static_cast<int>(static_cast<long>(x) * page.width / preview.width);
            int x1 =
                std::max(x0 + 1, static_cast<int>(static_cast<long>(x + 1) * page.width / preview.width));
            long sum[3] = {0, 0, 0};
            for (int sy = y0; sy < y1; ++sy) {
                const uint8_t* row =
                    page.pixels.data() + (static_cast<size_t>(sy) * page.width + x0) * channels;
                for (int sx = x0; sx < x1; ++sx, row += channels)
                    for (int c = 0; c < 3; ++c)
                        sum[c] += row[channels == 3 ? c : 0];
            }
            long count = static_cast<long>(y1 - y0) * (x1 - x0);
            for (long channel : sum)
                *out++ = static_cast<uint8_t>(channel / count);
        }
    }
    return preview;
}

Result<drivers::ScannedPage> read_page_image(const std::filesystem::path& file, int dpi) {
    auto read = TRY(read_pix_8bit(file));
    return from_pix(read.pix.get(), read.dpi > 0 ? read.dpi : dpi);
}

Result<TestScanPage> keep_test_page(const drivers::ScannedPage& page, const std::filesystem::path& file,
                                    int preview_max_side) {
    auto png = TRY(encode_png(page));
    if (file.has_parent_path())
        TRY(make_private_folder(file.parent_path()));
    TRY(write_private_file(file, png));
    return TestScanPage{file, page.width, page.height, page.dpi, make_preview(page, preview_max_side)};
}

} // namespace kiosk::scan
