// decode_codes on images of varied difficulty: codes drawn with ZXing's writer onto a page, then
// turned, blurred, shrunk and speckled with ImageMagick, the way a flatbed scan of a phone screen or
// a receipt comes out.

#include "services/codes/DecodeCodes.h"

#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace kiosk::services {
namespace {

namespace fs = std::filesystem;

class Page {
public:
    Page(int width, int height) : m_width(width), m_height(height), m_pixels(size_t(width) * height, 255) {}

    // Draws a code at (x, y), each module `scale` pixels, with ZXing's default quiet zone.
    void draw(ZXing::BarcodeFormat format, const std::string& text, int x, int y, int scale, int height = 0) {
        auto writer =
            ZXing::MultiFormatWriter(format).setMargin(format == ZXing::BarcodeFormat::EAN13 ? 10 : 2);
        if (format == ZXing::BarcodeFormat::QRCode)
            writer.setEncoding(ZXing::CharacterSet::UTF8);
        auto matrix = writer.encode(text, 0, height);
        for (int row = 0; row < matrix.height(); ++row)
            for (int column = 0; column < matrix.width(); ++column)
                for (int dy = 0; dy < (matrix.height() == 1 ? 1 : scale); ++dy)
                    for (int dx = 0; dx < scale; ++dx)
                        set(x + column * scale + dx, y + row * (matrix.height() == 1 ? 1 : scale) + dy,
                            matrix.get(column, row) ? 0 : 255);
    }
    void write_pgm(const fs::path& path) const {
        std::ofstream out(path, std::ios::binary);
        out << "P5\n" << m_width << " " << m_height << "\n255\n";
        out.write(reinterpret_cast<const char*>(m_pixels.data()),
                  static_cast<std::streamsize>(m_pixels.size()));
    }

private:
    void set(int x, int y, uint8_t value) {
        if (x >= 0 && y >= 0 && x < m_width && y < m_height)
            m_pixels[size_t(y) * m_width + x] = value;
    }
    int m_width, m_height;
    std::vector<uint8_t> m_pixels;
};

class DecodeCodesTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("onewindow-codes-" + std::to_string(getpid()));
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // Writes the page, passes it through ImageMagick with `effects`, decodes the result.
    std::vector<DecodedCode> decode(const Page& page, const std::string& effects) {
        auto raw = m_dir / "page.pgm";
        auto degraded = m_dir / "page.png";
        page.write_pgm(raw);
        std::string command =
            "/usr/bin/convert " + raw.string() + " " + effects + " -colorspace Gray " + degraded.string();
        EXPECT_EQ(std::system(command.c_str()), 0) << command;
        auto codes = decode_codes_file(degraded.string());
        EXPECT_TRUE(codes.ok()) << codes.error().message;
        return codes.ok() ? codes.release_value() : std::vector<DecodedCode>{};
    }

    fs::path m_dir;
};

const std::string kReceipt = "https://zwfw.shili.gov.cn.example/q/OW1-7KQ2-M9XD-4TPA-Z3R8";

TEST_F(DecodeCodesTest, CleanQrWithChineseTextAndItsCorners) {
    Page page(800, 600);
    page.draw(ZXing::BarcodeFormat::QRCode, "KIOSK|ORDER=20240101-0001|姓名=张三", 300, 200, 6);
    auto codes = decode(page, "");
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].format, "QRCode");
    EXPECT_EQ(codes[0].text, "KIOSK|ORDER=20240101-0001|姓名=张三");
    ASSERT_EQ(codes[0].position.size(), 4u);
    for (const auto& corner : codes[0].position) {
        EXPECT_GE(corner.x, 300);
        EXPECT_LE(corner.x, 500);
        EXPECT_GE(corner.y, 200);
        EXPECT_LE(corner.y, 400);
    }
    EXPECT_LT(codes[0].position[0].x, codes[0].position[1].x); // top-left, then top-right
}

TEST_F(DecodeCodesTest, RotatedQr) {
    for (const char* angle : {"30", "90", "-135"}) {
        Page page(700, 700);
        page.draw(ZXing::BarcodeFormat::QRCode, kReceipt, 220, 220, 5);
        auto codes = decode(page, std::string("-background white -rotate ") + angle);
        ASSERT_EQ(codes.size(), 1u) << angle;
        EXPECT_EQ(codes[0].text, kReceipt) << angle;
    }
}

TEST_F(DecodeCodesTest, BlurredAndNoisyQr) {
    Page page(600, 600);
    page.draw(ZXing::BarcodeFormat::QRCode, kReceipt, 150, 150, 6);
    auto codes = decode(page, "-blur 0x1.5 -attenuate 0.6 +noise Gaussian");
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].text, kReceipt);
}

TEST_F(DecodeCodesTest, SmallQrTwoPixelsPerModule) {
    Page page(400, 300);
    page.draw(ZXing::BarcodeFormat::QRCode, "OW1-7KQ2-M9XD-4TPA-Z3R8", 150, 100, 2);
    auto codes = decode(page, "");
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].text, "OW1-7KQ2-M9XD-4TPA-Z3R8");
}

TEST_F(DecodeCodesTest, SeveralCodesOfDifferentFormatsOnOnePage) {
    Page page(1800, 1500);
    page.draw(ZXing::BarcodeFormat::QRCode, kReceipt, 100, 100, 5);
    page.draw(ZXing::BarcodeFormat::PDF417, "PERMIT|CSC00000001|2030-01-01", 100, 650, 3, 120);
    page.draw(ZXing::BarcodeFormat::EAN13, "6901234567892", 1000, 650, 3, 150);
    page.draw(ZXing::BarcodeFormat::Code128, "SL20240520-0001234", 100, 1100, 2, 120);
    auto codes = decode(page, "-blur 0x0.7 -attenuate 0.3 +noise Gaussian");
    std::vector<std::pair<std::string, std::string>> found;
    for (const auto& code : codes)
        found.emplace_back(code.format, code.text);
    std::sort(found.begin(), found.end());
    std::vector<std::pair<std::string, std::string>> expected = {{"Code128", "SL20240520-0001234"},
                                                                 {"EAN-13", "6901234567892"},
                                                                 {"PDF417", "PERMIT|CSC00000001|2030-01-01"},
                                                                 {"QRCode", kReceipt}};
    EXPECT_EQ(found, expected);
}

// ZXing-cpp 1.4's DataMatrix detector grows a white rectangle from the image centre: a DataMatrix is
// found when it is the code nearest the middle (a material label scanned on its own), not in a
// corner of a page of other codes. Known limitation, kept visible here.
TEST_F(DecodeCodesTest, DataMatrixScannedOnItsOwn) {
    Page page(800, 600);
    page.draw(ZXing::BarcodeFormat::DataMatrix, "MATERIAL-0042", 330, 220, 8);
    auto codes = decode(page, "-background white -rotate 12 -attenuate 0.3 +noise Gaussian");
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].format, "DataMatrix");
    EXPECT_EQ(codes[0].text, "MATERIAL-0042");
}

TEST_F(DecodeCodesTest, BlankPageHasNoCodes) {
    Page page(500, 400);
    EXPECT_TRUE(decode(page, "-attenuate 0.5 +noise Gaussian").empty());
}

TEST(DecodeCodes, MissingFileIsNotFound) {
    auto codes = decode_codes_file("/nonexistent/page.png");
    ASSERT_FALSE(codes.ok());
    EXPECT_EQ(codes.error().code, ErrorCode::NotFound);
}

} // namespace
} // namespace kiosk::services
