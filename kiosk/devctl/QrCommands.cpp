// kiosk-devctl qr decode IMAGE [--json]
// Every QR code and barcode on an image (services/codes/DecodeCodes.h): format, text, position.
// Exit 0 when at least one was found; 1 with one line when none was (or the image is unreadable).

#include "kiosk/devctl/DevCtl.h"
#include "services/codes/DecodeCodes.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk::devctl {
namespace {

int decode(const std::string& image, bool as_json) {
    auto codes = services::decode_codes_file(image);
    if (!codes) {
        fmt::print(stderr, "kiosk-devctl: qr: {}\n", codes.error().message);
        return kExitFailed;
    }
    if (codes->empty()) {
        fmt::print(stderr, "kiosk-devctl: qr: no code found on {}\n", image);
        return kExitFailed;
    }
    auto json = nlohmann::json::array();
    for (const auto& code : codes.value()) {
        auto corners = nlohmann::json::array();
        for (const auto& point : code.position)
            corners.push_back({{"x", point.x}, {"y", point.y}});
        json.push_back({{"format", code.format}, {"text", code.text}, {"position", corners}});
    }
    if (as_json) {
        // The payload is untrusted: dump escapes control characters, and invalid UTF-8 is replaced.
        fmt::print("{}\n", json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
        return 0;
    }
    for (const auto& code : json)
        fmt::print("{}: {}\n", code["format"].get<std::string>(),
                   code["text"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return 0;
}

} // namespace

void add_qr_commands(CLI::App& app, int& exit_code) {
    auto* qr = app.add_subcommand("qr", "QR codes and barcodes");
    qr->require_subcommand(1);
    auto image = std::make_shared<std::string>();
    auto as_json = std::make_shared<bool>(false);
    auto* decode_command = qr->add_subcommand("decode", "decode every QR code and barcode on an image");
    decode_command->add_option("IMAGE", *image, "PNG, JPEG, PNM or TIFF")->required();
    decode_command->add_flag("--json", *as_json, "print JSON: [{format, text, position: 4 corners}]");
    decode_command->callback([image, as_json, &exit_code] { exit_code = decode(*image, *as_json); });
}

} // namespace kiosk::devctl
