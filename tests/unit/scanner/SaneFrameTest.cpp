// SANE frame bytes → 8-bit pages (drivers/scanner/SaneFrame.h).
#include "drivers/scanner/SaneFrame.h"

#include <cstring>
#include <gtest/gtest.h>

namespace kiosk::drivers {
namespace {

TEST(SaneFrame, GreyRowsLoseTheirPadding) {
    SaneFrameFormat format{.color = false, .depth = 8, .pixels_per_line = 3, .bytes_per_line = 4};
    auto page = assemble_page(format, {1, 2, 3, 0xEE, 4, 5, 6, 0xEE}, 150);
    ASSERT_TRUE(page.ok()) << page.error().describe();
    EXPECT_EQ(page->width, 3);
    EXPECT_EQ(page->height, 2);
    EXPECT_EQ(page->channels, 1);
    EXPECT_EQ(page->dpi, 150);
    EXPECT_EQ(page->pixels, (std::vector<uint8_t>{1, 2, 3, 4, 5, 6}));
}

TEST(SaneFrame, RgbKeepsItsSamplesAndDropsAPartialRow) {
    SaneFrameFormat format{.color = true, .depth = 8, .pixels_per_line = 2, .bytes_per_line = 6};
    auto page = assemble_page(format, {1, 2, 3, 4, 5, 6, 7, 8}, 300);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->channels, 3);
    EXPECT_EQ(page->height, 1);
    EXPECT_EQ(page->pixels, (std::vector<uint8_t>{1, 2, 3, 4, 5, 6}));
}

TEST(SaneFrame, LineArtSetBitsAreBlack) {
    SaneFrameFormat format{.color = false, .depth = 1, .pixels_per_line = 10, .bytes_per_line = 2};
    auto page = assemble_page(format, {0b10100000, 0b01000000}, 300);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->pixels, (std::vector<uint8_t>{0, 255, 0, 255, 255, 255, 255, 255, 255, 0}));
}

TEST(SaneFrame, SixteenBitSamplesKeepTheirHighByte) {
    SaneFrameFormat format{.color = false, .depth = 16, .pixels_per_line = 2, .bytes_per_line = 4};
    std::vector<uint8_t> data(4);
    uint16_t samples[2] = {0x1234, 0xFF01};
    std::memcpy(data.data(), samples, 4); // host byte order, as SANE sends them
    auto page = assemble_page(format, data, 300);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->pixels, (std::vector<uint8_t>{0x12, 0xFF}));
}

TEST(SaneFrame, RefusesWhatItCannotUse) {
    SaneFrameFormat three_pass{.single_pass = false, .depth = 8, .pixels_per_line = 2, .bytes_per_line = 2};
    EXPECT_EQ(assemble_page(three_pass, {1, 2}, 300).error().code, ErrorCode::Unsupported);
    SaneFrameFormat odd_depth{.depth = 4, .pixels_per_line = 2, .bytes_per_line = 1};
    EXPECT_EQ(assemble_page(odd_depth, {1}, 300).error().code, ErrorCode::Unsupported);
    SaneFrameFormat short_line{.depth = 8, .pixels_per_line = 4, .bytes_per_line = 2};
    EXPECT_EQ(assemble_page(short_line, {1, 2}, 300).error().code, ErrorCode::InvalidData);
    SaneFrameFormat grey{.depth = 8, .pixels_per_line = 4, .bytes_per_line = 4};
    EXPECT_EQ(assemble_page(grey, {1, 2}, 300).error().code, ErrorCode::InvalidData); // no whole line
}

TEST(SaneFrame, ChunksOfAnySizeMakeThePage) {
    SaneFrameFormat format{.color = false, .depth = 8, .pixels_per_line = 3, .bytes_per_line = 4};
    SaneFrameReader frame(format, 2, 300);
    std::vector<uint8_t> buffer = {1, 2, 3, 0xEE, 4, 0, 0, 0};
    ASSERT_TRUE(frame.add(buffer, 5).ok());
    EXPECT_EQ(frame.percent(), 62);
    ASSERT_TRUE(frame.add(buffer, 0).ok()); // a backend may hand over nothing
    buffer = {5, 6, 0xEE, 9};
    ASSERT_TRUE(frame.add(buffer, 3).ok());
    EXPECT_EQ(frame.percent(), 99); // done only when the backend says so
    auto page = frame.finish();
    ASSERT_TRUE(page.ok()) << page.error().describe();
    EXPECT_EQ(page->pixels, (std::vector<uint8_t>{1, 2, 3, 4, 5, 6}));
}

// What a backend says about a read is not trusted: a length outside the buffer it was given would
// copy from past its end, and a page past the cap is refused (found while adding fuzz_sane_frame).
TEST(SaneFrame, ALengthOutsideTheBufferOrPastTheCapIsRefused) {
    SaneFrameFormat format{.depth = 8, .pixels_per_line = 4, .bytes_per_line = 4};
    std::vector<uint8_t> buffer(16);
    SaneFrameReader frame(format, 4, 300, 20);
    EXPECT_EQ(frame.add(buffer, 17).error().code, ErrorCode::InvalidData);
    EXPECT_EQ(frame.add(buffer, -1).error().code, ErrorCode::InvalidData);
    ASSERT_TRUE(frame.add(buffer, 16).ok());
    EXPECT_EQ(frame.add(buffer, 5).error().code, ErrorCode::InvalidData);
    EXPECT_EQ(frame.size(), 16u);
}

// sane_get_parameters' lines only size the progress: an absurd count neither reserves nor throws.
TEST(SaneFrame, AnAbsurdNumberOfLinesIsNotReserved) {
    SaneFrameFormat format{.depth = 8, .pixels_per_line = 1 << 30, .bytes_per_line = 1 << 30};
    SaneFrameReader frame(format, 1 << 30, 300);
    EXPECT_EQ(frame.percent(), 0);
}

} // namespace
} // namespace kiosk::drivers
