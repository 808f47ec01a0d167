// The OCR blackbox: every generated page (tests/fixtures/ocr/generate-corpus.py) checked through the
// real engine and the shipped catalog's evidence, against the expected result beside it. Prints one
// line per check; fails when fewer checks pass, per document, than tests/fixtures/ocr/min-pass.json
// says — recognition quality is a number kept in git (raise it when the engine gets better).
//
//   ocr_blackbox CORPUS_DIR MIN_PASS_JSON

#include "core/domain/Catalog.h"
#include "services/ocr/CheckMaterial.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

nlohmann::json read_json(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
}

// "" when the check gave what was expected, else what differs.
std::string compare(const nlohmann::json& expected, const domain::MaterialCheck& check) {
    std::string verdict = domain::to_string(check.verdict);
    if (verdict != expected["verdict"].get<std::string>())
        return "verdict " + verdict + (check.reason.empty() ? "" : " (" + check.reason + ")");
    for (const auto& [key, value] : expected["fields"].items()) {
        auto it = check.fields.find(key);
        if (it == check.fields.end())
            return "field " + key + " not read";
        if (it->second != value.get<std::string>())
            return "field " + key + " read as " + it->second + ", expected " + value.get<std::string>();
    }
    return "";
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: ocr_blackbox CORPUS_DIR MIN_PASS_JSON\n");
        return 2;
    }
    auto catalog = domain::load_catalog(KIOSK_SOURCE_DIR "/data/catalog/sample-catalog.json");
    if (!catalog.ok()) {
        std::fprintf(stderr, "%s\n", catalog.error().describe().c_str());
        return 1;
    }
    auto engine = ocr::OcrEngine::create();
    if (!engine.ok()) {
        std::fprintf(stderr, "%s\n", engine.error().describe().c_str());
        return 1;
    }
    std::vector<fs::path> samples;
    for (const auto& entry : fs::directory_iterator(argv[1]))
        if (entry.path().extension() == ".json")
            samples.push_back(entry.path());
    std::sort(samples.begin(), samples.end());

    std::map<std::string, std::pair<int, int>> passed; // document → passed, total
    domain::CivilDate today = ocr::local_today();
    for (const auto& sample : samples) {
        auto expected = read_json(sample);
        std::string document = expected["document"];
        auto page = ocr::load_page_image(fs::path(sample).replace_extension(".png").string());
        if (!page.ok()) {
            std::printf("FAIL %-22s %s\n", sample.stem().c_str(), page.error().describe().c_str());
            passed[document].second += static_cast<int>(expected["checks"].size());
            continue;
        }
        for (const auto& wanted : expected["checks"]) {
            const domain::MaterialKind* kind = catalog->find_material(wanted["type"].get<std::string>());
            auto checked = ocr::check_material(*engine.value(), *kind, page.value(), today);
            std::string difference =
                checked.ok() ? compare(wanted, checked->check) : "error " + checked.error().describe();
            auto& [ok, total] = passed[document];
            ++total;
            ok += difference.empty();
            std::printf("%s %-22s as %-26s %-15s %5.0f ms  conf %3.0f  %s\n",
                        difference.empty() ? "pass" : "FAIL", sample.stem().c_str(), kind->id.c_str(),
                        wanted["verdict"].get<std::string>().c_str(),
                        checked.ok() ? checked->ocr.milliseconds : 0.0,
                        checked.ok() ? checked->check.confidence : 0.0, difference.c_str());
        }
    }

    auto minimum = read_json(argv[2]);
    bool enough = true;
    int all_ok = 0, all_total = 0;
    std::printf("\n%-10s %6s %6s %8s\n", "document", "passed", "of", "minimum");
    for (const auto& [document, counts] : passed) {
        int required = minimum.value(document, counts.second); // a new document must pass fully
        enough = enough && counts.first >= required;
        all_ok += counts.first;
        all_total += counts.second;
        std::printf("%-10s %6d %6d %8d%s\n", document.c_str(), counts.first, counts.second, required,
                    counts.first < required ? "  BELOW MINIMUM" : "");
    }
    std::printf("%-10s %6d %6d\n", "total", all_ok, all_total);
    if (all_total == 0) {
        std::fprintf(stderr, "no samples in %s\n", argv[1]);
        return 1;
    }
    return enough ? 0 : 1;
}
