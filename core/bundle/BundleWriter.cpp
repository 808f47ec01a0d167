#include "core/bundle/BundleWriter.h"

#include "core/base/Config.h"
#include "core/base/Digest.h"
#include "core/bundle/BundleArchive.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sodium.h>

namespace kiosk::bundle {
namespace fs = std::filesystem;
using namespace archive_io;

namespace {

struct Payload {
    std::string path; // relative to files/
    std::string data;
};

Result<void> check_limits(const std::vector<Payload>& payload, const BundleLimits& limits) {
    if (static_cast<std::int64_t>(payload.size()) > limits.max_files)
        return make_error(ErrorCode::InvalidData, std::to_string(payload.size()) +
                                                      " files, more than a kiosk takes (" +
                                                      std::to_string(limits.max_files) + ")");
    std::int64_t total = 0;
    for (const auto& file : payload) {
        if (static_cast<std::int64_t>(file.data.size()) > limits.max_file_bytes)
            return make_error(ErrorCode::InvalidData, file.path + ": larger than a kiosk takes (" +
                                                          std::to_string(limits.max_file_bytes) + " bytes)");
        total += static_cast<std::int64_t>(file.data.size());
    }
    if (total > limits.max_total_bytes)
        return make_error(ErrorCode::InvalidData, "the files hold more than a kiosk takes (" +
                                                      std::to_string(limits.max_total_bytes) + " bytes)");
    return {};
}

// Writes manifest, signature (when signed) and files into a temporary file beside `out`, then renames.
Result<void> write_bundle(const std::string& out, const std::string& manifest_text,
                          const std::string& signature_text, const std::vector<Payload>& payload,
                          std::int64_t mtime) {
    std::string temporary = out + ".partial";
    {
        auto writer = TRY(create_file(temporary));
        auto written = [&]() -> Result<void> {
            TRY(write_entry(writer.get(), std::string(kManifestName), manifest_text, mtime));
            if (!signature_text.empty())
                TRY(write_entry(writer.get(), std::string(kSignatureName), signature_text, mtime));
            for (const auto& file : payload)
                TRY(write_entry(writer.get(), std::string(kFilesPrefix) + file.path, file.data, mtime));
            if (archive_write_close(writer.get()) != ARCHIVE_OK)
                return make_error(ErrorCode::Io, temporary + ": " + describe(writer.get()));
            return {};
        }();
        if (!written.ok()) {
            std::remove(temporary.c_str());
            return written;
        }
    }
    std::error_code error;
    fs::rename(temporary, out, error);
    if (error) {
        std::remove(temporary.c_str());
        return make_error(ErrorCode::Io, out + ": cannot write: " + error.message());
    }
    return {};
}

Result<std::string> signature_for(const std::string& manifest_text, const BundleManifest& manifest,
                                  const SecretKey* key) {
    if (!key)
        return std::string();
    return sign(manifest_text, *key, trusted_comment(manifest));
}

} // namespace

std::string new_bundle_id() {
    if (sodium_init() < 0)
        return {};
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    raw[6] = static_cast<unsigned char>((raw[6] & 0x0f) | 0x40);
    raw[8] = static_cast<unsigned char>((raw[8] & 0x3f) | 0x80);
    char text[37];
    std::snprintf(text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                  raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10],
                  raw[11], raw[12], raw[13], raw[14], raw[15]);
    return text;
}

Result<BundleManifest> build_bundle(const std::string& dir, const BuildOptions& options,
                                    const std::string& out, const SecretKey* key) {
    if (sodium_init() < 0)
        return make_error(ErrorCode::Internal, "libsodium cannot start");
    std::error_code error;
    if (!fs::is_directory(dir, error))
        return make_error(ErrorCode::NotFound, dir + ": not a folder");
    std::vector<Payload> payload;
    for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        auto status = it->symlink_status(error);
        if (error)
            break;
        std::string relative = fs::relative(it->path(), dir, error).generic_string();
        if (fs::is_directory(status))
            continue;
        if (!fs::is_regular_file(status))
            return make_error(ErrorCode::InvalidData,
                              relative +
                                  ": not a regular file (symlinks, devices and fifos cannot go in a bundle)");
        if (!is_safe_path(relative))
            return make_error(ErrorCode::InvalidData,
                              relative + ": a bundle's paths are printable ASCII without spaces or '\\'");
        auto data = TRY(read_file(it->path().string()));
        payload.push_back({relative, std::move(data)});
    }
    if (error)
        return make_error(ErrorCode::Io, dir + ": " + error.message());
    std::sort(payload.begin(), payload.end(),
              [](const Payload& a, const Payload& b) { return a.path < b.path; });
    TRY(check_limits(payload, options.limits));

    BundleManifest manifest;
    manifest.bundle_id = options.bundle_id.empty() ? new_bundle_id() : options.bundle_id;
    manifest.version = options.version;
    manifest.created = std::chrono::time_point_cast<std::chrono::seconds>(options.created);
    manifest.expires = std::chrono::time_point_cast<std::chrono::seconds>(options.expires);
    manifest.app_min = options.app_min;
    manifest.app_max = options.app_max;
    manifest.halls = options.halls;
    manifest.groups = options.groups;
    for (const auto& file : payload)
        manifest.files.push_back(
            {file.path, static_cast<std::int64_t>(file.data.size()), sha256_hex(file.data)});
    std::string manifest_text = serialize_manifest(manifest);
    // What we wrote must read back as a manifest a kiosk accepts: the same rules, one parser.
    auto reread = parse_manifest(manifest_text);
    if (!reread.ok())
        return make_error(ErrorCode::InvalidArgument, reread.error().message);
    if (static_cast<std::int64_t>(manifest_text.size()) > options.limits.max_manifest_bytes)
        return make_error(ErrorCode::InvalidData, "the manifest is larger than a kiosk takes (" +
                                                      std::to_string(options.limits.max_manifest_bytes) +
                                                      " bytes)");
    auto signature = TRY(signature_for(manifest_text, manifest, key));
    auto mtime =
        std::chrono::duration_cast<std::chrono::seconds>(manifest.created.time_since_epoch()).count();
    TRY(write_bundle(out, manifest_text, signature, payload, mtime));
    return reread.release_value();
}

Result<BundleManifest> sign_bundle(const std::string& in, const SecretKey& key, const std::string& out,
                                   const BundleLimits& limits) {
    if (sodium_init() < 0)
        return make_error(ErrorCode::Internal, "libsodium cannot start");
    auto reader = TRY(open_file(in));
    struct archive* a = reader.get();
    struct archive_entry* entry = nullptr;
    std::string manifest_text;
    int status = archive_read_next_header(a, &entry);
    if ((status != ARCHIVE_OK && status != ARCHIVE_WARN) || !archive_entry_pathname(entry) ||
        kManifestName != archive_entry_pathname(entry) || not_regular(entry) ||
        !read_all(a, limits.max_manifest_bytes, manifest_text))
        return make_error(ErrorCode::InvalidData, in + ": not a bundle (manifest.json must come first)");
    auto manifest = TRY(parse_manifest(manifest_text));
    std::map<std::string, const ManifestFile*> listed;
    for (const auto& file : manifest.files)
        listed.emplace(file.path, &file);
    std::vector<Payload> payload;
    for (bool first = true;; first = false) {
        status = archive_read_next_header(a, &entry);
        if (status == ARCHIVE_EOF)
            break;
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
            return make_error(ErrorCode::InvalidData, in + ": damaged archive: " + describe(a));
        std::string_view name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
        if (first && name == kSignatureName)
            continue; // an old signature: replaced
        std::string path(name.starts_with(kFilesPrefix) ? name.substr(kFilesPrefix.size()) : "");
        auto it = listed.find(path);
        if (!is_safe_path(path) || not_regular(entry) || it == listed.end())
            return make_error(ErrorCode::InvalidData,
                              in + ": an entry is not a listed plain file under files/");
        Payload file{path, {}};
        if (!read_all(a, limits.max_file_bytes, file.data) ||
            static_cast<std::int64_t>(file.data.size()) != it->second->size ||
            sha256_hex(file.data) != it->second->sha256) {
            std::string message = in;
            message += ": files/";
            message += path;
            message += " differs from its manifest";
            return make_error(ErrorCode::InvalidData, message);
        }
        listed.erase(it);
        payload.push_back(std::move(file));
    }
    if (!listed.empty())
        return make_error(ErrorCode::InvalidData, in + ": files/" + listed.begin()->first + " is missing");
    TRY(check_limits(payload, limits));
    auto signature = TRY(sign(manifest_text, key, trusted_comment(manifest)));
    auto mtime =
        std::chrono::duration_cast<std::chrono::seconds>(manifest.created.time_since_epoch()).count();
    TRY(write_bundle(out, manifest_text, signature, payload, mtime));
    return manifest;
}

} // namespace kiosk::bundle
