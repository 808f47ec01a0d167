// kiosk-devctl staff keygen --secret-out FILE --key-id ID
//     a new hall badge key pair: the secret key into FILE (created 0600, never overwritten), the
//     config line for staff.badge_keys on stdout
// kiosk-devctl staff badge make --key FILE --key-id ID --staff S1024 --name NAME --role duty
//                              --expires 2027-06-30 [--issued 2026-12-01] [--png FILE]
//     signs a badge valid until the end of the expiry day (local time); prints the token, and draws
//     it as a QR code into a PNG with --png
// kiosk-devctl staff badge verify TOKEN --config FILE [--at 2026-12-06T10:00]
//     checks a badge as the kiosk would (the config's staff.badge_keys and revoked_staff), at the
//     given local time or now: exit 0 and the member as JSON, or 1 with the reason
// kiosk-devctl staff pin hash
//     reads a PIN (4 to 12 digits) from stdin, prints its Argon2id hash for staff.pins[].pin_hash
// Badge format, keys and PINs: services/staff/StaffBadge.h, docs/Maintenance.md "Staff credentials".
// Exit codes (DevCtl.h): 0 done; 1 refused or a file that cannot be used; 2 usage.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/base/Digest.h"
#include "core/base/LocalizedText.h"
#include "core/documents/QrCode.h"
#include "kiosk/devctl/DevCtl.h"
#include "services/staff/StaffAuthenticator.h"
#include "services/staff/StaffBadge.h"

#include <cairo.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sodium.h>
#include <unistd.h>

namespace kiosk::devctl {
namespace {

struct StaffArgs {
    std::string secret_out, key_file, key_id, staff, name, role, expires, issued, png, token, config, at;
};

int usage(std::string_view what, const std::string& why) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, why);
    return kExitUsage;
}

int failed(std::string_view what, const std::string& why) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, why);
    return kExitFailed;
}

// "2027-06-30" (with_time false) or "2026-12-06T10:00[:SS]", local time; nothing when it is not that.
std::optional<CivilTime> parse_local(const std::string& text, bool with_time) {
    CivilTime civil;
    int used = -1;
    if (!with_time) {
        std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &civil.year, &civil.month, &civil.day, &used);
    } else if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &civil.year, &civil.month, &civil.day,
                           &civil.hour, &civil.minute, &civil.second, &used) != 6) {
        used = -1;
        civil.second = 0;
        std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &civil.year, &civil.month, &civil.day, &civil.hour,
                    &civil.minute, &used);
    }
    bool in_range = civil.year >= 1970 && civil.year <= 9998 && civil.month >= 1 && civil.month <= 12 &&
                    civil.day >= 1 && civil.day <= 31 && civil.hour >= 0 && civil.hour <= 23 &&
                    civil.minute >= 0 && civil.minute <= 59 && civil.second >= 0 && civil.second <= 59;
    if (used < 0 || static_cast<size_t>(used) != text.size() || !in_range)
        return std::nullopt;
    return civil;
}

int keygen(const StaffArgs& args) {
    constexpr std::string_view kWhat = "staff keygen";
    services::BadgePublicKey public_key{};
    services::BadgeSecretKey secret_key{};
    services::make_badge_keys(public_key, secret_key);
    auto hex = to_hex(secret_key.data(), secret_key.size()) + "\n";
    sodium_memzero(secret_key.data(), secret_key.size());
    int fd = ::open(args.secret_out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        int error = errno;
        sodium_memzero(hex.data(), hex.size());
        return failed(kWhat, args.secret_out + ": " + std::strerror(error) +
                                 (error == EEXIST ? " (a key is never overwritten)" : ""));
    }
    bool written =
        ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
    ::close(fd);
    sodium_memzero(hex.data(), hex.size());
    if (!written) {
        ::unlink(args.secret_out.c_str());
        return failed(kWhat, args.secret_out + ": write failed");
    }
    nlohmann::ordered_json line = {{"id", args.key_id},
                                   {"public_key", to_hex(public_key.data(), public_key.size())}};
    fmt::print("{}\n", line.dump());
    return 0;
}

Result<void> write_png(const std::string& token, const std::string& path) {
    auto code = TRY(print::encode_qr(token));
    constexpr int kModule = 8, kQuiet = 4; // px per module; modules of white around (ISO/IEC 18004 §6.3.8)
    int side = (code.size + 2 * kQuiet) * kModule;
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side), cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), cairo_destroy);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    for (int y = 0; y < code.size; ++y)
        for (int x = 0; x < code.size; ++x)
            if (code.dark(x, y))
                cairo_rectangle(cr.get(), (x + kQuiet) * kModule, (y + kQuiet) * kModule, kModule, kModule);
    cairo_fill(cr.get());
    if (cairo_surface_write_to_png(surface.get(), path.c_str()) != CAIRO_STATUS_SUCCESS)
        return make_error(ErrorCode::Io, path + ": cannot write the PNG");
    return {};
}

int badge_make(const StaffArgs& args) {
    constexpr std::string_view kWhat = "staff badge make";
    auto role = domain::parse_staff_role(args.role);
    if (!role)
        return usage(kWhat, "--role must be duty, hall-it or engineer");
    auto expires_day = parse_local(args.expires, false);
    if (!expires_day)
        return usage(kWhat, "--expires must be a date, YYYY-MM-DD");
    SystemClock clock;
    WallTime issued = clock.wall_now();
    if (!args.issued.empty()) {
        auto issued_day = parse_local(args.issued, false);
        if (!issued_day)
            return usage(kWhat, "--issued must be a date, YYYY-MM-DD");
        issued = from_local_civil(*issued_day);
    }
    // Valid through the whole expiry day: until the next midnight (mktime normalises day 32).
    ++expires_day->day;
    WallTime expires = from_local_civil(*expires_day);
    if (expires - issued > services::BadgePolicy{}.max_validity)
        return usage(kWhat, "a badge may be valid for 400 days at most");
    auto key = services::load_badge_secret_key(args.key_file);
    if (!key)
        return failed(kWhat, key.error().message);
    auto token =
        services::make_badge(key.value(), args.key_id, {args.staff, args.name, *role}, issued, expires);
    sodium_memzero(key.value().data(), key.value().size());
    if (!token)
        return usage(kWhat, token.error().message);
    if (!args.png.empty())
        if (auto written = write_png(token.value(), args.png); !written)
            return failed(kWhat, written.error().message);
    fmt::print("{}\n", token.value());
    return 0;
}

int badge_verify(const StaffArgs& args) {
    constexpr std::string_view kWhat = "staff badge verify";
    auto config = load_config(args.config);
    if (!config)
        return usage(kWhat, config.error().describe());
    std::optional<FakeClock> at_clock;
    SystemClock system_clock;
    const Clock* clock = &system_clock;
    if (!args.at.empty()) {
        auto at = parse_local(args.at, true);
        if (!at)
            return usage(kWhat, "--at must be a local time, YYYY-MM-DDTHH:MM[:SS]");
        clock = &at_clock.emplace(from_local_civil(*at));
    }
    auto check =
        services::check_badge(args.token, services::staff_auth_options(config->staff).badges, *clock);
    if (!check.ok())
        return failed(
            kWhat, fmt::format("refused ({}): {}", services::to_string(check.refusal), check.error.message));
    const auto& badge = check.badge.value();
    auto unix_seconds = [](WallTime time) {
        return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
    };
    nlohmann::ordered_json json = {{"staff", badge.member.id},
                                   {"name", badge.member.name},
                                   {"role", domain::to_string(badge.member.role)},
                                   {"kid", badge.key_id},
                                   {"iat", unix_seconds(badge.issued)},
                                   {"exp", unix_seconds(badge.expires)}};
    fmt::print("{}\n", json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    return 0;
}

int pin_hash() {
    constexpr std::string_view kWhat = "staff pin hash";
    std::string pin;
    std::getline(std::cin, pin);
    if (!pin.empty() && pin.back() == '\r')
        pin.pop_back();
    bool digits =
        pin.size() >= 4 && pin.size() <= 12 && pin.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
        secure_wipe(pin);
        return usage(kWhat, "a PIN is 4 to 12 digits, on one line of stdin");
    }
    auto hash = services::hash_pin(pin);
    secure_wipe(pin);
    if (!hash)
        return failed(kWhat, hash.error().message);
    fmt::print("{}\n", hash.value());
    return 0;
}

} // namespace

void add_staff_commands(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<StaffArgs>();
    auto* staff = app.add_subcommand("staff", "hall staff credentials: badge keys, badges, PIN hashes");
    staff->require_subcommand(1);

    auto* keygen_command = staff->add_subcommand("keygen", "a new badge signing key pair");
    keygen_command->add_option("--secret-out", args->secret_out, "the secret key file to create (0600)")
        ->required();
    keygen_command->add_option("--key-id", args->key_id, "the key's id in the config, e.g. hall-2026")
        ->required();
    keygen_command->callback([args, &exit_code] { exit_code = keygen(*args); });

    auto* badge = staff->add_subcommand("badge", "staff badges");
    badge->require_subcommand(1);
    auto* make = badge->add_subcommand("make", "sign a badge and print its token");
    make->add_option("--key", args->key_file, "the secret key file (staff keygen)")->required();
    make->add_option("--key-id", args->key_id, "the key's id, as in staff.badge_keys")->required();
    make->add_option("--staff", args->staff, "the staff number, e.g. S1024")->required();
    make->add_option("--name", args->name, "the name shown on the staff screens")->required();
    make->add_option("--role", args->role, "duty, hall-it or engineer")->required();
    make->add_option("--expires", args->expires, "the last day it is valid, YYYY-MM-DD (local)")->required();
    make->add_option("--issued", args->issued, "the day it is issued, YYYY-MM-DD (default: now)");
    make->add_option("--png", args->png, "also draw the QR code into this PNG");
    make->callback([args, &exit_code] { exit_code = badge_make(*args); });

    auto* verify = badge->add_subcommand("verify", "check a badge as the kiosk would");
    verify->add_option("TOKEN", args->token, "the badge's text (OWS1.…)")->required();
    verify->add_option("--config", args->config, "the kiosk's config (staff.badge_keys, revoked_staff)")
        ->required();
    verify->add_option("--at", args->at, "check at this local time, YYYY-MM-DDTHH:MM (default: now)");
    verify->callback([args, &exit_code] { exit_code = badge_verify(*args); });

    auto* pin = staff->add_subcommand("pin", "staff PINs");
    pin->require_subcommand(1);
    auto* hash = pin->add_subcommand("hash", "read a PIN from stdin, print its Argon2id hash");
    hash->callback([&exit_code] { exit_code = pin_hash(); });
}

} // namespace kiosk::devctl
