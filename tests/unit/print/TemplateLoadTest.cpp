#include "core/documents/TemplateSet.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "PdfTools.h"

#include <fstream>

namespace kiosk::print {
namespace {

const std::string kTemplates = std::string(KIOSK_SOURCE_DIR) + "/data/templates";

nlohmann::json minimal() {
    return nlohmann::json::parse(R"({
        "title": "测试 Test",
        "page": {"size": "a4"},
        "blocks": [
            {"type": "text", "text": "标题", "style": "title"},
            {"type": "rule"},
            {"type": "table", "rows": "items", "columns": [{"header": "名称", "cell": "{{name}}", "width": 2}]}
        ]
    })");
}

// Parses the minimal template with one change; returns the error message ("" when it loaded).
std::string error_after(const std::function<void(nlohmann::json&)>& change) {
    auto json = minimal();
    change(json);
    auto parsed = Template::parse(json.dump(), "test.json");
    return parsed.ok() ? "" : parsed.error().message;
}

TEST(PrintTemplateLoad, ShippedTemplatesLoadByName) {
    auto set = TemplateSet::load(kTemplates);
    ASSERT_TRUE(set.ok()) << set.error().describe();
    EXPECT_EQ(set->names(), (std::vector<std::string>{"certificate", "checklist", "receipt", "test-page-a4",
                                                      "test-page-receipt"}));
    ASSERT_NE(set->find("receipt"), nullptr);
    EXPECT_EQ(set->find("receipt")->page().size, PageSize::Receipt80mm);
    EXPECT_EQ(set->find("checklist")->page().size, PageSize::A4);
    EXPECT_EQ(set->find("nonexistent"), nullptr);
}

TEST(PrintTemplateLoad, MinimalTemplateLoadsWithPageDefaults) {
    auto parsed = Template::parse(minimal().dump(), "test.json");
    ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
    EXPECT_EQ(parsed->name(), "test");
    EXPECT_EQ(parsed->page().family, "Noto Sans CJK SC");
    EXPECT_EQ(parsed->blocks().size(), 3u);
    EXPECT_TRUE(std::holds_alternative<TableBlock>(parsed->blocks()[2].content));
}

TEST(PrintTemplateLoad, BadJsonNamesTheFile) {
    auto parsed = Template::parse("{\"title\": \"x\", ", "receipt.json");
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error().message.find("receipt.json: not valid JSON"), std::string::npos)
        << parsed.error().message;
}

TEST(PrintTemplateLoad, UnknownBlockTypeNamesTheBlockIndex) {
    EXPECT_EQ(
        error_after([](auto& j) { j["blocks"][1]["type"] = "barcode"; }),
        "test.json: blocks[1].type: 'barcode' is not a block type (text, fields, table, qr, rule, spacer, "
        "image, each, seal, page_break)");
}

TEST(PrintTemplateLoad, MissingRequiredKeysAreNamed) {
    EXPECT_EQ(error_after([](auto& j) { j["blocks"][0].erase("text"); }),
              "test.json: blocks[0].text: missing");
    EXPECT_EQ(error_after([](auto& j) { j["blocks"][2]["columns"][0].erase("cell"); }),
              "test.json: blocks[2].columns[0].cell: missing");
    EXPECT_EQ(error_after([](auto& j) { j.erase("page"); }), "test.json: page: missing");
    EXPECT_EQ(error_after([](auto& j) { j["blocks"] = nlohmann::json::array(); }),
              "test.json: blocks: expected a non-empty array of blocks");
}

TEST(PrintTemplateLoad, UnknownPageSizeIsAnError) {
    EXPECT_EQ(error_after([](auto& j) { j["page"]["size"] = "letter"; }),
              "test.json: page.size: 'letter' is not a page size (receipt-80mm, a4)");
}

TEST(PrintTemplateLoad, TyposAndBadValuesAreErrors) {
    // A misspelt key must not be silently ignored.
    EXPECT_EQ(error_after([](auto& j) { j["blocks"][0]["max_line"] = 2; }),
              "test.json: blocks[0].max_line: unknown key");
    EXPECT_EQ(error_after([](auto& j) { j["blocks"][2]["columns"][0]["width"] = 0; }),
              "test.json: blocks[2].columns[0].width: must be between 0.1 and 100");
    EXPECT_EQ(error_after([](auto& j) { j["blocks"][0]["align"] = "middle"; }),
              "test.json: blocks[0].align: 'middle' is not one of left, center, right");
    EXPECT_EQ(error_after([](auto& j) {
                  j["page"]["margins_mm"] = {{"left", 50}, {"right", 150}};
              }),
              "test.json: page.margins_mm.right: must be between 0 and 60");
    EXPECT_EQ(error_after([](auto& j) {
                  j["page"]["styles"] = {{"huge", {{"size_pt", 30}}}};
              }),
              "test.json: page.styles.huge: not a style (title, heading, body, small)");
}

TEST(PrintTemplateLoad, PlaceholderSyntaxIsCheckedAtLoadTime) {
    EXPECT_EQ(error_after([](auto& j) { j["blocks"][0]["text"] = "{{applicant.name"; }),
              "test.json: blocks[0].text: '{{' without '}}'");
    EXPECT_EQ(
        error_after([](auto& j) { j["blocks"][0]["text"] = "{{applicant.id_number|mask}}"; }),
        "test.json: blocks[0].text: {{applicant.id_number|mask}}: unknown filter 'mask' (known: mask_id, "
        "date, datetime, fee, yesno, join, count, default)");
    EXPECT_EQ(error_after([](auto& j) { j["blocks"][0]["text"] = "{{original|yesno:原件}}"; }),
              "test.json: blocks[0].text: {{original|yesno:原件}}: filter 'yesno' takes 2 argument(s)");
    EXPECT_EQ(error_after([](auto& j) { j["blocks"][2]["rows"] = "items|count"; }),
              "test.json: blocks[2].rows: 'items|count' is not a dotted path (like \"package.matters\")");
}

TEST(PrintTemplateLoad, NestedBlocksAreNamedByTheirPath) {
    EXPECT_EQ(error_after([](auto& j) {
                  j["blocks"].push_back({{"type", "each"},
                                         {"items", "matters"},
                                         {"blocks", {{{"type", "text"}, {"text", "x"}}, {{"type", "qr"}}}}});
              }),
              "test.json: blocks[3].blocks[1].data: missing");
}

TEST(PrintTemplateLoad, ImagesMustExistUnlessOptionalAndStayInTheTemplateFolder) {
    testing::ScratchDir dir;
    auto with_image = [&](nlohmann::json image) {
        auto json = minimal();
        json["blocks"].push_back(image);
        auto parsed = Template::parse(json.dump(), "test.json", dir.path("").string());
        return parsed.ok() ? std::string() : parsed.error().message;
    };
    EXPECT_EQ(with_image({{"type", "image"}, {"path", "logo.png"}}),
              "test.json: blocks[3].path: cannot open 'logo.png'");
    EXPECT_EQ(with_image({{"type", "image"}, {"path", "logo.png"}, {"optional", true}}), "");
    EXPECT_EQ(with_image({{"type", "image"}, {"path", "../../etc/passwd"}}),
              "test.json: blocks[3].path: must be a relative path inside the template's folder");
    std::ofstream(dir.path("fake.png")) << "not a png";
    EXPECT_EQ(with_image({{"type", "image"}, {"path", "fake.png"}}),
              "test.json: blocks[3].path: 'fake.png' is not a PNG image");
}

TEST(PrintTemplateLoad, OneBadTemplateFailsTheWholeSet) {
    testing::ScratchDir dir;
    std::ofstream(dir.path("good.json")) << minimal().dump();
    auto bad = minimal();
    bad["blocks"][0]["type"] = "marquee";
    std::ofstream(dir.path("bad.json")) << bad.dump();
    auto set = TemplateSet::load(dir.path("").string());
    ASSERT_FALSE(set.ok());
    EXPECT_NE(set.error().message.find("bad.json: blocks[0].type"), std::string::npos) << set.error().message;
}

} // namespace
} // namespace kiosk::print
