// libFuzzer target for the kiosk's config file (core/base/Config.h), which arrives in config bundles:
// any bytes go through parse_config. Beyond "no crash, no sanitizer report", it checks what the kiosk
// relies on when it starts: an error names the file, and accepted options keep the ranges the parser
// promises (a portrait cabinet is taller than wide, URLs are https without a trailing '/', a staff
// session times out before a citizen's). The same bytes are also read as a bundle's config.

#include "core/base/Config.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

bool https_without_slash(const std::string& url) {
    return url.rfind("https://", 0) == 0 && url.size() > 8 && url.back() != '/';
}

// The same bytes as a bundle's config laid over the defaults: never the kiosk's identity or hub, and a
// refusal leaves the options as they were.
void check_remote(std::string_view text) {
    kiosk::KioskOptions options;
    options.kiosk_id = "hall-a-07";
    auto applied = kiosk::apply_remote_config(text, "config.json", options);
    require(options.kiosk_id == "hall-a-07" && options.hub.url.empty() && options.staff.badge_keys.empty());
    if (!applied.ok()) {
        require(applied.error().message.rfind("config.json: ", 0) == 0);
        require(options.hall.phone == kiosk::HallOptions{}.phone && options.staff.pins.empty());
        return;
    }
    const int citizen_s = options.session.inactivity_warning_s + options.session.inactivity_countdown_s;
    require(options.staff.session_timeout_s < citizen_s);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    check_remote(text);
    auto parsed = kiosk::parse_config(text, "kiosk.json");
    if (!parsed.ok()) {
        require(parsed.error().message.rfind("kiosk.json: ", 0) == 0);
        return 0;
    }
    const auto& options = parsed.value();
    const auto& display = options.display;
    require(display.width >= 240 && display.width <= 7680 && display.height >= 240 && display.height <= 7680);
    require(!display.portrait || display.width <= display.height);
    require(display.renderer == "software" || display.renderer == "gpu");
    require(display.font_face_index >= 0 && display.font_face_index <= 64);
    require(options.session.inactivity_warning_s >= 5 && options.session.inactivity_countdown_s >= 3);
    require(options.session.resume_within_s >= 0);
    for (const auto* device : {&options.devices.idcard, &options.devices.scanner, &options.devices.qr,
                               &options.devices.receipt_printer, &options.devices.a4_printer})
        require(device->baud >= 9600 && device->baud <= 115200);
    require(options.hub.url.empty() || https_without_slash(options.hub.url));
    require(options.hub.url.empty() || (!options.hub.ca_file.empty() && !options.hub.cert_file.empty() &&
                                        !options.hub.key_file.empty()));
    require(options.hub.connect_timeout_ms >= 100 && options.hub.read_timeout_ms >= 100);
    const auto& base = options.qr_payloads.receipt_base_url;
    require(base.empty() || https_without_slash(base));
    for (const auto& prefix : options.qr_payloads.url_allowlist)
        require(prefix.rfind("https://", 0) == 0 && prefix.size() > 8);
    // Staff: the timeout is shorter than a citizen's, roles are the three words, hashes Argon2id.
    const auto& staff = options.staff;
    const int citizen_s = options.session.inactivity_warning_s + options.session.inactivity_countdown_s;
    require(staff.session_timeout_s >= std::min(10, citizen_s - 1) && staff.session_timeout_s < citizen_s);
    require(staff.lockout_tries >= 1 && staff.lockout_s >= 1);
    for (const auto& pin : staff.pins) {
        require(pin.role == "duty" || pin.role == "hall-it" || pin.role == "engineer");
        require(pin.pin_hash.rfind("$argon2id$", 0) == 0 && !pin.id.empty() && pin.id.size() <= 32);
    }
    for (const auto& key : staff.badge_keys)
        require(!key.id.empty() && key.id.size() <= 64);
    // The same text reads the same way twice (no hidden state in the parser).
    auto again = kiosk::parse_config(text, "kiosk.json");
    require(again.ok() && again.value().kiosk_id == options.kiosk_id &&
            again.value().hub.url == options.hub.url);
    return 0;
}
