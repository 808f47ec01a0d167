#include "services/ocr/OcrEngine.h"
#include "core/domain/DocumentFields.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <future>

namespace kiosk::ocr {
namespace {

// Two lines at 300 dpi, rendered with ImageMagick and Noto Sans CJK once for the whole suite.
class OcrEngineTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_image = (std::filesystem::temp_directory_path() / "ocr-engine-test.png").string();
        std::string command =
            "convert -size 1800x400 xc:white -units PixelsPerInch -density 300 -fill black "
            "-font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc -pointsize 14 "
            "-annotate +40+120 '营 业 执 照 统一社会信用代码：91350100M000100Y43' "
            "-annotate +40+320 '公民身份号码：11010519491231002X' -colorspace Gray -depth 8 " +
            s_image;
        ASSERT_EQ(std::system(command.c_str()), 0);
        auto engine = OcrEngine::create();
        ASSERT_TRUE(engine.ok()) << engine.error().describe();
        s_engine = engine.release_value().release();
    }
    static void TearDownTestSuite() {
        delete s_engine;
        std::filesystem::remove(s_image);
    }
    static drivers::ScannedPage page() {
        auto loaded = load_page_image(s_image);
        EXPECT_TRUE(loaded.ok());
        return loaded.value_or({});
    }
    static inline std::string s_image;
    static inline OcrEngine* s_engine = nullptr;
};

TEST_F(OcrEngineTest, WholePageTextIsNormalisedAndItsFieldsValidate) {
    auto page = OcrEngineTest::page();
    EXPECT_EQ(page.dpi, 300);
    auto result = s_engine->recognise(page);
    ASSERT_TRUE(result.ok()) << result.error().describe();
    EXPECT_NE(result->text.find("营业执照"), std::string::npos) << result->text;
    EXPECT_NE(result->text.find("统一社会信用代码:"), std::string::npos) << result->text;
    EXPECT_GT(result->confidence, 60);
    EXPECT_EQ(domain::find_usccs(result->text).at(0).value, "91350100M000100Y43");
    EXPECT_EQ(domain::find_id_numbers(result->text, {2026, 1, 1}).at(0).value, "11010519491231002X");
}

TEST_F(OcrEngineTest, OnlyTheGivenRegionIsRead) {
    auto result = s_engine->recognise(page(), {{0, 200, 1800, 200}});
    ASSERT_TRUE(result.ok()) << result.error().describe();
    EXPECT_NE(result->text.find("11010519491231002X"), std::string::npos) << result->text;
    EXPECT_EQ(result->text.find("营业执照"), std::string::npos) << result->text;
}

TEST_F(OcrEngineTest, AsyncResultArrivesOnTheWorker) {
    std::promise<Result<OcrResult>> done;
    s_engine->recognise_async(page(), {},
                              [&](Result<OcrResult> result) { done.set_value(std::move(result)); });
    auto future = done.get_future();
    ASSERT_EQ(future.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    auto result = future.get();
    ASSERT_TRUE(result.ok());
    EXPECT_NE(result->text.find("公民身份号码"), std::string::npos) << result->text;
}

TEST_F(OcrEngineTest, APageWhosePixelsDoNotFitItsSizeIsRejected) {
    drivers::ScannedPage bad{100, 100, 1, 300, std::vector<uint8_t>(50)};
    auto result = s_engine->recognise(bad);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
}

TEST(PageImage, AFileThatIsNoImageIsInvalidData) {
    auto page = load_page_image(KIOSK_SOURCE_DIR "/data/catalog/sample-catalog.json");
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.error().code, ErrorCode::InvalidData);
}

} // namespace
} // namespace kiosk::ocr
