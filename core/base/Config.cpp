#include "core/base/Config.h"
#include "core/base/JsonReader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk {
namespace {

void read_device(JsonReader& reader, DeviceOptions& device) {
    reader.optional("backend", device.backend);
    reader.optional("device", device.device);
    reader.optional("baud", device.baud, 9600, 115200);
    reader.optional("photo_decoder", device.photo_decoder);
    reader.optional("server", device.server);
    reader.finish();
}

void read_thresholds(JsonReader& reader, ConsumableThresholds& thresholds) {
    reader.optional("low_percent", thresholds.low_percent, 1, 99);
    reader.optional("out_percent", thresholds.out_percent, 0, 98);
    if (reader.ok() && thresholds.out_percent >= thresholds.low_percent)
        reader.fail("out_percent",
                    "must be below low_percent (" + std::to_string(thresholds.low_percent) + ")");
    reader.finish();
}

std::string resolve(const std::filesystem::path& base, const std::string& path) {
    if (path.empty() || std::filesystem::path(path).is_absolute())
        return path;
    return (base / path).lexically_normal().string();
}

} // namespace

Result<KioskOptions> parse_config(std::string_view json_text, std::string_view origin) {
    auto json = TRY(parse_json(json_text, origin));
    if (!json.is_object())
        return make_error(ErrorCode::InvalidData, std::string(origin) + ": expected a JSON object");

    KioskOptions options;
    JsonReader root(json, std::string(origin), "");
    root.optional("kiosk_id", options.kiosk_id);
    std::string language = language_tag(options.default_language);
    root.optional("default_language", language);
    if (root.ok() && !parse_language_tag(language, options.default_language))
        root.fail("default_language", "must be \"zh-CN\" or \"en\"");
    root.optional("demo_mode", options.demo_mode);
    root.optional_object("display", [&](JsonReader& r) {
        r.optional("width", options.display.width, 320, 7680);
        r.optional("height", options.display.height, 240, 7680);
        r.optional("portrait", options.display.portrait);
        r.optional("fullscreen", options.display.fullscreen);
        r.optional("font_regular", options.display.font_regular);
        r.optional("font_bold", options.display.font_bold);
        r.optional("font_face_index", options.display.font_face_index, 0, 64);
        r.optional("renderer", options.display.renderer);
        if (r.ok() && options.display.renderer != "software" && options.display.renderer != "gpu")
            r.fail("renderer", "'" + options.display.renderer + "' is not one of software, gpu");
        r.finish();
    });
    root.optional_object("session", [&](JsonReader& r) {
        r.optional("inactivity_warning_s", options.session.inactivity_warning_s, 5, 3600);
        r.optional("inactivity_countdown_s", options.session.inactivity_countdown_s, 3, 600);
        r.optional("card_removed_grace_s", options.session.card_removed_grace_s, 0, 600);
        r.optional("resume_within_s", options.session.resume_within_s, 0, 86400);
        r.finish();
    });
    root.optional_object("hall", [&](JsonReader& r) {
        r.optional("name", options.hall.name);
        r.optional("phone", options.hall.phone);
        r.optional("address", options.hall.address);
        r.localized_array("announcements", options.hall.announcements);
        r.finish();
    });
    root.optional_object("devices", [&](JsonReader& r) {
        r.optional_object("idcard", [&](JsonReader& d) { read_device(d, options.devices.idcard); });
        r.optional_object("scanner", [&](JsonReader& d) { read_device(d, options.devices.scanner); });
        r.optional_object("qr", [&](JsonReader& d) { read_device(d, options.devices.qr); });
        r.optional_object("receipt_printer",
                          [&](JsonReader& d) { read_device(d, options.devices.receipt_printer); });
        r.optional_object("a4_printer", [&](JsonReader& d) { read_device(d, options.devices.a4_printer); });
        r.finish();
    });
    root.optional_object("qr_payloads", [&](JsonReader& r) {
        r.optional("receipt_base_url", options.qr_payloads.receipt_base_url);
        r.string_array("url_allowlist", options.qr_payloads.url_allowlist);
        const auto& base = options.qr_payloads.receipt_base_url;
        if (r.ok() && !base.empty() && (base.rfind("https://", 0) != 0 || base.back() == '/'))
            r.fail("receipt_base_url", "'" + base + "' must start with https:// and not end with /");
        for (const auto& entry : options.qr_payloads.url_allowlist)
            if (r.ok() && (entry.rfind("https://", 0) != 0 || entry.size() <= 8))
                r.fail("url_allowlist", "'" + entry + "' is not an https:// prefix");
        r.finish();
    });
    root.optional_object("paths", [&](JsonReader& r) {
        r.optional("catalog", options.paths.catalog);
        r.optional("strings", options.paths.strings);
        r.optional("templates", options.paths.templates);
        r.optional("database", options.paths.database);
        r.optional("scans", options.paths.scans);
        r.optional("drafts", options.paths.drafts);
        r.finish();
    });
    root.optional_object("hub", [&](JsonReader& r) {
        r.optional("url", options.hub.url);
        r.optional("ca_file", options.hub.ca_file);
        r.optional("cert_file", options.hub.cert_file);
        r.optional("key_file", options.hub.key_file);
        r.optional("connect_timeout_ms", options.hub.connect_timeout_ms, 100, 120000);
        r.optional("read_timeout_ms", options.hub.read_timeout_ms, 100, 600000);
        const auto& url = options.hub.url;
        if (r.ok() && !url.empty() && (url.rfind("https://", 0) != 0 || url.size() <= 8 || url.back() == '/'))
            r.fail("url", "'" + url + "' must start with https:// and not end with /");
        if (r.ok() && !url.empty() &&
            (options.hub.ca_file.empty() || options.hub.cert_file.empty() || options.hub.key_file.empty()))
            r.fail("url", "a hub needs ca_file, cert_file and key_file");
        r.finish();
    });
    root.optional_object("outbox", [&](JsonReader& r) {
        r.optional("dir", options.outbox.dir);
        r.optional("key_file", options.outbox.key_file);
        r.finish();
    });
    root.optional_object("consumables", [&](JsonReader& r) {
        auto& consumables = options.consumables;
        r.optional("receipt_roll_mm", consumables.receipt_roll_mm, 1000, 1000000);
        r.optional("receipt_feed_mm", consumables.receipt_feed_mm, 0, 200);
        r.optional("a4_tray_sheets", consumables.a4_tray_sheets, 10, 5000);
        r.optional_object("receipt_paper",
                          [&](JsonReader& t) { read_thresholds(t, consumables.receipt_paper); });
        r.optional_object("a4_paper", [&](JsonReader& t) { read_thresholds(t, consumables.a4_paper); });
        r.optional_object("toner", [&](JsonReader& t) { read_thresholds(t, consumables.toner); });
        r.finish();
    });
    root.finish();
    if (!root.ok())
        return root.error();
    if (options.display.portrait && options.display.width > options.display.height)
        std::swap(options.display.width, options.display.height);
    return options;
}

Result<std::string> read_file(const std::string& path) {
    // A folder opens fine and reads as "" (then "not valid JSON"): say what is really wrong.
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored))
        return make_error(ErrorCode::Io, path + ": is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return make_error(ErrorCode::NotFound, path + ": cannot open for reading");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return make_error(ErrorCode::Io, path + ": read failed");
    return text.str();
}

Result<KioskOptions> load_config(const std::string& path) {
    auto text = TRY(read_file(path));
    auto options = TRY(parse_config(text, path));
    auto base = std::filesystem::path(path).parent_path();
    options.paths.catalog = resolve(base, options.paths.catalog);
    options.paths.strings = resolve(base, options.paths.strings);
    options.paths.templates = resolve(base, options.paths.templates);
    options.paths.database = resolve(base, options.paths.database);
    options.paths.scans = resolve(base, options.paths.scans);
    options.paths.drafts = resolve(base, options.paths.drafts);
    options.hub.ca_file = resolve(base, options.hub.ca_file);
    options.hub.cert_file = resolve(base, options.hub.cert_file);
    options.hub.key_file = resolve(base, options.hub.key_file);
    options.outbox.dir = resolve(base, options.outbox.dir);
    options.outbox.key_file = resolve(base, options.outbox.key_file);
    return options;
}

} // namespace kiosk
