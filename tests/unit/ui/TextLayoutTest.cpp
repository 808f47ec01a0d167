// Line breaking and ellipsizing for mixed Chinese and Latin text, with a fixed-width measure (exact
// expected lines) and with the kiosk's real font, Noto Sans CJK SC (the rules must hold at any width).

#include "ui/toolkit/TextLayout.h"

#include <SDL2/SDL_ttf.h>
#include <gtest/gtest.h>

#include <filesystem>

using kiosk::ui::break_lines;
using kiosk::ui::ellipsize;
using kiosk::ui::MeasureFn;
using kiosk::ui::next_code_point;
using Lines = std::vector<std::string>;

namespace {

std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < text.size();)
        out.push_back(next_code_point(text, i));
    return out;
}

// Every ideograph and full-width mark is 10 px, everything else 5 px: "身份证" is 30, "ID card" 35.
int fixed_width(std::string_view text) {
    int width = 0;
    for (char32_t c : code_points(text))
        width += c >= 0x2E80 ? 10 : c == U'…' ? 10 : 5;
    return width;
}
const MeasureFn kFixed = fixed_width;

bool is_closing(char32_t c) {
    return std::u32string_view(U"，。、：；！？）》」』】”…,.;:!?)").find(c) != std::u32string_view::npos;
}
bool is_opening(char32_t c) {
    return std::u32string_view(U"（《「『【“(").find(c) != std::u32string_view::npos;
}
bool is_latin_letter_or_digit(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The rules every layout must keep, whatever the width (words in `text` are narrower than the width).
void expect_well_broken(const std::string& text, int max_width, const MeasureFn& measure) {
    SCOPED_TRACE("width " + std::to_string(max_width) + ": " + text);
    Lines lines = break_lines(text, max_width, measure);
    size_t at = 0; // where the current line starts in `text`
    for (size_t n = 0; n < lines.size(); ++n) {
        const std::string& line = lines[n];
        ASSERT_FALSE(line.empty());
        while (at < text.size() && text[at] == ' ')
            ++at;
        ASSERT_EQ(text.compare(at, line.size(), line), 0)
            << "line " << n << " is not the next part of the text: " << line;
        at += line.size();
        EXPECT_LE(measure(line), max_width) << "line " << n << " overflows: " << line;
        EXPECT_NE(line.front(), ' ') << "line " << n << " starts with a space";
        EXPECT_NE(line.back(), ' ') << "line " << n << " ends with a space";
        auto points = code_points(line);
        if (n > 0) {
            EXPECT_FALSE(is_closing(points.front()))
                << "line " << n << " starts with closing punctuation: " << line;
        }
        if (n + 1 < lines.size()) {
            EXPECT_FALSE(is_opening(points.back()))
                << "line " << n << " ends with opening punctuation: " << line;
            bool at_space = at < text.size() && text[at] == ' ';
            auto next = code_points(lines[n + 1]);
            EXPECT_FALSE(!at_space && is_latin_letter_or_digit(points.back()) &&
                         is_latin_letter_or_digit(next.front()))
                << "a word is split between lines " << n << " and " << n + 1 << ": " << line << " | "
                << lines[n + 1];
        }
    }
    while (at < text.size() && text[at] == ' ')
        ++at;
    EXPECT_EQ(at, text.size()) << "text was lost at the end";
}

} // namespace

TEST(BreakLines, TextThatFitsStaysOnOneLine) {
    EXPECT_EQ(break_lines("请将身份证放在感应区", 100, kFixed), (Lines{"请将身份证放在感应区"}));
    EXPECT_EQ(break_lines("Touch to start", 70, kFixed), (Lines{"Touch to start"}));
}

TEST(BreakLines, EmptyTextIsOneEmptyLine) {
    EXPECT_EQ(break_lines("", 100, kFixed), (Lines{""}));
}

TEST(BreakLines, ChineseBreaksBetweenAnyTwoIdeographs) {
    EXPECT_EQ(break_lines("请将身份证放在感应区", 40, kFixed), (Lines{"请将身份", "证放在感", "应区"}));
    EXPECT_EQ(break_lines("请将身份证放在感应区", 45, kFixed), (Lines{"请将身份", "证放在感", "应区"}));
    EXPECT_EQ(break_lines("请将身份证放在感应区", 30, kFixed), (Lines{"请将身", "份证放", "在感应", "区"}));
}

TEST(BreakLines, ClosingPunctuationNeverStartsALine) {
    // A plain break after 四 would put "，" first on the next line; 四 goes down with it instead.
    EXPECT_EQ(break_lines("一二三四，五六", 40, kFixed), (Lines{"一二三", "四，五六"}));
    EXPECT_EQ(break_lines("一二三四。", 40, kFixed), (Lines{"一二三", "四。"}));
    EXPECT_EQ(break_lines("材料清单：身份证、户口簿", 50, kFixed),
              (Lines{"材料清单：", "身份证、户", "口簿"}));
    EXPECT_EQ(break_lines("一二三四」。五", 30, kFixed), (Lines{"一二三", "四」。", "五"}));
}

TEST(BreakLines, OpeningPunctuationNeverEndsALine) {
    EXPECT_EQ(break_lines("一二三（四）五", 40, kFixed), (Lines{"一二三", "（四）五"}));
    EXPECT_EQ(break_lines("请阅读《办事指南》", 40, kFixed), (Lines{"请阅读", "《办事指", "南》"}));
}

TEST(BreakLines, LatinBreaksOnlyAtSpaces) {
    EXPECT_EQ(break_lines("Place your card on the reader", 60, kFixed),
              (Lines{"Place your", "card on the", "reader"}));
}

TEST(BreakLines, LatinWordsInsideChineseStayWhole) {
    EXPECT_EQ(break_lines("请出示ID卡或护照", 35, kFixed), (Lines{"请出示", "ID卡或", "护照"}));
    EXPECT_EQ(break_lines("扫描仪Scanner故障", 60, kFixed), (Lines{"扫描仪", "Scanner故障"}));
}

TEST(BreakLines, LatinWordsInsideFullWidthBracketsStayWhole) {
    // "（" is both CJK and opening punctuation: what follows it is glued, but a break must not
    // be allowed inside the Latin word that comes next ("（P" | "assport）").
    EXPECT_EQ(break_lines("请带上（Passport）原件", 65, kFixed), (Lines{"请带上", "（Passport）", "原件"}));
    EXPECT_EQ(break_lines("看《Guide》", 50, kFixed), (Lines{"看", "《Guide》"}));
    for (int width = 70; width <= 200; width += 5) // "（Applicant）" is 65 wide
        expect_well_broken("申请人（Applicant）须本人到场（in person），并携带《Passport》原件", width,
                           kFixed);
}

TEST(BreakLines, NumbersAndPricesStayTogether) {
    EXPECT_EQ(break_lines("费用¥12.50元", 45, kFixed), (Lines{"费用", "¥12.50元"}));
    EXPECT_EQ(break_lines("承诺时限5个工作日", 40, kFixed), (Lines{"承诺时限", "5个工作", "日"}));
}

TEST(BreakLines, WordWiderThanTheLineIsCutAnywhere) {
    Lines lines = break_lines("https://example.invalid/path", 50, kFixed);
    EXPECT_EQ(lines, (Lines{"https://ex", "ample.inva", "lid/path"}));
}

TEST(BreakLines, NewlinesForceBreaksAndKeepEmptyLines) {
    EXPECT_EQ(break_lines("第一行\n第二行", 200, kFixed), (Lines{"第一行", "第二行"}));
    EXPECT_EQ(break_lines("一\n\n二", 200, kFixed), (Lines{"一", "", "二"}));
}

TEST(BreakLines, KeepsTheRulesAtEveryWidth) {
    const std::string texts[] = {
        "新生儿出生、企业开办、退休“一件事”可在本机一次办理，本机不收取任何费用（请勿相信代办广告）。",
        "请将护照照片页朝下平放在扫描区，然后点击“开始扫描”",
        "Lay the passport photo page face down on the scanner, then tap “Start scan”.",
        "请携带居民身份证（Resident ID card）和户口簿，到3号窗口办理；咨询电话：12345。",
    };
    for (const auto& text : texts) {
        for (int width = 60; width <= 400; width += 7)
            expect_well_broken(text, width, kFixed);
    }
}

TEST(Ellipsize, TextThatFitsIsUnchanged) {
    EXPECT_EQ(ellipsize("市公安局", 40, kFixed), "市公安局");
    EXPECT_EQ(ellipsize("", 0, kFixed), "");
}

TEST(Ellipsize, CutsAndEndsWithAnEllipsisThatFits) {
    EXPECT_EQ(ellipsize("市人力资源和社会保障局", 50, kFixed), "市人力资…");
    EXPECT_EQ(ellipsize("Human Resources", 45, kFixed), "Human R…");
    EXPECT_EQ(ellipsize("Human Resources", 40, kFixed), "Human…"); // not "Human …"
    for (int width = 10; width < 120; ++width) {
        std::string cut = ellipsize("国家税务总局市税务局 Tax Service", width, kFixed);
        EXPECT_LE(fixed_width(cut), width) << cut;
        EXPECT_TRUE(cut.ends_with("…")) << cut;
    }
}

TEST(Ellipsize, NeverCutsInsideACharacter) {
    for (int width = 10; width < 100; ++width) {
        std::string cut = ellipsize("港澳台居民居住证", width, kFixed);
        for (char32_t c : code_points(cut))
            EXPECT_NE(c, U'\uFFFD') << "width " << width;
    }
}

TEST(Ellipsize, BoxNarrowerThanTheEllipsisGetsNothing) {
    EXPECT_EQ(ellipsize("市公安局", 5, kFixed), "");
    EXPECT_EQ(ellipsize("市公安局", 0, kFixed), "");
}

TEST(NextCodePoint, DecodesUtf8AndReplacesInvalidBytes) {
    std::string text = "a中😀\xFF";
    size_t i = 0;
    EXPECT_EQ(next_code_point(text, i), U'a');
    EXPECT_EQ(next_code_point(text, i), U'中');
    EXPECT_EQ(next_code_point(text, i), U'😀');
    EXPECT_EQ(next_code_point(text, i), U'\uFFFD');
    EXPECT_EQ(i, text.size());
    std::string truncated = "\xE4\xB8"; // the first two bytes of 中
    i = 0;
    EXPECT_EQ(next_code_point(truncated, i), U'\uFFFD');
    EXPECT_EQ(i, 1u);
}

// The same rules measured with the font the kiosk ships with (kerning and proportional Latin).
class BreakLinesWithNotoSansCjk : public testing::Test {
protected:
    static constexpr const char* kFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    void SetUp() override {
        if (!std::filesystem::exists(kFont))
            GTEST_SKIP() << kFont << " is not installed (apt install fonts-noto-cjk)";
        ASSERT_EQ(TTF_Init(), 0) << TTF_GetError();
        m_font = TTF_OpenFontIndex(kFont, 32, 2); // face 2: Noto Sans CJK SC
        ASSERT_NE(m_font, nullptr) << TTF_GetError();
    }
    void TearDown() override {
        if (m_font)
            TTF_CloseFont(m_font);
        if (TTF_WasInit())
            TTF_Quit();
    }

    MeasureFn measure() const {
        return [font = m_font](std::string_view text) {
            int w = 0, h = 0;
            TTF_SizeUTF8(font, std::string(text).c_str(), &w, &h);
            return w;
        };
    }

    TTF_Font* m_font = nullptr;
};

TEST_F(BreakLinesWithNotoSansCjk, KeepsTheRulesAtEveryWidth) {
    const std::string texts[] = {
        "新生儿出生、企业开办、退休“一件事”可在本机一次办理",
        "本机暂时无法办理业务，请到人工窗口或使用其他自助终端。",
        "Having a baby, starting a business and retiring can each be done here in one visit",
        "请携带居民身份证（Resident ID card）和户口簿（Household register）原件。",
    };
    for (const auto& text : texts) {
        for (int width = 260; width <= 1200; width += 37)
            expect_well_broken(text, width, measure());
    }
}

TEST_F(BreakLinesWithNotoSansCjk, IdeographsAreSquareSoChineseFillsEachLine) {
    int ideograph = measure()("国");
    Lines lines = break_lines("请将身份证放在感应区请将身份证放在感应区", ideograph * 7, measure());
    ASSERT_GE(lines.size(), 3u);
    EXPECT_EQ(code_points(lines[0]).size(), 7u);
    EXPECT_EQ(code_points(lines[1]).size(), 7u);
}

TEST_F(BreakLinesWithNotoSansCjk, EllipsizeFits) {
    for (int width = 40; width <= 600; width += 11) {
        std::string cut = ellipsize("Demonstration District Government Service Centre 示范区政务服务中心",
                                    width, measure());
        EXPECT_LE(measure()(cut), width) << cut;
        EXPECT_TRUE(cut.ends_with("…")) << cut;
    }
}
