#pragma once
// The page of the staff scan test (the tests tab, docs/Maintenance.md "Tests"): a staff artefact,
// never a citizen's material. It is kept as a PNG file of its own (0600) while the tests tab shows it,
// with a small RGB preview for the screen, and deleted when the test is over — it never enters a
// session's folder, a case, a draft or the outbox.

#include "core/base/Result.h"
#include "drivers/scanner/Scanner.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace kiosk::scan {

// A small RGB copy of a page for a screen: each pixel the average of the page's pixels it covers,
// the longer side at most `max_side` (never enlarged).
struct PagePreview {
    std::vector<uint8_t> rgb; // 3 bytes a pixel, rows top-down
    int width = 0, height = 0;
};
PagePreview make_preview(const drivers::ScannedPage& page, int max_side);

// An image file Leptonica reads (PNG, JPEG, TIFF, PNM) as a page, grey or RGB; `dpi` when the file
// does not say. InvalidData when it is not such an image.
Result<drivers::ScannedPage> read_page_image(const std::filesystem::path& file, int dpi);

struct TestScanPage {
    std::filesystem::path file; // the PNG
    int width = 0, height = 0, dpi = 0;
    PagePreview preview;
};
// Writes `page` as `file` (a PNG, 0600; its folder made 0700) and makes its preview.
Result<TestScanPage> keep_test_page(const drivers::ScannedPage& page, const std::filesystem::path& file,
                                    int preview_max_side);

} // namespace kiosk::scan
