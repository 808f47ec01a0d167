// Golden MRZ fixtures: every tests/fixtures/mrz/NAME.txt parses to what NAME.json beside it says (the
// keys a CLI prints for an MRZ). Adding a document to the suite is adding a pair of files.

#include "core/domain/Mrz.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk::domain {
namespace {

constexpr CivilDate kToday{2026, 11, 25}; // the fixtures' centuries are chosen against this day
constexpr size_t kMinimumFixtures = 16;   // so that a lost directory fails instead of passing empty

const std::filesystem::path kFixtures = std::filesystem::path(KIOSK_FIXTURES_DIR) / "mrz";

std::vector<std::string> read_lines(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            lines.push_back(line);
    return lines;
}

nlohmann::json to_json(const MrzDocument& document) {
    return {{"format", document.format},
            {"document_code", document.document_code},
            {"issuing_state", document.issuing_state},
            {"surname", document.surname},
            {"given_names", document.given_names},
            {"document_number", document.document_number},
            {"nationality", document.nationality},
            {"birth_date", document.birth_date},
            {"sex", document.sex},
            {"expiry_date", document.expiry_date},
            {"valid", document.valid},
            {"failed_checks", document.failed_checks}};
}

TEST(MrzFixtures, EveryFixtureParsesToItsExpectedJson) {
    size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kFixtures)) {
        if (entry.path().extension() != ".txt")
            continue;
        const std::string name = entry.path().stem().string();
        std::filesystem::path expected_path = entry.path();
        expected_path.replace_extension(".json");
        std::ifstream expected_file(expected_path);
        ASSERT_TRUE(expected_file) << name << ": no .json beside the .txt";
        const nlohmann::json expected = nlohmann::json::parse(expected_file);

        auto document = parse_mrz(read_lines(entry.path()), kToday);
        ASSERT_TRUE(document.ok()) << name << ": " << document.error().describe();
        EXPECT_EQ(to_json(document.value()), expected)
            << name << "\n got: " << to_json(document.value()).dump(2);
        ++count;
    }
    EXPECT_GE(count, kMinimumFixtures);
}

} // namespace
} // namespace kiosk::domain
