// kioskctl bundle keygen --out KEY
//     a new minisign key pair: the secret key into KEY (created 0600, never overwritten, unencrypted:
//     keep it on the admin's machine), the public key line ("RW…") for bundles.trusted_keys on stdout
// kioskctl bundle build DIR --version N --expires DATE [--created TIME] [--id ID] [--halls a,b]
//                      [--groups g,h] [--app-min V] [--app-max V] [--key KEY] -o OUT
//     every file under DIR into OUT; signed at once with --key, else unsigned (sign it later)
// kioskctl bundle sign --key KEY IN -o OUT
//     signs an unsigned bundle (checks every file against its manifest first)
// kioskctl bundle inspect FILE [--json]
//     the manifest in words, and who signed it (not verified)
// kioskctl bundle verify FILE --key RW… [--key …] [--revoked ID] [--app-version V] [--hall H]
//                       [--group G] [--installed N] [--at TIME] [--out DIR]
//     every check a kiosk makes; without --hall/--group the scope is not checked
// DATE is YYYY-MM-DD (valid up to the end of that day, UTC) or RFC 3339 UTC (2027-06-30T12:00:00Z).

#include "hub/kioskctl/BundleCommands.h"

#include "core/base/Config.h"
#include "core/base/SecretFile.h"
#include "core/bundle/BundleReader.h"
#include "core/bundle/BundleWriter.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace kiosk::hub::kioskctl {
namespace {

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

struct BundleArgs {
    std::string out, dir, key, in, expires, created, id, app_min = "0.0.0", app_max = "99999.99999.99999",
                                                         app_version = KIOSK_VERSION, hall, at, out_dir;
    int version = 0, installed = 0;
    std::vector<std::string> halls, groups, keys, revoked;
    bool as_json = false;
};

int failed(std::string_view what, const std::string& why) {
    fmt::print(stderr, "kioskctl: bundle {}: {}\n", what, why);
    return kExitFailed;
}

int usage(std::string_view what, const std::string& why) {
    fmt::print(stderr, "kioskctl: bundle {}: {}\n", what, why);
    return kExitUsage;
}

// "2027-06-30": up to the end of that day (UTC); or a whole RFC 3339 UTC time.
Result<WallTime> parse_when(const std::string& text, bool end_of_day) {
    if (text.size() == 10) {
        auto start = TRY(bundle::parse_utc_time(text + "T00:00:00Z"));
        return end_of_day ? start + std::chrono::hours(24) : start;
    }
    return bundle::parse_utc_time(text);
}

Result<bundle::SecretKey> load_key(const std::string& path) {
    TRY(check_secret_file(path));
    auto text = TRY(read_file(path));
    return bundle::parse_secret_key(text);
}

int keygen(const BundleArgs& args) {
    auto secret = bundle::make_secret_key();
    auto text = bundle::format_secret_key(secret);
    int fd = ::open(args.out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return failed("keygen",
                      args.out + ": " + std::strerror(errno) + " (an existing key is never overwritten)");
    bool written =
        ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        ::unlink(args.out.c_str());
        return failed("keygen", args.out + ": cannot write");
    }
    auto public_key = bundle::public_key_of(secret);
    fmt::print("{}\n", bundle::format_public_key(public_key));
    fmt::print(stderr,
               "kioskctl: key id {}; put the line above in bundles.trusted_keys, keep {} on this machine\n",
               bundle::key_id_hex(public_key.key_id), args.out);
    return 0;
}

int build(const BundleArgs& args) {
    constexpr std::string_view kWhat = "build";
    bundle::BuildOptions options;
    options.version = args.version;
    options.bundle_id = args.id;
    options.halls = args.halls;
    options.groups = args.groups;
    auto expires = parse_when(args.expires, true);
    if (!expires.ok())
        return usage(kWhat, "--expires: " + expires.error().message);
    options.expires = expires.value();
    options.created = std::chrono::system_clock::now();
    if (!args.created.empty()) {
        auto created = parse_when(args.created, false);
        if (!created.ok())
            return usage(kWhat, "--created: " + created.error().message);
        options.created = created.value();
    }
    auto app_min = bundle::parse_app_version(args.app_min);
    auto app_max = bundle::parse_app_version(args.app_max);
    if (!app_min.ok() || !app_max.ok())
        return usage(kWhat, "--app-min/--app-max: an app version is three numbers, like 0.1.0");
    options.app_min = app_min.value();
    options.app_max = app_max.value();
    std::optional<bundle::SecretKey> key;
    if (!args.key.empty()) {
        auto loaded = load_key(args.key);
        if (!loaded.ok())
            return failed(kWhat, loaded.error().message);
        key.emplace(loaded.value());
    }
    auto manifest = bundle::build_bundle(args.dir, options, args.out, key ? &*key : nullptr);
    if (!manifest.ok())
        return manifest.error().code == ErrorCode::InvalidArgument ? usage(kWhat, manifest.error().message)
                                                                   : failed(kWhat, manifest.error().message);
    fmt::print("{}: bundle {} version {}, {} files, {}\n", args.out, manifest->bundle_id, manifest->version,
               manifest->files.size(),
               key ? "signed by " + bundle::key_id_hex(key->key_id) : std::string("unsigned"));
    return 0;
}

int sign(const BundleArgs& args) {
    auto key = load_key(args.key);
    if (!key.ok())
        return failed("sign", key.error().message);
    auto manifest = bundle::sign_bundle(args.in, key.value(), args.out);
    if (!manifest.ok())
        return failed("sign", manifest.error().message);
    fmt::print("{}: bundle {} version {}, signed by {}\n", args.out, manifest->bundle_id, manifest->version,
               bundle::key_id_hex(key->key_id));
    return 0;
}

std::string list_or(const std::vector<std::string>& names, const char* none) {
    return names.empty() ? std::string(none) : fmt::format("{}", fmt::join(names, ", "));
}

int inspect(const BundleArgs& args) {
    auto inspected = bundle::inspect_bundle(args.in);
    if (!inspected.ok())
        return failed("inspect", inspected.error().message);
    const auto& m = inspected->manifest;
    std::int64_t total = 0;
    for (const auto& file : m.files)
        total += file.size;
    std::string signer =
        inspected->signature ? bundle::key_id_hex(inspected->signature->key_id) : std::string();
    if (args.as_json) {
        auto json = nlohmann::json::parse(inspected->manifest_text, nullptr, false);
        nlohmann::json out = {{"manifest", json}, {"signed_by", signer}};
        fmt::print("{}\n", out.dump(2));
        return 0;
    }
    fmt::print("bundle {} version {}\n", m.bundle_id, m.version);
    fmt::print("valid from {} until {}\n", bundle::format_utc_time(m.created),
               bundle::format_utc_time(m.expires));
    fmt::print("for {} {} to {}\n", m.product, bundle::to_string(m.app_min), bundle::to_string(m.app_max));
    fmt::print("halls: {}; groups: {}\n", list_or(m.halls, "every hall"), list_or(m.groups, "every group"));
    fmt::print("{} files, {} bytes\n", m.files.size(), total);
    for (const auto& file : m.files)
        fmt::print("  {:>9}  {}  {}\n", file.size, file.sha256.substr(0, 16), file.path);
    if (inspected->signature)
        fmt::print("signed by key {} (\"{}\"); not verified here: use bundle verify\n", signer,
                   inspected->signature->trusted_comment);
    else
        fmt::print("unsigned\n");
    return 0;
}

int verify(const BundleArgs& args) {
    constexpr std::string_view kWhat = "verify";
    auto keys = bundle::BundleKeys::create(args.keys, args.revoked);
    if (!keys.ok())
        return usage(kWhat, keys.error().message);
    bundle::BundleTarget target;
    auto app = bundle::parse_app_version(args.app_version);
    if (!app.ok())
        return usage(kWhat, "--app-version: " + app.error().message);
    target.app_version = app.value();
    target.kiosk_id = "kioskctl";
    target.installed_version = args.installed;
    target.now = std::chrono::system_clock::now();
    if (!args.at.empty()) {
        auto at = parse_when(args.at, false);
        if (!at.ok())
            return usage(kWhat, "--at: " + at.error().message);
        target.now = at.value();
    }
    target.hall = args.hall;
    target.groups = args.groups;
    if (args.hall.empty() && args.groups.empty()) {
        // No kiosk named: the scope is the bundle's own (not checked).
        auto inspected = bundle::inspect_bundle(args.in);
        if (inspected.ok()) {
            target.hall = inspected->manifest.halls.empty() ? "" : inspected->manifest.halls.front();
            target.groups = inspected->manifest.groups;
        }
    }
    std::string out_dir = args.out_dir;
    std::filesystem::path scratch;
    if (out_dir.empty()) {
        std::error_code error;
        std::string pattern =
            (std::filesystem::temp_directory_path(error) / "kioskctl-verify-XXXXXX").string();
        if (error || !::mkdtemp(pattern.data()))
            return failed(kWhat, std::string("cannot make a scratch folder: ") + std::strerror(errno));
        scratch = pattern;
        out_dir = (scratch / "out").string();
    }
    auto result = bundle::verify_bundle(args.in, keys.value(), target, out_dir);
    if (!scratch.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(scratch, ignored);
    }
    if (!result.ok())
        return failed(kWhat, std::string("refused (") + bundle::to_string(result.refusal) +
                                 "): " + result.error.message);
    const auto& m = result.bundle->manifest;
    fmt::print("ok: bundle {} version {}, {} files, signed by {}\n", m.bundle_id, m.version, m.files.size(),
               result.bundle->key_id);
    return 0;
}

} // namespace

void add_bundle_commands(CLI::App& app, int& exit_code) {
    static BundleArgs args;
    auto* bundle = app.add_subcommand("bundle", "signed config bundles (docs/ConfigBundles.md)");
    bundle->require_subcommand(1);

    auto* keygen_command = bundle->add_subcommand("keygen", "a new signing key pair");
    keygen_command->add_option("--out", args.out, "secret key file to create (0600)")->required();
    keygen_command->callback([&exit_code] { exit_code = keygen(args); });

    auto* build_command = bundle->add_subcommand("build", "a bundle of every file under DIR");
    build_command->add_option("DIR", args.dir, "the folder whose files the bundle carries")->required();
    build_command->add_option("--version", args.version, "the bundle's version, above the last one")
        ->required()
        ->check(CLI::Range(1, 2147483647));
    build_command->add_option("--expires", args.expires, "YYYY-MM-DD (end of day, UTC) or RFC 3339 UTC")
        ->required();
    build_command->add_option("--created", args.created, "not valid before (default: now)");
    build_command->add_option("--id", args.id, "bundle id (default: a new UUID)");
    build_command->add_option("--halls", args.halls, "only these halls (default: every hall)")
        ->delimiter(',');
    build_command->add_option("--groups", args.groups, "only kiosks in these groups (default: every group)")
        ->delimiter(',');
    build_command->add_option("--app-min", args.app_min, "lowest app version, e.g. 0.1.0");
    build_command->add_option("--app-max", args.app_max, "highest app version, e.g. 0.9.0");
    build_command->add_option("--key", args.key, "sign at once with this secret key file");
    build_command->add_option("-o,--output", args.out, "the bundle to write (.owcb)")->required();
    build_command->callback([&exit_code] { exit_code = build(args); });

    auto* sign_command = bundle->add_subcommand("sign", "sign an unsigned bundle");
    sign_command->add_option("--key", args.key, "secret key file (0600)")->required();
    sign_command->add_option("IN", args.in, "the unsigned bundle")->required();
    sign_command->add_option("-o,--output", args.out, "the signed bundle to write")->required();
    sign_command->callback([&exit_code] { exit_code = sign(args); });

    auto* inspect_command = bundle->add_subcommand("inspect", "a bundle's manifest in words (not verified)");
    inspect_command->add_option("FILE", args.in)->required();
    inspect_command->add_flag("--json", args.as_json, "the manifest as JSON");
    inspect_command->callback([&exit_code] { exit_code = inspect(args); });

    auto* verify_command = bundle->add_subcommand("verify", "every check a kiosk makes");
    verify_command->add_option("FILE", args.in)->required();
    verify_command->add_option("--key", args.keys, "a trusted public key (RW…); repeat for several")
        ->required();
    verify_command->add_option("--revoked", args.revoked, "a revoked key id (16 hex digits)");
    verify_command->add_option("--app-version", args.app_version, "the kiosk's app version");
    verify_command->add_option("--hall", args.hall, "check the scope for this hall");
    verify_command->add_option("--group", args.groups, "check the scope for these groups");
    verify_command->add_option("--installed", args.installed, "the installed bundle's version (default 0)");
    verify_command->add_option("--at", args.at, "check at this UTC time (default: now)");
    verify_command->add_option("--out", args.out_dir, "keep the verified files in this new folder");
    verify_command->callback([&exit_code] { exit_code = verify(args); });
}

} // namespace kiosk::hub::kioskctl
