// kiosk-devctl ocr IMAGE [--json] [--dpi N]                       text of a page and the fields found
// kiosk-devctl check-material --type TYPE IMAGE [--json] [--dpi N] is the page that material?
// TYPE is a material kind id of the catalog (--catalog PATH, else the installed config's, else the
// source tree's sample catalog). --dpi is used when the image file does not state its resolution.
// Exit codes: 0 it ran (whatever the verdict); 1 the image cannot be read or OCR failed; 2 usage,
// an unknown material type, a catalog that does not load.

#include "core/base/Config.h"
#include "core/domain/Catalog.h"
#include "core/domain/DocumentFields.h"
#include "kiosk/devctl/DevCtl.h"
#include "services/ocr/CheckMaterial.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace kiosk::devctl {
namespace {

struct OcrArgs {
    std::string image, type, catalog;
    int dpi = 300;
    bool json = false;
};

// Debian's libtesseract runs its LSTM with OpenMP, whose spinning threads make a page several times
// slower on the kiosk's two shared cores; the limit is read once at process start, so a process that
// lacks it starts itself again with it (the kiosk's service unit sets it). Returns on failure only.
void restart_with_one_openmp_thread() {
    if (std::getenv("OMP_THREAD_LIMIT"))
        return;
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<char*> argv;
    for (size_t at = 0; at < cmdline.size(); at = cmdline.find('\0', at) + 1)
        argv.push_back(cmdline.data() + at);
    argv.push_back(nullptr);
    setenv("OMP_THREAD_LIMIT", "1", 1);
    execv("/proc/self/exe", argv.data());
}

int fail(std::string_view what, const Error& error, int code) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, error.describe());
    return code;
}

Result<domain::Catalog> catalog_for(const OcrArgs& args) {
    if (!args.catalog.empty())
        return domain::load_catalog(args.catalog);
    for (const std::string& path : {std::string("/etc/onewindow/kiosk.json"),
                                    std::string(KIOSK_SOURCE_DIR) + "/data/config/kiosk.json"})
        if (std::filesystem::exists(path))
            if (auto options = load_config(path); options.ok())
                return domain::load_catalog(options.value().paths.catalog);
    return domain::load_catalog(std::string(KIOSK_SOURCE_DIR) + "/data/catalog/sample-catalog.json");
}

// The page and a warm engine, or the exit code.
Result<std::pair<drivers::ScannedPage, std::unique_ptr<ocr::OcrEngine>>> load(const OcrArgs& args,
                                                                              int& code) {
    restart_with_one_openmp_thread();
    code = kExitFailed;
    auto page = ocr::load_page_image(args.image, args.dpi);
    if (!page.ok())
        return page.release_error();
    auto engine = ocr::OcrEngine::create();
    if (!engine.ok())
        return engine.release_error();
    return std::pair(page.release_value(), engine.release_value());
}

nlohmann::json fields_json(const std::string& text) {
    auto today = ocr::local_today();
    nlohmann::json ids = nlohmann::json::array(), usccs = nlohmann::json::array(),
                   dates = nlohmann::json::array();
    for (const auto& found : domain::find_id_numbers(text, today))
        ids.push_back(found.value);
    for (const auto& found : domain::find_usccs(text))
        usccs.push_back(found.value);
    for (const auto& date : domain::find_dates(text))
        dates.push_back(date.iso());
    nlohmann::json fields = {{"dates", dates}};
    fields["id_number"] = ids.empty() ? nlohmann::json() : ids[0];
    fields["uscc"] = usccs.empty() ? nlohmann::json() : usccs[0];
    fields["id_numbers"] = ids;
    fields["usccs"] = usccs;
    return fields;
}

int ocr_command(const OcrArgs& args) {
    int code = 0;
    auto loaded = load(args, code);
    if (!loaded.ok())
        return fail("ocr", loaded.error(), code);
    auto& [page, engine] = loaded.value();
    auto result = engine->recognise(page);
    if (!result.ok())
        return fail("ocr", result.error(), kExitFailed);
    nlohmann::json json = {{"text", result->text},
                           {"confidence", std::lround(result->confidence)},
                           {"words", result->words},
                           {"milliseconds", static_cast<int>(result->milliseconds)},
                           {"fields", fields_json(result->text)}};
    if (args.json)
        fmt::print("{}\n", json.dump(2, ' ', false));
    else
        fmt::print("{}\n-- confidence {}, {} ms\n{}\n", result->text, json["confidence"].get<int>(),
                   json["milliseconds"].get<int>(), json["fields"].dump(2, ' ', false));
    return 0;
}

int check_command(const OcrArgs& args) {
    auto catalog = catalog_for(args);
    if (!catalog.ok())
        return fail("check-material", catalog.error(), kExitUsage);
    const domain::MaterialKind* kind = catalog->find_material(args.type);
    if (!kind) {
        std::vector<std::string> known;
        for (const auto& material : catalog->materials())
            if (!material.evidence.empty())
                known.push_back(material.id);
        fmt::print(stderr, "kiosk-devctl: check-material: no material '{}' (checkable: {})\n", args.type,
                   fmt::join(known, ", "));
        return kExitUsage;
    }
    if (kind->evidence.empty()) {
        fmt::print(stderr, "kiosk-devctl: check-material: the catalog declares no evidence for '{}'\n",
                   args.type);
        return kExitUsage;
    }
    int code = 0;
    auto loaded = load(args, code);
    if (!loaded.ok())
        return fail("check-material", loaded.error(), code);
    auto& [page, engine] = loaded.value();
    auto checked = ocr::check_material(*engine, *kind, page, ocr::local_today());
    if (!checked.ok())
        return fail("check-material", checked.error(), kExitFailed);
    const auto& check = checked->check;
    nlohmann::json json = {{"type", kind->id},
                           {"verdict", domain::to_string(check.verdict)},
                           {"reason", check.reason},
                           {"missing", check.missing},
                           {"fields", check.fields},
                           {"prefill", check.prefill},
                           {"confidence", std::lround(check.confidence)},
                           {"milliseconds", static_cast<int>(checked->ocr.milliseconds)}};
    if (args.json) {
        fmt::print("{}\n", json.dump(2, ' ', false));
        return 0;
    }
    fmt::print("{}{}\n", json["verdict"].get<std::string>(), check.reason.empty() ? "" : ": " + check.reason);
    for (const auto& [key, value] : check.fields)
        fmt::print("{}: {}\n", key, value);
    return 0;
}

} // namespace

void add_ocr_commands(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<OcrArgs>();
    auto* ocr = app.add_subcommand("ocr", "recognise the text of a page image and the fields in it");
    ocr->add_option("IMAGE", args->image, "the page (PNG, JPEG, TIFF, PNM)")->required();
    ocr->add_option("--dpi", args->dpi, "resolution when the file does not state one")
        ->check(CLI::Range(50, 1200));
    ocr->add_flag("--json", args->json, "print JSON");
    ocr->callback([args, &exit_code] { exit_code = ocr_command(*args); });

    auto* check = app.add_subcommand("check-material", "check that a page image is the given material");
    check->add_option("--type", args->type, "material kind id from the catalog")->required();
    check->add_option("IMAGE", args->image, "the page (PNG, JPEG, TIFF, PNM)")->required();
    check->add_option("--catalog", args->catalog, "catalog file (default: the kiosk's)");
    check->add_option("--dpi", args->dpi, "resolution when the file does not state one")
        ->check(CLI::Range(50, 1200));
    check->add_flag("--json", args->json, "print JSON");
    check->callback([args, &exit_code] { exit_code = check_command(*args); });
}

} // namespace kiosk::devctl
