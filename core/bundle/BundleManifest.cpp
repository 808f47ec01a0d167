#include "core/bundle/BundleManifest.h"

#include "core/base/Digest.h"
#include "core/base/JsonReader.h"

#include <climits>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

namespace kiosk::bundle {
namespace {

bool is_id(std::string_view text, size_t min, size_t max) {
    if (text.size() < min || text.size() > max)
        return false;
    for (char c : text)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.'))
            return false;
    return true;
}

// 'd' stands for a digit, anything else for itself (sscanf alone would take "+1" or " 1" for a field).
bool matches_template(std::string_view text, std::string_view pattern) {
    if (text.size() != pattern.size())
        return false;
    for (size_t i = 0; i < text.size(); ++i)
        if (pattern[i] == 'd' ? !(text[i] >= '0' && text[i] <= '9') : text[i] != pattern[i])
            return false;
    return true;
}

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
std::int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = static_cast<int>(y - era * 400);
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

} // namespace

Result<AppVersion> parse_app_version(std::string_view text) {
    AppVersion version;
    int used = -1;
    std::string copy(text);
    if (text.size() > 20 ||
        std::sscanf(copy.c_str(), "%5d.%5d.%5d%n", &version.major, &version.minor, &version.patch, &used) !=
            3 ||
        used != static_cast<int>(copy.size()) || version.major < 0 || version.minor < 0 ||
        version.patch < 0 || copy.find_first_of("+- ") != std::string::npos)
        return make_error(ErrorCode::InvalidData, "an app version is three numbers, like 0.1.0");
    return version;
}

std::string to_string(const AppVersion& version) {
    return std::to_string(version.major) + "." + std::to_string(version.minor) + "." +
           std::to_string(version.patch);
}

Result<WallTime> parse_utc_time(std::string_view text) {
    // The system clock counts nanoseconds in 64 bits: it ends in 2262 (fuzz_bundle found 9999 overflowing).
    constexpr int kLastYear = 2199;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = -1;
    std::string copy(text);
    constexpr int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (copy.size() != 20 ||
        std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &s, &used) != 6 ||
        used != 20 || y < 2000 || y > kLastYear || mo < 1 || mo > 12 || d < 1 || d > kDaysIn[mo - 1] ||
        h > 23 || mi > 59 || s > 59 || !matches_template(copy, "dddd-dd-ddTdd:dd:ddZ"))
        return make_error(ErrorCode::InvalidData,
                          "a time is RFC 3339 in UTC between 2000 and 2199, like 2026-12-31T23:59:59Z");
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return make_error(ErrorCode::InvalidData,
                          "a time is RFC 3339 in UTC between 2000 and 2199, like 2026-12-31T23:59:59Z");
    std::int64_t seconds =
        days_from_civil(y, mo, d) * 86400 + std::int64_t{h} * 3600 + std::int64_t{mi} * 60 + s;
    return WallTime{std::chrono::seconds(seconds)};
}

std::string format_utc_time(WallTime time) {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
    std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    std::int64_t rest = seconds - days * 86400;
    // civil_from_days (the inverse of days_from_civil)
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
    char text[40];
    std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y), m,
                  d, static_cast<long long>(rest / 3600), static_cast<long long>(rest / 60 % 60),
                  static_cast<long long>(rest % 60));
    return text;
}

bool is_safe_path(std::string_view path) {
    if (path.empty() || path.size() > 200 || path.front() == '/' || path.back() == '/')
        return false;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        std::string_view component = path.substr(start, end - start);
        if (component.empty() || component == "." || component == "..")
            return false;
        for (char c : component)
            if (c < 0x21 || c > 0x7e || c == '\\')
                return false;
        start = end + 1;
    }
    return true;
}

std::string trusted_comment(const BundleManifest& manifest) {
    std::string comment = "onewindow-bundle id:";
    comment += manifest.bundle_id;
    comment += " version:";
    comment += std::to_string(manifest.version);
    return comment;
}

Result<BundleManifest> parse_manifest(std::string_view text, std::string_view origin) {
    auto json = TRY(parse_json(text, origin));
    if (!json.is_object())
        return make_error(ErrorCode::InvalidData, std::string(origin) + ": expected an object");
    BundleManifest manifest;
    JsonReader root(json, std::string(origin), "");
    std::string created, expires, app_min, app_max;
    int format = 0;
    root.optional("format", format, 1, INT_MAX);
    if (root.ok() && format != kManifestFormat)
        root.fail("format", "this kiosk reads format 1 only");
    root.required("bundle_id", manifest.bundle_id);
    if (root.ok() && !is_id(manifest.bundle_id, 8, 64))
        root.fail("bundle_id", "must be 8 to 64 of A-Z, a-z, 0-9, '-', '_' and '.'");
    manifest.version = -1;
    root.optional("version", manifest.version, 1, INT_MAX);
    if (root.ok() && manifest.version < 1)
        root.fail("version", "missing");
    root.required("created", created);
    root.required("expires", expires);
    for (auto [key, value, out] : {std::tuple{"created", &created, &manifest.created},
                                   std::tuple{"expires", &expires, &manifest.expires}}) {
        if (!root.ok())
            break;
        auto time = parse_utc_time(*value);
        if (!time.ok())
            root.fail(key, time.error().message);
        else
            *out = time.value();
    }
    if (root.ok() && manifest.expires <= manifest.created)
        root.fail("expires", "must be after created");
    bool has_compatible = false;
    root.optional_object("compatible", [&](JsonReader& r) {
        has_compatible = true;
        r.required("product", manifest.product);
        if (r.ok() && !is_id(manifest.product, 1, 64))
            r.fail("product", "must be 1 to 64 of A-Z, a-z, 0-9, '-', '_' and '.'");
        r.required("app_min", app_min);
        r.required("app_max", app_max);
        for (auto [key, value, out] : {std::tuple{"app_min", &app_min, &manifest.app_min},
                                       std::tuple{"app_max", &app_max, &manifest.app_max}}) {
            if (!r.ok())
                break;
            auto version = parse_app_version(*value);
            if (!version.ok())
                r.fail(key, version.error().message);
            else
                *out = version.value();
        }
        if (r.ok() && manifest.app_max < manifest.app_min)
            r.fail("app_max", "is below app_min");
        r.finish();
    });
    if (root.ok() && !has_compatible)
        root.fail("compatible", "missing");
    root.optional_object("scope", [&](JsonReader& r) {
        r.string_array("halls", manifest.halls);
        r.string_array("groups", manifest.groups);
        for (const auto* list : {&manifest.halls, &manifest.groups})
            for (const auto& name : *list)
                if (r.ok() && !is_id(name, 1, 64))
                    r.fail(list == &manifest.halls ? "halls" : "groups",
                           "a name is 1 to 64 of A-Z, a-z, 0-9, '-', '_' and '.'");
        r.finish();
    });
    std::set<std::string> seen;
    bool has_files = false;
    root.array_of_objects("files", true, [&](JsonReader& r, size_t) {
        has_files = true;
        ManifestFile file;
        int size = -1;
        r.required("path", file.path);
        r.optional("size", size, 0, INT_MAX);
        r.required("sha256", file.sha256);
        file.size = size;
        if (r.ok() && size < 0)
            r.fail("size", "missing");
        if (r.ok() && !is_safe_path(file.path))
            r.fail("path", "not a plain relative path (no '..', '.', empty parts, leading '/' or '\\')");
        if (r.ok() && !is_sha256_hex(file.sha256))
            r.fail("sha256", "must be 64 lower-case hex digits");
        if (r.ok() && !seen.insert(file.path).second)
            r.fail("path", "'" + file.path + "' appears twice");
        // A file may not also be a folder of another ("a" and "a/b").
        if (r.ok() && (seen.lower_bound(file.path + "/") != seen.lower_bound(file.path + "0")))
            r.fail("path", "'" + file.path + "' is both a file and a folder");
        for (size_t slash = file.path.find('/'); r.ok() && slash != std::string::npos;
             slash = file.path.find('/', slash + 1))
            if (seen.count(file.path.substr(0, slash)))
                r.fail("path", "'" + file.path + "' is both a file and a folder");
        manifest.files.push_back(std::move(file));
    });
    root.finish();
    if (!root.ok())
        return root.error();
    return manifest;
}

std::string serialize_manifest(const BundleManifest& manifest) {
    nlohmann::ordered_json json;
    json["format"] = manifest.format;
    json["bundle_id"] = manifest.bundle_id;
    json["version"] = manifest.version;
    json["created"] = format_utc_time(manifest.created);
    json["expires"] = format_utc_time(manifest.expires);
    json["compatible"] = {{"product", manifest.product},
                          {"app_min", to_string(manifest.app_min)},
                          {"app_max", to_string(manifest.app_max)}};
    json["scope"] = {{"halls", manifest.halls}, {"groups", manifest.groups}};
    auto files = nlohmann::ordered_json::array();
    for (const auto& file : manifest.files)
        files.push_back({{"path", file.path}, {"size", file.size}, {"sha256", file.sha256}});
    json["files"] = files;
    return json.dump(2) + "\n";
}

} // namespace kiosk::bundle
