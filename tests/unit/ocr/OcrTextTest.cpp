#include "core/domain/OcrText.h"

#include <gtest/gtest.h>

namespace kiosk::domain {
namespace {

TEST(OcrText, RemovesTesseractsSpacesBetweenHanCharacters) {
    EXPECT_EQ(normalize_ocr_text("营 业 执 照"), "营业执照");
    EXPECT_EQ(normalize_ocr_text("姓名 : 张三 公民身份号码 : 110101199003071233"),
              "姓名:张三公民身份号码:110101199003071233");
}

TEST(OcrText, KeepsSpacesBetweenLatinWords) {
    EXPECT_EQ(normalize_ocr_text("Kiosk   test document 2024"), "Kiosk test document 2024");
}

TEST(OcrText, FullWidthLettersDigitsAndPunctuationBecomeAscii) {
    EXPECT_EQ(normalize_ocr_text("ＡＢＣ１２３（Ｘ）"), "ABC123(X)");
    EXPECT_EQ(normalize_ocr_text("住所：北京市"), "住所:北京市");
}

TEST(OcrText, DashesAndColonsAreUnified) {
    EXPECT_EQ(normalize_ocr_text("2020—01–02"), "2020-01-02");
    EXPECT_EQ(normalize_ocr_text("比例∶1"), "比例:1");
    EXPECT_EQ(normalize_ocr_text("公民身份号码;:1"), "公民身份号码:1"); // WenQuanYi's stray ';'
}

TEST(OcrText, KeepsLinesButDropsEmptyOnesAndTrims) {
    EXPECT_EQ(normalize_ocr_text("  名 称 ：甲公司 \n\n\n 住 所 ： 北京 \f"), "名称:甲公司\n住所:北京");
}

TEST(OcrText, DropsInvalidUtf8Bytes) {
    EXPECT_EQ(normalize_ocr_text("A\xff\xfe"
                                 "B"),
              "AB");
}

TEST(OcrText, NormalisingTwiceChangesNothing) {
    // Dropping the stray ';' leaves a space before the colon, which goes too (found by fuzz_ocr_text).
    EXPECT_EQ(normalize_ocr_text("A) ;:2015"), "A):2015");
    EXPECT_EQ(normalize_ocr_text(normalize_ocr_text("A) ;:2015")), "A):2015");
}

TEST(OcrText, SurrogatesAndOverlongFormsAreNotCharacters) {
    EXPECT_EQ(normalize_ocr_text("A\xed\xa0\x81"
                                 "B"),
              "AB");
    EXPECT_EQ(normalize_ocr_text("A\xc0\xaf"
                                 "B"),
              "AB"); // an overlong "/"
}

TEST(OcrText, WithoutWhitespace) {
    EXPECT_EQ(without_whitespace("a b\nc\td"), "abcd");
}

} // namespace
} // namespace kiosk::domain
