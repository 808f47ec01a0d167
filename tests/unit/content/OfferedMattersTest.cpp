// The health check's "the matters it offered before still offered or deliberately removed"
// (kiosk/content/OfferedMatters.h, docs/ConfigBundles.md §9): the pure comparison, then on the
// repository's catalog and a copy of it with one matter dropped.

#include "kiosk/content/OfferedMatters.h"
#include "kiosk/content/Content.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace kiosk::content {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

using Ids = std::vector<std::string>;

TEST(OfferedMattersTest, AMatterDroppedWithoutBeingNamedIsMissing) {
    auto missing = missing_matters({"birth", "passport", "tax"}, {"birth", "tax"}, {});
    EXPECT_THAT(missing, ElementsAre("passport"));
    EXPECT_EQ(missing_matters_reason(missing), "matters no longer offered: passport");
    EXPECT_EQ(missing_matters_reason(missing_matters({"a", "b", "c"}, {"b"}, {"x"})),
              "matters no longer offered: a, c");
}

TEST(OfferedMattersTest, AMatterNamedAsRemovedMayGo) {
    EXPECT_THAT(missing_matters({"birth", "passport", "tax"}, {"birth", "tax"}, {"passport"}), IsEmpty());
    // Names it never offered, or still offers, change nothing.
    EXPECT_THAT(missing_matters({"birth", "passport"}, {"birth"}, {"gone-long-ago", "passport"}), IsEmpty());
}

TEST(OfferedMattersTest, ANewMatterIsNoProblem) {
    EXPECT_THAT(missing_matters({"birth"}, {"birth", "pet-licence"}, {}), IsEmpty());
    EXPECT_EQ(missing_matters_reason({}), "");
}

TEST(OfferedMattersTest, NothingOfferedBeforeRequiresNothing) {
    EXPECT_THAT(missing_matters({}, {"birth"}, {}), IsEmpty()); // from the factory config
    EXPECT_THAT(missing_matters({}, {}, {}), IsEmpty());
}

TEST(OfferedMattersTest, AReasonForManyStaysOneShortLine) {
    Ids before;
    for (int i = 0; i < 60; ++i)
        before.push_back("matter_number_" + std::to_string(i));
    auto reason = missing_matters_reason(missing_matters(before, {}, {}));
    EXPECT_LE(reason.size(), 250u);
    EXPECT_THAT(reason,
                ::testing::StartsWith("matters no longer offered: matter_number_0, matter_number_1, "));
    EXPECT_THAT(reason, ::testing::MatchesRegex(".* and [0-9]+ more"));
}

class OfferedMattersOnDataTest : public ::testing::Test {
protected:
    void SetUp() override {
        folder = fs::path(::testing::TempDir()) /
                 ("offered-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(folder);
        fs::copy(kData, folder, fs::copy_options::recursive);
    }
    void TearDown() override { fs::remove_all(folder); }

    // The copy's catalog without the matter `id` (and the packages naming it).
    void drop_matter(const std::string& id) {
        auto path = folder / "catalog/sample-catalog.json";
        nlohmann::json catalog = nlohmann::json::parse(std::ifstream(path));
        auto& matters = catalog["matters"];
        matters.erase(std::remove_if(matters.begin(), matters.end(),
                                     [&](const nlohmann::json& matter) { return matter["id"] == id; }),
                      matters.end());
        for (auto& package : catalog["packages"]) {
            auto& ids = package["matters"];
            ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
        }
        std::ofstream(path, std::ios::trunc) << catalog.dump(1);
    }
    void set_removed(const Ids& removed) {
        auto path = folder / "content.json";
        nlohmann::json index = nlohmann::json::parse(std::ifstream(path));
        index["removed_matters"] = removed;
        std::ofstream(path, std::ios::trunc) << index.dump(1);
    }
    // What the health check compares: the factory's matters as offered before, the copy's now.
    std::string health_reason() {
        auto before = load_content(KioskOptions{}, read_content_index(kData).value(), Checks{});
        auto paths = read_content_index(folder);
        EXPECT_TRUE(before.ok() && paths.ok());
        auto now = load_content(KioskOptions{}, paths.value(), Checks{});
        EXPECT_TRUE(now.ok()) << now.error().describe();
        if (!before.ok() || !now.ok())
            return "did not load";
        return missing_matters_reason(missing_matters(offered_matters(before->catalog),
                                                      offered_matters(now->catalog), paths->removed_matters));
    }

    const fs::path kData = fs::path(KIOSK_SOURCE_DIR) / "data";
    fs::path folder;
};

TEST_F(OfferedMattersOnDataTest, TheSameCatalogPasses) {
    EXPECT_EQ(health_reason(), "");
}

TEST_F(OfferedMattersOnDataTest, AMatterDroppedFromTheCatalogFailsUnlessNamedAsRemoved) {
    drop_matter("residence_permit");
    EXPECT_EQ(health_reason(), "matters no longer offered: residence_permit");
    set_removed({"residence_permit"});
    EXPECT_EQ(health_reason(), "");
}

} // namespace
} // namespace kiosk::content
