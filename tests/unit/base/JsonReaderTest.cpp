// Strict reading of JSON from outside (config, catalog, bundles): every key must be known, every type
// right, and every error names the file and the key path down to the array element, so an engineer can
// find the mistake without a debugger.

#include "core/base/JsonReader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace kiosk {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

nlohmann::json json_of(const char* text) {
    auto parsed = parse_json(text, "test.json");
    EXPECT_TRUE(parsed.ok()) << parsed.error().describe();
    return parsed.ok() ? parsed.release_value() : nlohmann::json::object();
}

TEST(ParseJson, BrokenTextNamesItsOrigin) {
    for (const char* text : {"", "{", R"({"a": 1,})", "{'a': 1}", "[1, 2"}) {
        auto parsed = parse_json(text, "bundle/catalog.json");
        ASSERT_FALSE(parsed.ok()) << text;
        EXPECT_EQ(parsed.error().code, ErrorCode::InvalidData);
        EXPECT_THAT(parsed.error().message, StartsWith("bundle/catalog.json: not valid JSON (")) << text;
    }
}

// nlohmann::json throws out_of_range, not parse_error, for a number no double holds: found by
// fuzz_print_template (a template of "9999…E09…").
TEST(ParseJson, ANumberTooLargeForADoubleIsInvalidDataNotACrash) {
    for (const char* text : {R"({"width": 1e999})", R"([-1E400])"}) {
        auto parsed = parse_json(text, "bundle/template.json");
        ASSERT_FALSE(parsed.ok()) << text;
        EXPECT_EQ(parsed.error().code, ErrorCode::InvalidData);
        EXPECT_THAT(parsed.error().message, StartsWith("bundle/template.json: not valid JSON (")) << text;
    }
}

TEST(ParseJson, AcceptsAnyJsonValue) {
    EXPECT_TRUE(parse_json(R"({"a": [1, "二", null]})", "x").ok());
    EXPECT_TRUE(parse_json("[]", "x").ok());
    EXPECT_TRUE(parse_json("3", "x").ok());
}

TEST(JsonReader, ReadsKnownKeysAndLeavesMissingOnesAtTheirDefault) {
    auto json = json_of(R"({"name": "A4", "sheets": 250, "duplex": true,
                            "label": {"zh-CN": "打印机", "en": "Printer"}})");
    JsonReader reader(json, "test.json", "");
    std::string name, missing_text = "kept";
    int sheets = 0, missing_number = 7;
    bool duplex = false, missing_flag = true;
    LocalizedText label;
    reader.optional("name", name);
    reader.optional("sheets", sheets, 0, 500);
    reader.optional("duplex", duplex);
    reader.optional("label", label);
    reader.optional("tray", missing_text);
    reader.optional("copies", missing_number, 1, 9);
    reader.optional("colour", missing_flag);
    reader.finish();
    ASSERT_TRUE(reader.ok()) << reader.error().describe();
    EXPECT_EQ(name, "A4");
    EXPECT_EQ(sheets, 250);
    EXPECT_TRUE(duplex);
    EXPECT_EQ(label, (LocalizedText{"打印机", "Printer"}));
    EXPECT_EQ(missing_text, "kept");
    EXPECT_EQ(missing_number, 7);
    EXPECT_TRUE(missing_flag);
}

TEST(JsonReader, UnknownKeyIsAnErrorOnlyAtFinish) {
    auto json = json_of(R"({"name": "A4", "nmae": "typo"})");
    JsonReader reader(json, "test.json", "printers[2]");
    std::string name;
    reader.optional("name", name);
    EXPECT_TRUE(reader.ok());
    reader.finish();
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.error().code, ErrorCode::InvalidData);
    EXPECT_EQ(reader.error().message, "test.json: printers[2].nmae: unknown key");
}

TEST(JsonReader, KeysAskedForButAbsentAreNotUnknown) {
    auto json = json_of(R"({"a": 1})");
    JsonReader reader(json, "test.json", "");
    int a = 0;
    std::string b;
    reader.optional("a", a, 0, 9);
    reader.optional("b", b);
    reader.finish();
    EXPECT_TRUE(reader.ok());
}

TEST(JsonReader, RequiredKeysMustBePresentAndNonEmpty) {
    struct Case {
        const char* json;
        const char* message;
    };
    const Case cases[] = {
        {R"({})", "test.json: matter.id: missing"},
        {R"({"id": ""})", "test.json: matter.id: expected a non-empty string"},
        {R"({"id": 12})", "test.json: matter.id: expected a non-empty string"},
    };
    for (const auto& c : cases) {
        auto json = json_of(c.json);
        JsonReader reader(json, "test.json", "matter");
        std::string id;
        reader.required("id", id);
        ASSERT_FALSE(reader.ok()) << c.json;
        EXPECT_EQ(reader.error().message, c.message);
    }

    auto json = json_of(R"({"id": "birth_registration", "name": {"zh-CN": "出生登记", "en": "Birth"}})");
    JsonReader reader(json, "test.json", "matter");
    std::string id;
    LocalizedText name;
    reader.required("id", id);
    reader.required("name", name);
    ASSERT_TRUE(reader.ok()) << reader.error().describe();
    EXPECT_EQ(id, "birth_registration");
    EXPECT_EQ(name.zh, "出生登记");

    auto no_name = json_of(R"({"id": "x"})");
    JsonReader missing(no_name, "test.json", "matter");
    missing.required("name", name);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().message, "test.json: matter.name: missing");
}

TEST(JsonReader, TheFirstErrorIsKeptAndLaterReadsChangeNothing) {
    auto json = json_of(R"({"sheets": "many", "name": 5, "title": "kept out"})");
    JsonReader reader(json, "test.json", "");
    int sheets = 1;
    std::string name = "before", title = "before";
    reader.optional("sheets", sheets, 0, 500);
    reader.optional("name", name);
    reader.optional("title", title);
    reader.finish();
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.error().message, "test.json: sheets: expected an integer");
    EXPECT_EQ(sheets, 1);
    EXPECT_EQ(title, "before"); // a failed reader stops reading
}

TEST(JsonReader, NestedObjectsCarryTheirPathIntoErrors) {
    auto json = json_of(R"({"devices": {"printer": {"tray": {"sheets": -3}}}})");
    JsonReader root(json, "kiosk.json", "");
    int sheets = 0;
    root.optional_object("devices", [&](JsonReader& devices) {
        EXPECT_EQ(devices.path(), "devices");
        devices.optional_object("printer", [&](JsonReader& printer) {
            printer.optional_object("tray", [&](JsonReader& tray) {
                EXPECT_EQ(tray.path(), "devices.printer.tray");
                tray.optional("sheets", sheets, 0, 500);
            });
        });
    });
    ASSERT_FALSE(root.ok());
    EXPECT_EQ(root.error().message, "kiosk.json: devices.printer.tray.sheets: must be between 0 and 500");
}

TEST(JsonReader, ArrayOfObjectsNamesTheFailingElement) {
    auto json = json_of(R"({"matters": [{"id": "a"}, {"id": "b", "fee": "free"}]})");
    JsonReader root(json, "catalog.json", "");
    std::vector<std::string> ids;
    root.array_of_objects("matters", true, [&](JsonReader& matter, size_t index) {
        EXPECT_EQ(matter.path(), "matters[" + std::to_string(index) + "]");
        std::string id;
        matter.required("id", id);
        ids.push_back(id);
    });
    ASSERT_FALSE(root.ok());
    // Each element is finished by array_of_objects itself: "fee" was never asked for.
    EXPECT_EQ(root.error().message, "catalog.json: matters[1].fee: unknown key");
    EXPECT_EQ(ids, (std::vector<std::string>{"a", "b"}));
}

TEST(JsonReader, ArrayOfObjectsChecksShapeAndPresence) {
    struct Case {
        const char* json;
        bool required_key;
        const char* message; // nullptr: accepted
    };
    const Case cases[] = {
        {R"({})", true, "catalog.json: matters: missing"},
        {R"({})", false, nullptr},
        {R"({"matters": {"id": "a"}})", false, "catalog.json: matters: expected an array"},
        {R"({"matters": [{"id": "a"}, "b"]})", false, "catalog.json: matters[1]: expected an object"},
        {R"({"matters": []})", true, nullptr},
    };
    for (const auto& c : cases) {
        auto json = json_of(c.json);
        JsonReader root(json, "catalog.json", "");
        root.array_of_objects("matters", c.required_key, [](JsonReader& matter, size_t) {
            std::string id;
            matter.optional("id", id);
        });
        if (!c.message) {
            EXPECT_TRUE(root.ok()) << c.json << ": " << root.error().describe();
            continue;
        }
        ASSERT_FALSE(root.ok()) << c.json;
        EXPECT_EQ(root.error().message, c.message);
    }
}

TEST(JsonReader, StringArrays) {
    auto good = json_of(R"({"tags": ["birth", "出生"]})");
    JsonReader reader(good, "t.json", "");
    std::vector<std::string> tags{"stale"};
    reader.string_array("tags", tags);
    ASSERT_TRUE(reader.ok());
    EXPECT_EQ(tags, (std::vector<std::string>{"birth", "出生"}));

    for (const char* text : {R"({"tags": "birth"})", R"({"tags": ["birth", 2]})"}) {
        auto bad = json_of(text);
        JsonReader failing(bad, "t.json", "matter");
        failing.string_array("tags", tags);
        ASSERT_FALSE(failing.ok()) << text;
        EXPECT_EQ(failing.error().message, "t.json: matter.tags: expected an array of strings");
    }
}

TEST(JsonReader, IntegersOutsideIntAreRefusedNotWrapped) {
    for (const char* text :
         {R"({"n": 4294967297})", R"({"n": -4294967295})", R"({"n": 18446744073709551615})"}) {
        auto json = json_of(text);
        JsonReader reader(json, "t.json", "");
        int n = 5;
        reader.optional("n", n, 0, 10);
        ASSERT_FALSE(reader.ok()) << text;
        EXPECT_EQ(reader.error().message, "t.json: n: must be between 0 and 10") << text;
        EXPECT_EQ(n, 5);
    }
    // 2^64 - 1 must not wrap to -1 and slip into a range that allows negatives.
    auto json = json_of(R"({"offset": 18446744073709551615})");
    JsonReader reader(json, "t.json", "");
    int offset = 0;
    reader.optional("offset", offset, -10, 10);
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.error().message, "t.json: offset: must be between -10 and 10");
    EXPECT_EQ(offset, 0);
}

TEST(JsonReader, FailAtReportsACustomProblem) {
    auto json = json_of(R"({"fee": 100, "free": true})");
    JsonReader reader(json, "catalog.json", "matters[0]");
    reader.fail("fee", "a free matter cannot have a fee");
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.error().code, ErrorCode::InvalidData);
    EXPECT_THAT(reader.error().message, HasSubstr("catalog.json: matters[0].fee: a free matter"));
}

} // namespace
} // namespace kiosk
