// The real Google Pinyin engine and Debian's dictionary: the conversions a citizen relies on to type
// a Chinese name at the kiosk.

#include "services/ime/PinyinEngine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace kiosk;
using kiosk::services::PinyinEngine;

namespace {

bool offers(const std::vector<std::string>& candidates, std::string_view text, size_t within) {
    auto end = candidates.begin() + static_cast<std::ptrdiff_t>(std::min(within, candidates.size()));
    return std::find(candidates.begin(), end, text) != end;
}

size_t index_of(const std::vector<std::string>& candidates, std::string_view text) {
    return static_cast<size_t>(std::find(candidates.begin(), candidates.end(), text) - candidates.begin());
}

class PinyinEngineTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto engine = PinyinEngine::open();
        ASSERT_TRUE(engine.ok()) << engine.error().describe();
        m_engine = engine.release_value();
    }
    std::vector<std::string> search(std::string_view letters, size_t max = 20) {
        auto found = m_engine->search(letters, max);
        EXPECT_TRUE(found.ok()) << found.error().describe();
        return found.ok() ? found.value() : std::vector<std::string>{};
    }
    std::unique_ptr<PinyinEngine> m_engine;
};

} // namespace

TEST_F(PinyinEngineTest, AFullNameIsOfferedAmongTheFirstCandidates) {
    EXPECT_TRUE(offers(search("zhangsan"), "张三", 3));
}

TEST_F(PinyinEngineTest, ACommonSurnameIsOfferedForItsSyllable) {
    EXPECT_TRUE(offers(search("wang"), "王", 5));
}

TEST_F(PinyinEngineTest, ChoosingAWholeSyllableCommitsItAndEndsTheComposition) {
    auto candidates = search("li");
    size_t li = index_of(candidates, "李");
    ASSERT_LT(li, candidates.size());
    auto pick = m_engine->choose(li);
    ASSERT_TRUE(pick.ok()) << pick.error().describe();
    EXPECT_EQ(pick->text, "李");
    EXPECT_EQ(pick->remaining, "");
    EXPECT_EQ(m_engine->committed(), "李");
    EXPECT_EQ(m_engine->candidate_count(), 0u);
}

TEST_F(PinyinEngineTest, APartialPickLeavesTheRemainingLettersWithTheirCandidates) {
    auto candidates = search("zhangsan");
    size_t zhang = index_of(candidates, "张");
    ASSERT_LT(zhang, candidates.size());
    auto first = m_engine->choose(zhang);
    ASSERT_TRUE(first.ok()) << first.error().describe();
    EXPECT_EQ(first->text, "张");
    EXPECT_EQ(first->remaining, "san");
    EXPECT_EQ(m_engine->remaining(), "san");

    // The remaining letters' candidates no longer repeat the picked character.
    auto rest = m_engine->candidates(0, 10);
    ASSERT_FALSE(rest.empty());
    EXPECT_EQ(rest.front(), "三");
    auto second = m_engine->choose(0);
    ASSERT_TRUE(second.ok()) << second.error().describe();
    EXPECT_EQ(second->text, "三");
    EXPECT_EQ(second->remaining, "");
    EXPECT_EQ(m_engine->committed(), "张三");
}

TEST_F(PinyinEngineTest, LettersPastTheLastSyllableRemainAfterTheNameIsPicked) {
    auto candidates = search("zhangsan'i");
    ASSERT_FALSE(candidates.empty());
    EXPECT_EQ(candidates.front(), "张三");
    auto pick = m_engine->choose(0);
    ASSERT_TRUE(pick.ok()) << pick.error().describe();
    EXPECT_EQ(pick->text, "张三");
    EXPECT_EQ(pick->remaining, "i");
    EXPECT_EQ(m_engine->remaining(), "i");
    EXPECT_EQ(m_engine->candidate_count(), 0u);
}

TEST_F(PinyinEngineTest, CandidatesPageThroughTheWholeList) {
    auto first_page = search("li", 8);
    ASSERT_EQ(first_page.size(), 8u);
    ASSERT_GT(m_engine->candidate_count(), 16u);
    auto second_page = m_engine->candidates(8, 8);
    ASSERT_EQ(second_page.size(), 8u);
    EXPECT_NE(first_page.front(), second_page.front());
    EXPECT_TRUE(m_engine->candidates(m_engine->candidate_count(), 8).empty());
}

TEST_F(PinyinEngineTest, AnApostropheSeparatesSyllables) {
    EXPECT_TRUE(offers(search("xi'an"), "西安", 3));
}

TEST_F(PinyinEngineTest, LettersThatSpellNoSyllableGiveNoCandidates) {
    EXPECT_TRUE(search("v").empty());
    EXPECT_TRUE(search("").empty());
    EXPECT_TRUE(search("'").empty());
    EXPECT_TRUE(search("'a'").empty());
    EXPECT_EQ(m_engine->candidate_count(), 0u);
}

TEST_F(PinyinEngineTest, UppercaseDigitsAndNonLettersAreRefused) {
    using namespace std::string_view_literals;
    for (std::string_view bad : {"Zhang"sv, "li3"sv, "wang san"sv, "张"sv, "\xff\xfe"sv, "li\0n"sv}) {
        auto found = m_engine->search(bad, 10);
        ASSERT_FALSE(found.ok()) << bad;
        EXPECT_EQ(found.error().code, ErrorCode::InvalidArgument);
    }
    EXPECT_EQ(m_engine->candidate_count(), 0u);
}

TEST_F(PinyinEngineTest, InputPastTheLetterCapIsRefusedAndAtTheCapIsServed) {
    std::string at_cap;
    while (at_cap.size() < PinyinEngine::kMaxLetters)
        at_cap += "zhang";
    at_cap.resize(PinyinEngine::kMaxLetters);
    EXPECT_TRUE(m_engine->search(at_cap, 5).ok());
    auto too_long = m_engine->search(at_cap + "a", 5);
    ASSERT_FALSE(too_long.ok());
    EXPECT_NE(too_long.error().message.find("32"), std::string::npos);
}

TEST_F(PinyinEngineTest, ChoosingPastTheListIsAnError) {
    search("wang");
    auto pick = m_engine->choose(m_engine->candidate_count());
    ASSERT_FALSE(pick.ok());
    EXPECT_EQ(pick.error().code, ErrorCode::InvalidArgument);
    m_engine->reset();
    EXPECT_FALSE(m_engine->choose(0).ok());
}

TEST_F(PinyinEngineTest, OnlyOneEngineIsOpenAtATime) {
    auto second = PinyinEngine::open();
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::Busy);
    m_engine.reset();
    auto again = PinyinEngine::open();
    EXPECT_TRUE(again.ok());
}

TEST(PinyinEngineOpen, AMissingDictionaryIsAnErrorNamingThePath) {
    auto engine = PinyinEngine::open("/nonexistent/dict_pinyin.dat");
    ASSERT_FALSE(engine.ok());
    EXPECT_EQ(engine.error().code, ErrorCode::NotFound);
    EXPECT_NE(engine.error().message.find("/nonexistent/dict_pinyin.dat"), std::string::npos);
}

TEST(PinyinEngineOpen, AFileThatIsNoDictionaryIsAnErrorNamingThePath) {
    auto path = std::filesystem::temp_directory_path() / "kiosk-not-a-pinyin-dictionary.dat";
    std::ofstream(path) << "not a dictionary\n";
    auto engine = PinyinEngine::open(path.string());
    ASSERT_FALSE(engine.ok());
    EXPECT_EQ(engine.error().code, ErrorCode::InvalidData);
    EXPECT_NE(engine.error().message.find(path.string()), std::string::npos);
    std::filesystem::remove(path);
    EXPECT_TRUE(PinyinEngine::open().ok()); // the failed open left the decoder free
}

TEST(Utf16ToUtf8, JoinsSurrogatePairsAndReplacesLoneOnes) {
    EXPECT_EQ(services::utf16_to_utf8(u"张三"), "张三");
    EXPECT_EQ(services::utf16_to_utf8(u"a\U00020000b"), "a\U00020000b"); // CJK Extension B: a pair
    EXPECT_EQ(services::utf16_to_utf8(std::u16string(1, char16_t(0xD800))), "\uFFFD");
}
