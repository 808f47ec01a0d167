// Content folders (kiosk/content/Content.h): the repository's data/ loads as the factory content, and a
// copy of it changed in one place is refused with the file and what is wrong — a string missing, a
// template missing or failing only when rendered, a broken catalog, a config part that sets what only the
// kiosk may, an index that points out of the folder.

#include "kiosk/content/Content.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

namespace kiosk::content {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const fs::path kData = fs::path(KIOSK_SOURCE_DIR) / "data";

nlohmann::json read(const fs::path& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

class ContentTest : public ::testing::Test {
protected:
    void SetUp() override {
        folder = fs::path(::testing::TempDir()) /
                 ("content-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(folder);
        fs::create_directories(folder);
        for (const char* part : {"catalog", "i18n", "templates"})
            fs::copy(kData / part, folder / part, fs::copy_options::recursive);
        fs::copy(kData / "content.json", folder / "content.json");
        ASSERT_TRUE(factory_reference().has_value());
        reference = *factory_reference();
    }
    // Loading renders every template: once for the whole suite.
    static const std::optional<Reference>& factory_reference() {
        static const std::optional<Reference> once = [] {
            auto paths = read_content_index(kData);
            auto factory = paths.ok() ? load_content(KioskOptions{}, paths.value(), Checks{nullptr, true})
                                      : paths.error();
            EXPECT_TRUE(factory.ok()) << factory.error().describe();
            return factory.ok() ? std::optional(reference_of(factory.value())) : std::nullopt;
        }();
        return once;
    }
    void TearDown() override { fs::remove_all(folder); }

    Result<Content> load() {
        auto paths = TRY(read_content_index(folder));
        return load_content(local, paths, Checks{&reference, true});
    }
    std::string refusal() {
        auto loaded = load();
        if (loaded.ok()) {
            ADD_FAILURE() << "the changed folder loaded";
            return {};
        }
        return loaded.error().message;
    }
    void edit_json(const fs::path& relative, const std::function<void(nlohmann::json&)>& change) {
        auto json = read(folder / relative);
        change(json);
        write(folder / relative, json.dump(2));
    }

    KioskOptions local;
    fs::path folder;
    Reference reference;
};

TEST_F(ContentTest, TheRepositorysDataIsAContentFolderThatSetsTheReference) {
    auto loaded = load();
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_FALSE(loaded->catalog.matters().empty());
    EXPECT_EQ(loaded->options.paths.catalog, (folder / "catalog/sample-catalog.json").string());
    EXPECT_EQ(loaded->options.paths.templates, (folder / "templates").string());
    EXPECT_THAT(reference.template_names, ::testing::Contains("receipt"));
    EXPECT_THAT(reference.string_keys, ::testing::Contains("attract.touch_to_start"));
}

TEST_F(ContentTest, AStringMissingInEnglishOrAtAllIsRefusedWithTheFileAndKey) {
    edit_json("i18n/strings.json", [](nlohmann::json& strings) { strings.erase("attract.touch_to_start"); });
    EXPECT_THAT(refusal(), HasSubstr("strings.json: 'attract.touch_to_start' is missing"));
    edit_json("i18n/strings.json", [](nlohmann::json& strings) {
        strings["attract.touch_to_start"] = {{"zh-CN", "点击开始"}};
    });
    EXPECT_THAT(refusal(), HasSubstr("attract.touch_to_start"));
}

TEST_F(ContentTest, ATemplateTheKioskPrintsMustBeThereWithItsSampleData) {
    fs::remove(folder / "templates/samples/receipt.json");
    EXPECT_THAT(refusal(), HasSubstr("samples/receipt.json: missing (every template is checked"));
    fs::remove(folder / "templates/receipt.json");
    EXPECT_THAT(refusal(), HasSubstr("'receipt.json' is missing (this kiosk prints it)"));
}

TEST_F(ContentTest, ATemplateThatFailsOnlyWhenRenderedIsRefused) {
    // It parses (TemplateSet::load takes it); its sample data has no list where it iterates one.
    edit_json("templates/samples/receipt.json",
              [](nlohmann::json& sample) { sample["matters"] = "not a list"; });
    auto message = refusal();
    EXPECT_THAT(message, HasSubstr("receipt.json: does not render with its sample data"));
}

TEST_F(ContentTest, ABrokenCatalogIsRefusedAsTheKioskWouldRefuseIt) {
    edit_json("catalog/sample-catalog.json", [](nlohmann::json& catalog) {
        catalog["packages"][0]["matter_ids"].push_back("no-such-matter");
    });
    EXPECT_THAT(refusal(), HasSubstr("sample-catalog.json"));
}

TEST_F(ContentTest, TheConfigPartIsLaidOverTheKiosksOwnAndMayNotSetItsIdentity) {
    local.kiosk_id = "hall-a-07";
    write(folder / "config/remote.json", R"({"hall": {"phone": "12345-8"}})");
    edit_json("content.json", [](nlohmann::json& index) { index["config"] = "config/remote.json"; });
    auto loaded = load();
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_EQ(loaded->options.hall.phone, "12345-8");
    EXPECT_EQ(loaded->options.kiosk_id, "hall-a-07");
    write(folder / "config/remote.json", R"({"kiosk_id": "other"})");
    EXPECT_THAT(refusal(), HasSubstr("remote.json: kiosk_id: is set only in the kiosk's own config"));
}

TEST_F(ContentTest, TheIndexStaysInsideItsFolder) {
    for (const char* path : {"../catalog/sample-catalog.json", "/etc/passwd", "catalog/../../x.json", ""}) {
        edit_json("content.json", [&](nlohmann::json& index) { index["catalog"] = path; });
        EXPECT_THAT(refusal(), HasSubstr("content.json: catalog")) << path;
    }
    edit_json("content.json", [](nlohmann::json& index) {
        index["catalog"] = "catalog/sample-catalog.json";
        index["format"] = 2;
    });
    EXPECT_THAT(refusal(), HasSubstr("content.json: format"));
    edit_json("content.json", [](nlohmann::json& index) {
        index.erase("format");
        index["scripts"] = "x";
    });
    EXPECT_THAT(refusal(), HasSubstr("content.json"));
    fs::remove(folder / "content.json");
    EXPECT_THAT(refusal(), HasSubstr("content.json"));
}

TEST_F(ContentTest, RemovedMattersAreReadFromTheIndex) {
    edit_json("content.json", [](nlohmann::json& index) {
        index["removed_matters"] = {"old_passport_renewal", "pet-licence"};
    });
    auto loaded = load();
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_EQ(loaded->paths.removed_matters,
              (std::vector<std::string>{"old_passport_renewal", "pet-licence"}));
    auto factory = read_content_index(kData);
    ASSERT_TRUE(factory.ok());
    EXPECT_TRUE(factory->removed_matters.empty()); // optional: data/ names none
}

TEST_F(ContentTest, ABadRemovedMattersListIsRefusedWithTheKey) {
    std::vector<std::string> too_many;
    for (size_t i = 0; i <= kMaxRemovedMatters; ++i)
        too_many.push_back("m" + std::to_string(i));
    for (const auto& bad :
         {nlohmann::json("residence_permit"), nlohmann::json::array({7}),
          nlohmann::json::array({"Residence Permit"}), nlohmann::json::array({""}),
          nlohmann::json::array({"../catalog"}), nlohmann::json::array({std::string(65, 'a')}),
          nlohmann::json::array({"x", "y", "x"}), nlohmann::json(too_many), nlohmann::json::object()}) {
        edit_json("content.json", [&](nlohmann::json& index) { index["removed_matters"] = bad; });
        EXPECT_THAT(refusal(), HasSubstr("content.json: removed_matters")) << bad.dump().substr(0, 80);
    }
}

// A folder that names as removed a matter its own catalog still holds contradicts itself: the admin
// forgot one half of a change (dropped the matter, or took it off the list when bringing it back).
TEST_F(ContentTest, AMatterNamedAsRemovedThatTheCatalogStillOffersIsRefused) {
    edit_json("content.json", [](nlohmann::json& index) {
        index["removed_matters"] = {"pet-licence", "residence_permit"};
    });
    EXPECT_THAT(refusal(),
                HasSubstr("sample-catalog.json: offers matter 'residence_permit', which content.json "
                          "lists in removed_matters"));
    // Refused at start-up too (no checks asked for): a slot holding it does not load.
    auto paths = read_content_index(folder);
    ASSERT_TRUE(paths.ok());
    EXPECT_FALSE(load_content(local, paths.value(), Checks{}).ok());
}

} // namespace
} // namespace kiosk::content
