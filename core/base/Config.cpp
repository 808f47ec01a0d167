#include "core/base/Config.h"
#include "core/base/JsonReader.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
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

bool is_staff_id(const std::string& id) {
    if (id.empty() || id.size() > 32)
        return false;
    for (char c : id)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    return true;
}

bool parse_hex_key(const std::string& hex, std::array<unsigned char, 32>& out) {
    if (hex.size() != out.size() * 2)
        return false;
    auto nibble = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
    };
    for (size_t i = 0; i < out.size(); ++i) {
        int high = nibble(hex[2 * i]), low = nibble(hex[2 * i + 1]);
        if (high < 0 || low < 0)
            return false;
        out[i] = static_cast<unsigned char>(high * 16 + low);
    }
    return true;
}

// The "bundles" section (docs/ConfigBundles.md "Keys on the kiosk"): the shapes only here; the keys are
// decoded by core/bundle/BundleKeys.h, which this floor cannot include.
void read_bundles(JsonReader& r, BundleOptions& bundles) {
    r.string_array("trusted_keys", bundles.trusted_keys);
    for (const auto& key : bundles.trusted_keys)
        if (r.ok() &&
            (key.size() != 56 || !key.starts_with("RW") ||
             key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") !=
                 std::string::npos))
            r.fail("trusted_keys", "a key is a minisign public key: 56 base64 characters starting \"RW\"");
    r.string_array("revoked_keys", bundles.revoked_keys);
    for (const auto& id : bundles.revoked_keys)
        if (r.ok() && (id.empty() || id.size() > 16 ||
                       id.find_first_not_of("0123456789ABCDEFabcdef") != std::string::npos))
            r.fail("revoked_keys", "a key id is up to 16 hex digits, as minisign prints it");
    r.finish();
}

// The "staff" section (docs/Maintenance.md "Staff credentials").
// A bundle's config (remote) may set everything here but the badge keys: those stay the kiosk's own.
void read_staff(JsonReader& r, StaffOptions& staff, bool remote) {
    if (remote && r.has("badge_keys"))
        return r.fail("badge_keys", "is set only in the kiosk's own config, never by a bundle");
    r.array_of_objects("badge_keys", false, [&](JsonReader& k, size_t) {
        StaffBadgeKey key;
        std::string hex;
        k.required("id", key.id);
        k.required("public_key", hex);
        if (k.ok() &&
            (key.id.empty() || key.id.size() > 64 || key.id.find_first_of("\"\\") != std::string::npos))
            k.fail("id", "must be 1 to 64 characters without quotes or backslashes");
        if (k.ok() && !parse_hex_key(hex, key.public_key))
            k.fail("public_key", "must be 64 hex characters (an Ed25519 public key)");
        for (const auto& other : staff.badge_keys)
            if (k.ok() && other.id == key.id)
                k.fail("id", "'" + key.id + "' appears twice");
        staff.badge_keys.push_back(key);
    });
    r.string_array("revoked_staff", staff.revoked_staff);
    for (const auto& id : staff.revoked_staff)
        if (r.ok() && !is_staff_id(id))
            r.fail("revoked_staff", "a staff id must be 1 to 32 of A-Z, a-z, 0-9 and '-'");
    r.array_of_objects("pins", false, [&](JsonReader& p, size_t) {
        StaffPin pin;
        p.required("id", pin.id);
        p.required("name", pin.name);
        p.required("role", pin.role);
        p.required("pin_hash", pin.pin_hash);
        if (p.ok() && !is_staff_id(pin.id))
            p.fail("id", "a staff id must be 1 to 32 of A-Z, a-z, 0-9 and '-'");
        // The words of core/domain/StaffRole.h, which this floor cannot include.
        if (p.ok() && pin.role != "duty" && pin.role != "hall-it" && pin.role != "engineer")
            p.fail("role", "'" + pin.role + "' is not one of duty, hall-it, engineer");
        // crypto_pwhash_STRBYTES is 128, terminator included.
        if (p.ok() && (pin.pin_hash.rfind("$argon2id$", 0) != 0 || pin.pin_hash.size() >= 128))
            p.fail("pin_hash", "must be an Argon2id hash (\"$argon2id$…\", kiosk-devctl staff pin hash)");
        for (const auto& other : staff.pins)
            if (p.ok() && other.id == pin.id)
                p.fail("id", "'" + pin.id + "' appears twice");
        staff.pins.push_back(std::move(pin));
    });
    staff.session_timeout_set = r.has("session_timeout_s");
    r.optional("session_timeout_s", staff.session_timeout_s, 10, 3600);
    r.optional("lockout_tries", staff.lockout_tries, 1, 100);
    r.optional("lockout_s", staff.lockout_s, 1, 86400);
    r.finish();
}

// After every section is read, whatever their order or which file set them: a staff session ends
// before a citizen's would. Unset, its timeout is 45 s or a second less than a citizen's.
void settle_staff_timeout(JsonReader& root, KioskOptions& options) {
    const int citizen_s = options.session.inactivity_warning_s + options.session.inactivity_countdown_s;
    auto& staff = options.staff;
    if (!staff.session_timeout_set)
        staff.session_timeout_s = std::min(StaffOptions{}.session_timeout_s, citizen_s - 1);
    else if (root.ok() && staff.session_timeout_s >= citizen_s) {
        std::string why = "must be shorter than session.inactivity_warning_s + inactivity_countdown_s (";
        why += std::to_string(citizen_s);
        why += " s)";
        root.fail("staff.session_timeout_s", why);
    }
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

// --- hall.opening_hours and hall.closed_dates (OpeningHoursOptions) ---

// Day names in the week's order as the hall says it (Monday first); the value is CivilTime's weekday.
constexpr std::array<std::pair<std::string_view, int>, 7> kDayNames{
    {{"mon", 1}, {"tue", 2}, {"wed", 3}, {"thu", 4}, {"fri", 5}, {"sat", 6}, {"sun", 0}}};

std::optional<int> day_position(std::string_view name) { // 0 = mon … 6 = sun
    for (size_t i = 0; i < kDayNames.size(); ++i)
        if (kDayNames[i].first == name)
            return static_cast<int>(i);
    return std::nullopt;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

// "mon-fri", "sat", "mon,wed,fri", "mon-wed,sat": a set of weekdays as OpeningPeriod::days bits.
std::optional<unsigned> parse_days(std::string_view text, std::string& why) {
    unsigned days = 0;
    while (true) {
        size_t comma = text.find(',');
        std::string_view item = trim(text.substr(0, comma));
        size_t dash = item.find('-');
        auto first = day_position(trim(item.substr(0, dash)));
        auto last = dash == std::string_view::npos ? first : day_position(trim(item.substr(dash + 1)));
        if (!first || !last) {
            // Appended piece by piece: GCC 12 at -O3 sees a false memcpy overlap in "…" + std::string&&.
            why.assign("'");
            why.append(item);
            why.append("' is not a day or a range of days (mon, tue, wed, thu, fri, sat, sun; \"mon-fri\", "
                       "\"sat,sun\")");
            return std::nullopt;
        }
        if (*last < *first) {
            why = "'" + std::string(item) + "' runs backwards: a range goes from mon towards sun";
            return std::nullopt;
        }
        for (int position = *first; position <= *last; ++position) {
            unsigned bit = 1U << kDayNames[static_cast<size_t>(position)].second;
            if (days & bit) {
                why = "names " + std::string(kDayNames[static_cast<size_t>(position)].first) + " twice";
                return std::nullopt;
            }
            days |= bit;
        }
        if (comma == std::string_view::npos)
            return days;
        text.remove_prefix(comma + 1);
    }
}

// "HH:MM" → minutes after midnight; "24:00" only where allow_end_of_day.
std::optional<int> parse_clock_time(std::string_view text, bool allow_end_of_day) {
    auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -1; };
    if (text.size() != 5 || text[2] != ':' || digit(0) < 0 || digit(1) < 0 || digit(3) < 0 || digit(4) < 0)
        return std::nullopt;
    int hour = digit(0) * 10 + digit(1), minute = digit(3) * 10 + digit(4);
    if (minute > 59 || hour > 24 || (hour == 24 && (minute != 0 || !allow_end_of_day)))
        return std::nullopt;
    return hour * 60 + minute;
}

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    int fields[3] = {0, 0, 0};
    size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int f = 0; f < 3; ++f)
        for (size_t i = starts[f]; i < starts[f] + lengths[f]; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return false;
            fields[f] = fields[f] * 10 + (text[i] - '0');
        }
    using namespace std::chrono;
    return fields[0] >= 2000 && fields[0] <= 2199 &&
           year_month_day{year{fields[0]}, month{static_cast<unsigned>(fields[1])},
                          day{static_cast<unsigned>(fields[2])}}
               .ok();
}

void read_opening_hours(JsonReader& hall, OpeningHoursOptions& out) {
    hall.array_of_objects("opening_hours", false, [&](JsonReader& r, size_t /*index*/) {
        std::string days, open, close;
        r.required("days", days);
        r.required("open", open);
        r.required("close", close);
        if (!r.ok())
            return;
        OpeningPeriod period;
        std::string why;
        if (auto parsed = parse_days(days, why))
            period.days = *parsed;
        else
            return r.fail("days", why);
        auto open_minute = parse_clock_time(open, false);
        if (!open_minute)
            return r.fail("open", "'" + open + "' is not a time of day as HH:MM (00:00 to 23:59)");
        auto close_minute = parse_clock_time(close, true);
        if (!close_minute)
            return r.fail("close", "'" + close + "' is not a time of day as HH:MM (00:01 to 24:00)");
        if (*close_minute <= *open_minute)
            return r.fail("close", "closes at " + close + ", not after it opens at " + open);
        period.open_minute = *open_minute;
        period.close_minute = *close_minute;
        for (size_t other = 0; other < out.weekly.size(); ++other) {
            const auto& earlier = out.weekly[other];
            unsigned shared = earlier.days & period.days;
            if (shared && earlier.open_minute < period.close_minute &&
                period.open_minute < earlier.close_minute) {
                std::string_view day;
                for (const auto& [name, weekday] : kDayNames)
                    if (day.empty() && (shared & (1U << weekday)))
                        day = name;
                return r.fail("days",
                              "overlaps opening_hours[" + std::to_string(other) + "] on " + std::string(day));
            }
        }
        out.weekly.push_back(period);
    });
    hall.string_array("closed_dates", out.closed_dates);
    for (const auto& date : out.closed_dates)
        if (hall.ok() && !is_iso_date(date))
            hall.fail("closed_dates", "'" + date + "' is not a date as YYYY-MM-DD");
}

void read_session(JsonReader& r, KioskOptions& options) {
    r.optional("inactivity_warning_s", options.session.inactivity_warning_s, 5, 3600);
    r.optional("inactivity_countdown_s", options.session.inactivity_countdown_s, 3, 600);
    r.optional("card_removed_grace_s", options.session.card_removed_grace_s, 0, 600);
    r.optional("resume_within_s", options.session.resume_within_s, 0, 86400);
    r.finish();
}

void read_hall(JsonReader& r, KioskOptions& options) {
    r.optional("name", options.hall.name);
    r.optional("phone", options.hall.phone);
    r.optional("address", options.hall.address);
    r.localized_array("announcements", options.hall.announcements);
    read_opening_hours(r, options.hall.opening_hours);
    r.finish();
}

void read_qr_payloads(JsonReader& r, KioskOptions& options) {
    r.optional("receipt_base_url", options.qr_payloads.receipt_base_url);
    r.string_array("url_allowlist", options.qr_payloads.url_allowlist);
    const auto& base = options.qr_payloads.receipt_base_url;
    if (r.ok() && !base.empty() && (base.rfind("https://", 0) != 0 || base.back() == '/'))
        r.fail("receipt_base_url", "'" + base + "' must start with https:// and not end with /");
    for (const auto& entry : options.qr_payloads.url_allowlist)
        if (r.ok() && (entry.rfind("https://", 0) != 0 || entry.size() <= 8))
            r.fail("url_allowlist", "'" + entry + "' is not an https:// prefix");
    r.finish();
}

void read_consumables(JsonReader& r, KioskOptions& options) {
    auto& consumables = options.consumables;
    r.optional("receipt_roll_mm", consumables.receipt_roll_mm, 1000, 1000000);
    r.optional("receipt_feed_mm", consumables.receipt_feed_mm, 0, 200);
    r.optional("a4_tray_sheets", consumables.a4_tray_sheets, 10, 5000);
    r.optional_object("receipt_paper", [&](JsonReader& t) { read_thresholds(t, consumables.receipt_paper); });
    r.optional_object("a4_paper", [&](JsonReader& t) { read_thresholds(t, consumables.a4_paper); });
    r.optional_object("toner", [&](JsonReader& t) { read_thresholds(t, consumables.toner); });
    r.finish();
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
    root.optional_object("session", [&](JsonReader& r) { read_session(r, options); });
    root.optional_object("hall", [&](JsonReader& r) { read_hall(r, options); });
    root.optional_object("devices", [&](JsonReader& r) {
        r.optional_object("idcard", [&](JsonReader& d) { read_device(d, options.devices.idcard); });
        r.optional_object("scanner", [&](JsonReader& d) { read_device(d, options.devices.scanner); });
        r.optional_object("qr", [&](JsonReader& d) { read_device(d, options.devices.qr); });
        r.optional_object("receipt_printer",
                          [&](JsonReader& d) { read_device(d, options.devices.receipt_printer); });
        r.optional_object("a4_printer", [&](JsonReader& d) { read_device(d, options.devices.a4_printer); });
        r.finish();
    });
    root.optional_object("qr_payloads", [&](JsonReader& r) { read_qr_payloads(r, options); });
    root.optional_object("paths", [&](JsonReader& r) {
        r.optional("content", options.paths.content);
        r.optional("config_slots", options.paths.config_slots);
        r.optional("catalog", options.paths.catalog);
        r.optional("strings", options.paths.strings);
        r.optional("templates", options.paths.templates);
        r.optional("database", options.paths.database);
        r.optional("scans", options.paths.scans);
        r.optional("drafts", options.paths.drafts);
        if (r.ok() && !options.paths.content.empty() &&
            (r.has("catalog") || r.has("strings") || r.has("templates")))
            r.fail("content",
                   "names the factory content folder: catalog, strings and templates come from its "
                   "content.json, not from here");
        if (r.ok() && !options.paths.config_slots.empty() && options.paths.content.empty())
            r.fail("config_slots", "needs paths.content, the factory content folder a bundle falls back to");
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
    root.optional_object("staff", [&](JsonReader& r) { read_staff(r, options.staff, false); });
    root.optional_object("consumables", [&](JsonReader& r) { read_consumables(r, options); });
    root.optional_object("bundles", [&](JsonReader& r) { read_bundles(r, options.bundles); });
    root.finish();
    settle_staff_timeout(root, options);
    if (!root.ok())
        return root.error();
    if (options.display.portrait && options.display.width > options.display.height)
        std::swap(options.display.width, options.display.height);
    return options;
}

Result<void> apply_remote_config(std::string_view json_text, std::string_view origin, KioskOptions& options) {
    auto json = TRY(parse_json(json_text, origin));
    if (!json.is_object())
        return make_error(ErrorCode::InvalidData, std::string(origin) + ": expected a JSON object");
    // Read into a copy, so that a refused file changes nothing; each section named replaces the
    // kiosk's own whole (a list of PINs or announcements is the bundle's, not a merge).
    KioskOptions merged = options;
    JsonReader root(json, std::string(origin), "");
    std::string language = language_tag(merged.default_language);
    root.optional("default_language", language);
    if (root.ok() && !parse_language_tag(language, merged.default_language))
        root.fail("default_language", "must be \"zh-CN\" or \"en\"");
    root.optional_object("session", [&](JsonReader& r) {
        merged.session = {};
        read_session(r, merged);
    });
    root.optional_object("hall", [&](JsonReader& r) {
        merged.hall = {};
        read_hall(r, merged);
    });
    root.optional_object("qr_payloads", [&](JsonReader& r) {
        merged.qr_payloads = {};
        read_qr_payloads(r, merged);
    });
    root.optional_object("staff", [&](JsonReader& r) {
        auto badge_keys = std::move(merged.staff.badge_keys);
        merged.staff = {};
        merged.staff.badge_keys = std::move(badge_keys);
        read_staff(r, merged.staff, true);
    });
    root.optional_object("consumables", [&](JsonReader& r) {
        merged.consumables = {};
        read_consumables(r, merged);
    });
    for (const char* local :
         {"kiosk_id", "demo_mode", "display", "devices", "paths", "hub", "outbox", "bundles"})
        if (root.ok() && root.has(local))
            root.fail(local, "is set only in the kiosk's own config, never by a bundle");
    root.finish();
    settle_staff_timeout(root, merged);
    if (!root.ok())
        return root.error();
    options = std::move(merged);
    return {};
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
    options.paths.content = resolve(base, options.paths.content);
    options.paths.config_slots = resolve(base, options.paths.config_slots);
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
