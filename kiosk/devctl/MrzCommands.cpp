// kiosk-devctl mrz parse LINE1 LINE2 [LINE3] [--json] [--correct-ocr]
// Exit 0 whenever the lines have a recognisable format, valid or not ("valid" and "failed_checks"
// say which); exit 2 with a one-line reason when they have none.
// kiosk-devctl mrz read IMAGE… [--json]
// Finds and reads the MRZ on a page image (services/mrz/MrzReader.h), corrects OCR confusions, and
// prints the keys of `mrz parse --correct-ocr`. Exit 0 when it was read: valid, or read clearly and
// failing real checks; exit 1 with one line when there is no MRZ or it cannot be read for sure.
// Several images are read by one warm reader (Tesseract loads once) and answered one JSON line each,
// {"image": …, "mrz": {…}} or {"image": …, "error": "…"}; exit 1 when any could not be read.

#include "core/domain/Mrz.h"
#include "drivers/idcard/SamReader.h"
#include "kiosk/devctl/DevCtl.h"
#include "services/mrz/MrzReader.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk::devctl {
namespace {

// Exactly the contract's keys; "corrections" only when they were asked for.
nlohmann::json to_json(const domain::MrzDocument& document, bool correct_ocr) {
    nlohmann::json json = {
        {"format", document.format},
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
        {"failed_checks", document.failed_checks},
    };
    if (correct_ocr)
        json["corrections"] = document.corrections;
    return json;
}

int print_document(const domain::MrzDocument& document, bool as_json, bool correct_ocr) {
    auto json = to_json(document, correct_ocr);
    if (as_json) {
        fmt::print("{}\n", json.dump(2, ' ', false));
        return 0;
    }
    for (auto& [key, value] : json.items())
        fmt::print("{}: {}\n", key, value.is_string() ? value.get<std::string>() : value.dump());
    return 0;
}

int parse(const std::vector<std::string>& lines, bool as_json, bool correct_ocr) {
    auto document = domain::parse_mrz(lines, drivers::local_today(), {.correct_ocr = correct_ocr});
    if (!document) {
        fmt::print(stderr, "kiosk-devctl: mrz: {}\n", document.error().message);
        return kExitUsage;
    }
    return print_document(document.value(), as_json, correct_ocr);
}

int read(const std::vector<std::string>& images, bool as_json) {
    auto reader = services::MrzReader::create();
    if (!reader) {
        fmt::print(stderr, "kiosk-devctl: mrz: {}\n", reader.error().message);
        return kExitFailed;
    }
    if (images.size() == 1) {
        auto reading = reader.value()->read_file(images.front(), drivers::local_today());
        if (!reading) {
            fmt::print(stderr, "kiosk-devctl: mrz: {}\n", reading.error().message);
            return kExitFailed;
        }
        return print_document(reading->document, as_json, true);
    }
    int exit_code = 0;
    for (const auto& image : images) {
        auto reading = reader.value()->read_file(image, drivers::local_today());
        nlohmann::json line = {{"image", image}};
        if (reading) {
            line["mrz"] = to_json(reading->document, true);
        } else {
            line["error"] = reading.error().message;
            exit_code = kExitFailed;
        }
        fmt::print("{}\n", line.dump(-1, ' ', false));
    }
    return exit_code;
}

} // namespace

void add_mrz_commands(CLI::App& app, int& exit_code) {
    auto* mrz = app.add_subcommand("mrz", "machine-readable zones (ICAO 9303, Chinese travel permits)");
    mrz->require_subcommand(1);
    auto lines = std::make_shared<std::vector<std::string>>();
    auto as_json = std::make_shared<bool>(false);
    auto correct = std::make_shared<bool>(false);
    auto* parse_command = mrz->add_subcommand("parse", "parse 2 or 3 MRZ lines and verify every check digit");
    parse_command->add_option("LINES", *lines, "the MRZ lines, in order")->required()->expected(2, 3);
    parse_command->add_flag("--json", *as_json, "print JSON");
    parse_command->add_flag("--correct-ocr", *correct, "repair OCR confusions (O/0, I/1, K for <) first");
    parse_command->callback(
        [lines, as_json, correct, &exit_code] { exit_code = parse(*lines, *as_json, *correct); });
    auto images = std::make_shared<std::vector<std::string>>();
    auto* read_command =
        mrz->add_subcommand("read", "find and read the MRZ on page images (OCR, then checks)");
    read_command
        ->add_option("IMAGE", *images,
                     "the pages: PNG, JPEG, PNM or TIFF, about 300 dpi (several: one JSON line each)")
        ->required();
    read_command->add_flag("--json", *as_json, "print JSON");
    read_command->callback([images, as_json, &exit_code] { exit_code = read(*images, *as_json); });
}

} // namespace kiosk::devctl
