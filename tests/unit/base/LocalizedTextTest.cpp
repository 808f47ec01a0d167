// Texts citizens read come in zh-CN and en; and personal data is overwritten before its memory is let
// go (secure_wipe), so a freed buffer does not still hold a citizen's name.

#include "core/base/LocalizedText.h"

#include <gtest/gtest.h>
#include <string>
#include <string_view>

namespace kiosk {
namespace {

// True if the raw bytes of `object` (including a short string's inline buffer) contain `needle`.
template <typename T>
bool bytes_contain(const T& object, std::string_view needle) {
    const auto* begin = reinterpret_cast<const char*>(&object);
    std::string_view bytes(begin, sizeof(T));
    return bytes.find(needle) != std::string_view::npos;
}

TEST(Language, TagsRoundTrip) {
    EXPECT_STREQ(language_tag(Language::ZhCN), "zh-CN");
    EXPECT_STREQ(language_tag(Language::En), "en");
    for (Language language : {Language::ZhCN, Language::En}) {
        Language parsed = language == Language::En ? Language::ZhCN : Language::En;
        ASSERT_TRUE(parse_language_tag(language_tag(language), parsed));
        EXPECT_EQ(parsed, language);
    }
}

TEST(Language, AcceptsPlainZhAndRefusesOthersLeavingTheOutputAlone) {
    Language parsed = Language::En;
    EXPECT_TRUE(parse_language_tag("zh", parsed));
    EXPECT_EQ(parsed, Language::ZhCN);
    for (const char* tag : {"", "fr", "EN", "zh-TW", "en-US", "zh-CN "}) {
        Language untouched = Language::En;
        EXPECT_FALSE(parse_language_tag(tag, untouched)) << tag;
        EXPECT_EQ(untouched, Language::En) << tag;
    }
}

TEST(LocalizedText, PicksTheLanguageAndFallsBackToChinese) {
    LocalizedText text{"出生登记", "Birth registration"};
    EXPECT_EQ(text.in(Language::ZhCN), "出生登记");
    EXPECT_EQ(text.in(Language::En), "Birth registration");
    LocalizedText untranslated{"社保卡补办", ""};
    EXPECT_EQ(untranslated.in(Language::En), "社保卡补办");
}

TEST(SecureWipe, EmptiesTheString) {
    std::string address = "广东省深圳市福田区福中三路1号, a long address on the heap";
    secure_wipe(address);
    EXPECT_TRUE(address.empty());
    // The heap buffer is given back, not kept around with a cleared first byte.
    EXPECT_LE(address.capacity(), std::string().capacity());

    std::string nothing;
    secure_wipe(nothing);
    EXPECT_TRUE(nothing.empty());
}

TEST(SecureWipe, OverwritesTheCharactersNotJustTheLength) {
    // Short enough to sit in the string object itself, where we can look after the wipe.
    std::string birth_date = "1988-06-15";
    ASSERT_TRUE(bytes_contain(birth_date, "1988-06-15")) << "expected an inline (short) string";
    secure_wipe(birth_date);
    EXPECT_TRUE(birth_date.empty());
    EXPECT_FALSE(bytes_contain(birth_date, "988-06-15")); // clear() alone leaves these behind
    EXPECT_FALSE(bytes_contain(birth_date, "06-15"));

    // Control: a plain clear() does leave them (otherwise the check above proves nothing).
    std::string cleared = "1988-06-15";
    cleared.clear();
    EXPECT_TRUE(bytes_contain(cleared, "988-06-15"));
}

TEST(SecureWipe, WipedStringIsReusable) {
    std::string name = "张三";
    secure_wipe(name);
    name = "李梅";
    EXPECT_EQ(name, "李梅");
}

} // namespace
} // namespace kiosk
