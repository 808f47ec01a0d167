// The literal scanner behind the "every key used exists" test: it must see every literal in code and
// nothing from comments, or that test would pass by missing keys.

#include "SourceLiterals.h"

#include <gtest/gtest.h>

using kiosk::test::string_literals;

namespace {

std::vector<std::string> texts(const std::string& source) {
    std::vector<std::string> out;
    for (const auto& literal : string_literals(source, "x.cpp"))
        out.push_back(literal.text);
    return out;
}

} // namespace

TEST(SourceLiterals, FindsEveryLiteralWithItsLine) {
    auto literals = string_literals("tr(\"nav.back\");\nauto k = flag ? \"a.b\" : \"c.d\";\n", "x.cpp");
    ASSERT_EQ(literals.size(), 3u);
    EXPECT_EQ(literals[0].text, "nav.back");
    EXPECT_EQ(literals[0].line, 1);
    EXPECT_EQ(literals[2].text, "c.d");
    EXPECT_EQ(literals[2].line, 2);
    EXPECT_EQ(literals[2].file, "x.cpp");
}

TEST(SourceLiterals, SkipsComments) {
    EXPECT_EQ(texts("// tr(\"old.key\")\n/* \"gone.key\"\n */ f(\"live.key\");"),
              (std::vector<std::string>{"live.key"}));
}

TEST(SourceLiterals, HandlesEscapesAndCharacterLiterals) {
    EXPECT_EQ(texts(R"(f('"'); g("say \"hi\"", "next.key"); h('\'');)"),
              (std::vector<std::string>{R"(say \"hi\")", "next.key"}));
}

TEST(SourceLiterals, ReadsRawStringsWhole) {
    EXPECT_EQ(texts("auto p = R\"(\\{([a-z_]+)\\} \" not.a.key)\"; f(\"after.raw\");"),
              (std::vector<std::string>{R"(\{([a-z_]+)\} " not.a.key)", "after.raw"}));
    EXPECT_EQ(texts("auto q = u8R\"x(a\")\"b)x\"; int FOOR = 1; f(\"k.k\");"),
              (std::vector<std::string>{"a\")\"b", "k.k"}));
}

TEST(SourceLiterals, CommentMarkersInsideLiteralsAreText) {
    EXPECT_EQ(texts(R"(f("https://example.invalid"); g("a.b");)"),
              (std::vector<std::string>{"https://example.invalid", "a.b"}));
}
