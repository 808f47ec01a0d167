// The document pipeline (services/scan) on a synthetic scan: an A4 page of text rendered with
// ImageMagick, turned 3° and laid on a dark scanner background — what a citizen's sheet on the
// glass looks like. Checks the crop, the measured skew, the size on disk, the PDF's page count
// (pdfinfo) and that the stored page still reads (tesseract).
#include "services/scan/MaterialStore.h"
#include "services/scan/PageCleaner.h"
#include "services/scan/PageEncoder.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::scan {
namespace {

namespace fs = std::filesystem;

const fs::path work_dir = SCAN_PIPELINE_WORK_DIR;

std::string run(const std::string& command) {
    std::string output;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe)
        return output;
    std::array<char, 4096> buffer;
    while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe.get()))
        output.append(buffer.data(), n);
    return output;
}

// A binary PGM (P5, 8 bit) as ImageMagick writes it.
drivers::ScannedPage read_pgm(const fs::path& path, int dpi) {
    std::ifstream in(path, std::ios::binary);
    std::string magic;
    int width = 0, height = 0, max = 0;
    in >> magic >> width >> height >> max;
    in.get();
    drivers::ScannedPage page;
    page.width = width;
    page.height = height;
    page.dpi = dpi;
    page.pixels.resize(static_cast<size_t>(width) * height);
    in.read(reinterpret_cast<char*>(page.pixels.data()), static_cast<std::streamsize>(page.pixels.size()));
    return page;
}

class ScanPipeline : public ::testing::Test {
protected:
    // Rendered once: the straight page (300 dpi, 2480 x 3508) and the scan of it, turned 3°
    // counter-clockwise on a dark grey glass of 2800 x 3900.
    // Each test runs in its own process (gtest_discover_tests): the first renders, the others reuse
    // (renamed into place, so parallel tests never see half a file). Change the version when the
    // rendering changes.
    static void SetUpTestSuite() {
        fs::create_directories(work_dir);
        if (fs::exists(work_dir / "scan-v2.pgm") && fs::exists(work_dir / "page-v2.pgm"))
            return;
        std::string lines;
        const char* filler = "The holder of this certificate has lived at the address below since 2019.";
        for (int i = 0; i < 14; ++i)
            lines += fmt::format(" -annotate +200+{} '{}'", 800 + i * 120, filler);
        std::string page = (work_dir / fmt::format("page-{}.pgm", getpid())).string();
        std::string scan = (work_dir / fmt::format("scan-{}.pgm", getpid())).string();
        std::string render = fmt::format(
            "convert -size 2480x3508 xc:white -font Noto-Sans-CJK-SC -fill black -pointsize 90 -annotate "
            "+200+400 "
            "'CERTIFICATE OF RESIDENCE' -pointsize 44 {} -depth 8 -colorspace Gray {} && "
            "convert {} -background '#3c3c3c' -rotate -3 -gravity center -extent 2800x3900 -depth 8 "
            "-colorspace Gray {}",
            lines, page, page, scan);
        ASSERT_EQ(std::system(render.c_str()), 0) << render;
        fs::rename(page, work_dir / "page-v2.pgm");
        fs::rename(scan, work_dir / "scan-v2.pgm");
    }

    static drivers::ScannedPage scan() { return read_pgm(work_dir / "scan-v2.pgm", 300); }
    static drivers::ScannedPage straight_page() { return read_pgm(work_dir / "page-v2.pgm", 300); }
};

TEST_F(ScanPipeline, FindsTheSheetAndStraightensIt) {
    auto clean = clean_page(scan());
    ASSERT_TRUE(clean.ok()) << clean.error().describe();
    EXPECT_TRUE(clean->background_found);
    EXPECT_NEAR(std::abs(clean->skew_degrees), 3.0, 0.25) << "confidence " << clean->skew_confidence;
    // The sheet is 2480 x 3508 and centred on the 2800 x 3900 glass.
    EXPECT_NEAR(clean->crop.width, 2480, 40);
    EXPECT_NEAR(clean->crop.height, 3508, 40);
    EXPECT_NEAR(clean->crop.x + clean->crop.width / 2, 1400, 30);
    EXPECT_NEAR(clean->crop.y + clean->crop.height / 2, 1950, 30);
    EXPECT_EQ(clean->image.width, clean->crop.width);
    EXPECT_EQ(clean->image.channels, 1);
    // Paper is white after normalising, and no dark background is left along the edges.
    const auto& image = clean->image;
    auto at = [&](int x, int y) { return image.pixels[static_cast<size_t>(y) * image.width + x]; };
    EXPECT_GE(at(3, image.height / 2), 200);
    EXPECT_GE(at(image.width - 4, image.height / 2), 200);
    EXPECT_GE(at(image.width / 2, 3), 200);
    EXPECT_GE(at(image.width / 2, image.height - 4), 200);
    EXPECT_EQ(image.pixels[static_cast<size_t>(image.height - 60) * image.width + image.width / 2], 255);
}

TEST_F(ScanPipeline, TheSkewSignFollowsTheRotation) {
    auto clean = clean_page(scan());
    ASSERT_TRUE(clean.ok());
    // ImageMagick's -rotate -3 turns the sheet counter-clockwise; undoing it is a clockwise turn.
    EXPECT_GT(clean->skew_degrees, 0);
}

TEST_F(ScanPipeline, APageWithoutBackgroundIsKeptWhole) {
    auto page = straight_page();
    auto clean = clean_page(page);
    ASSERT_TRUE(clean.ok());
    EXPECT_FALSE(clean->background_found);
    EXPECT_EQ(clean->skew_degrees, 0.0);
    EXPECT_EQ(clean->image.width, page.width);
    EXPECT_EQ(clean->image.height, page.height);
}

TEST_F(ScanPipeline, StoresAMaterialWithinTheBudgetAndReadable) {
    fs::path session = work_dir / "session-1";
    auto stored = store_material(session, "residence-certificate", {scan(), scan()});
    ASSERT_TRUE(stored.ok()) << stored.error().describe();
    ASSERT_EQ(stored->pages.size(), 2u);
    for (const auto& page : stored->pages) {
        EXPECT_TRUE(page.within_budget);
        EXPECT_LE(fs::file_size(page.file), 300u * 1024) << page.file;
        EXPECT_EQ(fs::file_size(page.file), page.bytes);
        std::cout << page.file.filename() << ": " << page.bytes << " bytes, " << page.width << "x"
                  << page.height << " at " << page.dpi << " dpi, quality " << page.quality << "\n";
    }
    EXPECT_EQ(stored->pages[0].file.filename(), "page-001.jpg");
    // The PDF holds both pages at A4 and is hardly larger than the JPEGs it embeds.
    std::string info = run("pdfinfo " + stored->pdf.string());
    EXPECT_NE(info.find("Pages:           2\n"), std::string::npos) << info;
    EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
    EXPECT_LE(stored->pdf_bytes, stored->pages[0].bytes + stored->pages[1].bytes + 20 * 1024);
    // Still readable: the title word comes back from OCR of the stored page.
    std::string text = run("tesseract " + stored->pages[0].file.string() + " - -l eng 2>/dev/null");
    EXPECT_NE(text.find("RESIDENCE"), std::string::npos) << text;
    EXPECT_NE(text.find("certificate"), std::string::npos) << text;

    // A rescan replaces the material: one page now, none of the old ones left.
    auto again = store_material(session, "residence-certificate", {scan()});
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(fs::exists(session / "residence-certificate" / "page-002.jpg"));

    ASSERT_TRUE(wipe_session_folder(session).ok());
    EXPECT_FALSE(fs::exists(session));
    EXPECT_TRUE(wipe_session_folder(session).ok()); // already gone is fine
}

// A citizen's pages are the kiosk user's alone, whatever the process umask: folders 0700, files 0600.
TEST_F(ScanPipeline, StoredPagesAreReadableByTheKioskUserAlone) {
    mode_t old_umask = ::umask(0); // the most permissive a unit could leave
    fs::path session = work_dir / "session-modes";
    auto stored = store_material(session, "birth-certificate", {scan()});
    ::umask(old_umask);
    ASSERT_TRUE(stored.ok()) << stored.error().describe();
    auto mode = [](const fs::path& path) { return fs::status(path).permissions() & fs::perms::all; };
    EXPECT_EQ(mode(session), fs::perms::owner_all);
    EXPECT_EQ(mode(session / "birth-certificate"), fs::perms::owner_all);
    EXPECT_EQ(mode(stored->pages[0].file), fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(mode(stored->pdf), fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(ScanPipeline, AnEmptyGlassIsNotCroppedToNothing) {
    drivers::ScannedPage dark;
    dark.width = 1240;
    dark.height = 1754;
    dark.dpi = 150;
    dark.pixels.assign(static_cast<size_t>(dark.width) * dark.height, 20);
    auto clean = clean_page(dark);
    ASSERT_TRUE(clean.ok());
    EXPECT_FALSE(clean->background_found);
    EXPECT_EQ(clean->image.width, dark.width);
    EXPECT_EQ(clean->image.height, dark.height);
}

TEST_F(ScanPipeline, OverBudgetPagesDropQualityThenResolution) {
    auto clean = clean_page(scan());
    ASSERT_TRUE(clean.ok());
    EncodeOptions tight;
    tight.budget_bytes = 60 * 1024;
    auto page = encode_jpeg(clean->image, tight);
    ASSERT_TRUE(page.ok());
    EXPECT_LT(page->quality, tight.first_quality);
    EXPECT_EQ(page->dpi, 200);
    EXPECT_NEAR(page->width, clean->image.width * 2 / 3, 2);
    EXPECT_EQ(page->within_budget, page->jpeg.size() <= tight.budget_bytes);
}

TEST_F(ScanPipeline, RefusesBadInputAndBadNames) {
    drivers::ScannedPage empty;
    EXPECT_EQ(clean_page(empty).error().code, ErrorCode::InvalidData);
    EXPECT_EQ(store_material(work_dir / "s", "../escape", {scan()}).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(store_material(work_dir / "s", "none", {}).error().code, ErrorCode::InvalidArgument);
}

TEST_F(ScanPipeline, KeepsColourWhenAsked) {
    auto grey = scan();
    drivers::ScannedPage colour = grey;
    colour.channels = 3;
    colour.pixels.clear();
    for (uint8_t v : grey.pixels)
        colour.pixels.insert(colour.pixels.end(), {v, v, static_cast<uint8_t>(v / 2)});
    CleanOptions options;
    options.grey = false;
    auto clean = clean_page(colour, options);
    ASSERT_TRUE(clean.ok());
    EXPECT_EQ(clean->image.channels, 3);
    EXPECT_NEAR(clean->crop.width, 2480, 40);
}

} // namespace
} // namespace kiosk::scan
