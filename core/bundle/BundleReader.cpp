#include "core/bundle/BundleReader.h"

#include "core/base/Digest.h"
#include "core/bundle/BundleArchive.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::bundle {
namespace fs = std::filesystem;
using namespace archive_io;

namespace {

ErrorCode code_of(Refusal refusal) {
    switch (refusal) {
    case Refusal::BadSignature:
    case Refusal::UnknownKey:
    case Refusal::RevokedKey:
    case Refusal::NotNewer:
    case Refusal::Expired:
    case Refusal::NotYetValid:
    case Refusal::WrongProduct:
    case Refusal::WrongAppVersion:
    case Refusal::OutOfScope:
        return ErrorCode::Denied;
    case Refusal::LocalError:
        return ErrorCode::Io;
    default:
        return ErrorCode::InvalidData;
    }
}

struct Refused {
    Refusal refusal;
    std::string message;
};

// The folder the payload goes to: out_dir must be new or empty; files land in out_dir/.partial first.
class Extraction {
public:
    std::optional<Refused> prepare(const std::string& out_dir) {
        m_out = out_dir;
        std::error_code error;
        auto status = fs::symlink_status(m_out, error);
        if (!fs::exists(status)) {
            if (!fs::create_directory(m_out, error))
                return Refused{Refusal::LocalError, out_dir + ": cannot create: " + error.message()};
            m_created = true;
        } else if (!fs::is_directory(status)) {
            return Refused{Refusal::LocalError, out_dir + ": not a folder"};
        } else if (!fs::is_empty(m_out, error) || error) {
            return Refused{Refusal::LocalError, out_dir + ": not empty"};
        }
        m_partial = m_out / ".partial";
        if (!fs::create_directory(m_partial, error))
            return Refused{Refusal::LocalError, out_dir + ": cannot create .partial: " + error.message()};
        return std::nullopt;
    }

    // Creates the folders above `name` (relative to .partial) and the file itself, new.
    int create(const std::string& name, std::string& why) {
        for (size_t slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1)) {
            fs::path folder = m_partial / name.substr(0, slash);
            if (::mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST) {
                why = std::strerror(errno);
                return -1;
            }
        }
        int fd =
            ::open((m_partial / name).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0)
            why = std::strerror(errno);
        return fd;
    }

    // Moves what .partial holds into out_dir.
    std::optional<Refused> commit() {
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(m_partial, error)) {
            fs::rename(entry.path(), m_out / entry.path().filename(), error);
            if (error)
                return Refused{Refusal::LocalError,
                               m_out.string() + ": cannot move the files in: " + error.message()};
        }
        fs::remove(m_partial, error);
        if (error)
            return Refused{Refusal::LocalError, m_out.string() + ": " + error.message()};
        m_committed = true;
        return std::nullopt;
    }

    // A refused bundle leaves nothing behind.
    ~Extraction() {
        if (m_committed || m_out.empty() || m_partial.empty())
            return;
        std::error_code error;
        if (m_created) {
            fs::remove_all(m_out, error);
            return;
        }
        for (const auto& entry : fs::directory_iterator(m_out, error))
            fs::remove_all(entry.path(), error);
    }

    const fs::path& partial() const { return m_partial; }

private:
    fs::path m_out;
    fs::path m_partial;
    bool m_created = false;
    bool m_committed = false;
};

bool write_whole(int fd, const char* data, size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

class Verifier {
public:
    Verifier(const BundleKeys& keys, const BundleTarget& target, const BundleLimits& limits)
        : m_keys(keys), m_target(target), m_limits(limits) {}

    VerifyResult run(struct archive* a, const std::string& out_dir) {
        VerifyResult result;
        VerifiedBundle bundle;
        if (auto refused = check(a, out_dir, bundle)) {
            result.refusal = refused->refusal;
            result.error = make_error(code_of(refused->refusal), refused->message);
            return result;
        }
        bundle.out_dir = out_dir;
        result.bundle = std::move(bundle);
        return result;
    }

private:
    std::optional<Refused> check(struct archive* a, const std::string& out_dir, VerifiedBundle& bundle) {
        std::string manifest_text, signature_text;
        if (auto refused = read_head(a, kManifestName, m_limits.max_manifest_bytes, manifest_text))
            return refused;
        if (auto refused = read_head(a, kSignatureName, m_limits.max_signature_bytes, signature_text))
            return refused;
        if (auto refused = check_signature(manifest_text, signature_text, bundle))
            return refused;
        auto manifest = parse_manifest(manifest_text);
        if (!manifest.ok())
            return Refused{Refusal::NotABundle, manifest.error().message};
        bundle.manifest = manifest.release_value();
        if (auto refused = check_manifest(bundle.manifest))
            return refused;
        Extraction extraction;
        if (auto refused = extraction.prepare(out_dir))
            return refused;
        if (auto refused = save(extraction, std::string(kManifestName), manifest_text))
            return refused;
        if (auto refused = save(extraction, std::string(kSignatureName), signature_text))
            return refused;
        if (auto refused = extract_payload(a, bundle.manifest, extraction))
            return refused;
        return extraction.commit();
    }

    // The manifest and its signature: the first two entries, plain files, small.
    std::optional<Refused> read_head(struct archive* a, std::string_view name, std::int64_t max,
                                     std::string& out) {
        struct archive_entry* entry = nullptr;
        int status = archive_read_next_header(a, &entry);
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
            std::string message = "not a bundle (a zstd tar starting with ";
            message += name;
            message += ")";
            return Refused{Refusal::NotABundle, message};
        }
        const char* path = archive_entry_pathname(entry);
        if (!path || name != path) {
            std::string message = "not a bundle: ";
            message += name;
            message += name == kManifestName ? " must be the first entry" : " must follow manifest.json";
            return Refused{Refusal::NotABundle, message};
        }
        if (const char* what = not_regular(entry))
            return Refused{Refusal::PathTrick, std::string(name) + " is " + what};
        if (archive_entry_size(entry) > max)
            return Refused{Refusal::TooLarge,
                           std::string(name) + " is larger than " + std::to_string(max) + " bytes"};
        if (!read_all(a, max, out))
            return Refused{Refusal::NotABundle, std::string(name) + ": cannot be read from the archive"};
        return std::nullopt;
    }

    std::optional<Refused> check_signature(const std::string& manifest_text,
                                           const std::string& signature_text, VerifiedBundle& bundle) {
        auto signature = parse_signature(signature_text);
        if (!signature.ok())
            return Refused{Refusal::BadSignature, "manifest.json.minisig: " + signature.error().message};
        const auto& id = signature->key_id;
        bundle.key_id = key_id_hex(id);
        if (m_keys.is_revoked(id))
            return Refused{Refusal::RevokedKey, "signed by key " + bundle.key_id + ", which is revoked"};
        const PublicKey* key = m_keys.find(id);
        if (!key)
            return Refused{Refusal::UnknownKey,
                           "signed by key " + bundle.key_id + ", which this kiosk does not trust"};
        if (!bundle::verify(signature.value(), manifest_text, *key))
            return Refused{Refusal::BadSignature,
                           "the signature of manifest.json does not verify with key " + bundle.key_id};
        // The trusted comment is signed too; it must name this manifest's id and version, so that a
        // signature cannot be carried to another manifest by anyone but the key's holder.
        auto manifest = parse_manifest(manifest_text);
        if (manifest.ok() && signature->trusted_comment != trusted_comment(manifest.value()))
            return Refused{Refusal::BadSignature,
                           "the signature's trusted comment does not match the manifest"};
        return std::nullopt;
    }

    std::optional<Refused> check_manifest(const BundleManifest& m) {
        const auto& t = m_target;
        if (m.product != t.product)
            return Refused{Refusal::WrongProduct,
                           "the bundle is for product \"" + m.product + "\", not " + t.product};
        if (t.app_version < m.app_min || m.app_max < t.app_version)
            return Refused{Refusal::WrongAppVersion,
                           "the bundle is for app versions " + to_string(m.app_min) + " to " +
                               to_string(m.app_max) + "; this kiosk runs " + to_string(t.app_version)};
        if (t.now >= m.expires)
            return Refused{Refusal::Expired, "the bundle expired at " + format_utc_time(m.expires)};
        if (t.now + m_limits.clock_skew < m.created)
            return Refused{Refusal::NotYetValid,
                           "the bundle is not valid before " + format_utc_time(m.created)};
        if (!m.halls.empty() && std::find(m.halls.begin(), m.halls.end(), t.hall) == m.halls.end())
            return Refused{Refusal::OutOfScope,
                           "the bundle is not for hall \"" + t.hall + "\" (kiosk " + t.kiosk_id + ")"};
        if (!m.groups.empty() && std::none_of(m.groups.begin(), m.groups.end(), [&](const std::string& g) {
                return std::find(t.groups.begin(), t.groups.end(), g) != t.groups.end();
            }))
            return Refused{Refusal::OutOfScope,
                           "the bundle is for none of this kiosk's groups (kiosk " + t.kiosk_id + ")"};
        if (m.version <= t.installed_version)
            return Refused{Refusal::NotNewer, "version " + std::to_string(m.version) +
                                                  " is not above the installed " +
                                                  std::to_string(t.installed_version)};
        if (static_cast<std::int64_t>(m.files.size()) > m_limits.max_files)
            return Refused{Refusal::TooLarge, std::to_string(m.files.size()) +
                                                  " files, more than the limit of " +
                                                  std::to_string(m_limits.max_files)};
        std::int64_t total = 0;
        for (const auto& file : m.files) {
            if (file.size > m_limits.max_file_bytes)
                return Refused{Refusal::TooLarge, "files/" + file.path + " is larger than the limit of " +
                                                      std::to_string(m_limits.max_file_bytes) + " bytes"};
            total += file.size;
        }
        if (total > m_limits.max_total_bytes)
            return Refused{Refusal::TooLarge, "the files hold more than the limit of " +
                                                  std::to_string(m_limits.max_total_bytes) + " bytes"};
        return std::nullopt;
    }

    std::optional<Refused> save(Extraction& extraction, const std::string& name, const std::string& text) {
        std::string why;
        int fd = extraction.create(name, why);
        bool ok = fd >= 0 && write_whole(fd, text.data(), text.size()) && ::fsync(fd) == 0;
        if (fd >= 0)
            ::close(fd);
        if (!ok)
            return Refused{Refusal::LocalError,
                           name + ": cannot write: " + (why.empty() ? std::strerror(errno) : why)};
        return std::nullopt;
    }

    std::optional<Refused> extract_payload(struct archive* a, const BundleManifest& manifest,
                                           Extraction& extraction) {
        std::map<std::string, const ManifestFile*> listed;
        for (const auto& file : manifest.files)
            listed.emplace(file.path, &file);
        std::map<std::string, bool> done;
        for (;;) {
            struct archive_entry* entry = nullptr;
            int status = archive_read_next_header(a, &entry);
            if (status == ARCHIVE_EOF)
                break;
            if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
                return Refused{Refusal::NotABundle, "the archive is damaged after " +
                                                        std::to_string(done.size()) +
                                                        " files: " + describe(a)};
            const char* raw_name = archive_entry_pathname(entry);
            std::string_view name = raw_name ? raw_name : "";
            if (!name.starts_with(kFilesPrefix) || !is_safe_path(name.substr(kFilesPrefix.size())))
                return Refused{Refusal::PathTrick, "an entry is not a plain path under files/"};
            std::string path(name.substr(kFilesPrefix.size()));
            if (const char* what = not_regular(entry))
                return Refused{Refusal::PathTrick, "files/" + path + " is " + what};
            if (done.count(path))
                return Refused{Refusal::PathTrick, "files/" + path + " appears twice"};
            auto it = listed.find(path);
            if (it == listed.end())
                return Refused{Refusal::UnlistedFile, "files/" + path + " is not in the manifest"};
            if (!archive_entry_size_is_set(entry) || archive_entry_size(entry) != it->second->size)
                return Refused{Refusal::FileMismatch,
                               "files/" + path + ": its size differs from the manifest"};
            if (auto refused = extract_one(a, *it->second, extraction))
                return refused;
            done[path] = true;
        }
        for (const auto& file : manifest.files)
            if (!done.count(file.path))
                return Refused{Refusal::MissingFile,
                               "files/" + file.path + " is in the manifest but not in the archive"};
        return std::nullopt;
    }

    std::optional<Refused> extract_one(struct archive* a, const ManifestFile& file, Extraction& extraction) {
        std::string name = "files/" + file.path;
        std::string why;
        int fd = extraction.create(name, why);
        if (fd < 0)
            return Refused{Refusal::LocalError, name + ": cannot create: " + why};
        crypto_hash_sha256_state sha;
        crypto_hash_sha256_init(&sha);
        std::int64_t written = 0;
        std::optional<Refused> refused;
        static thread_local char block[kBlockBytes];
        for (;;) {
            la_ssize_t n = archive_read_data(a, block, sizeof block);
            if (n < 0) {
                refused = Refused{Refusal::NotABundle, name + ": the archive is damaged: " + describe(a)};
                break;
            }
            if (n == 0)
                break;
            written += n;
            m_payload_bytes += n;
            if (written > file.size) {
                refused = Refused{Refusal::FileMismatch, name + ": larger than the manifest says"};
                break;
            }
            // The stream is not trusted to stop where its header says: count what it gives.
            const auto compressed = archive_filter_bytes(a, -1);
            if (m_payload_bytes > m_limits.ratio_floor_bytes &&
                static_cast<double>(m_payload_bytes) >
                    m_limits.max_ratio * static_cast<double>(std::max<la_int64_t>(compressed, 1))) {
                refused =
                    Refused{Refusal::DecompressionBomb,
                            name + ": the payload decompresses to more than " +
                                std::to_string(static_cast<int>(m_limits.max_ratio)) + " times its size"};
                break;
            }
            crypto_hash_sha256_update(&sha, reinterpret_cast<const unsigned char*>(block),
                                      static_cast<size_t>(n));
            if (!write_whole(fd, block, static_cast<size_t>(n))) {
                refused = Refused{Refusal::LocalError, name + ": cannot write: " + std::strerror(errno)};
                break;
            }
        }
        if (!refused && ::fsync(fd) != 0)
            refused = Refused{Refusal::LocalError, name + ": cannot write: " + std::strerror(errno)};
        ::close(fd);
        if (refused)
            return refused;
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&sha, digest);
        if (written != file.size)
            return Refused{Refusal::FileMismatch, name + ": its size differs from the manifest"};
        if (to_hex(digest, sizeof digest) != file.sha256)
            return Refused{Refusal::FileMismatch, name + ": its SHA-256 differs from the manifest"};
        return std::nullopt;
    }

    const BundleKeys& m_keys;
    const BundleTarget& m_target;
    const BundleLimits& m_limits;
    std::int64_t m_payload_bytes = 0;
};

VerifyResult refused_to_open(const Error& error) {
    VerifyResult result;
    result.refusal = error.code == ErrorCode::NotFound ? Refusal::LocalError : Refusal::NotABundle;
    result.error = error;
    return result;
}

} // namespace

const char* to_string(Refusal refusal) {
    switch (refusal) {
    case Refusal::None:
        return "none";
    case Refusal::NotABundle:
        return "not_a_bundle";
    case Refusal::BadSignature:
        return "bad_signature";
    case Refusal::UnknownKey:
        return "unknown_key";
    case Refusal::RevokedKey:
        return "revoked_key";
    case Refusal::FileMismatch:
        return "file_mismatch";
    case Refusal::UnlistedFile:
        return "unlisted_file";
    case Refusal::MissingFile:
        return "missing_file";
    case Refusal::PathTrick:
        return "path_trick";
    case Refusal::TooLarge:
        return "too_large";
    case Refusal::DecompressionBomb:
        return "decompression_bomb";
    case Refusal::NotNewer:
        return "not_newer";
    case Refusal::Expired:
        return "expired";
    case Refusal::NotYetValid:
        return "not_yet_valid";
    case Refusal::WrongProduct:
        return "wrong_product";
    case Refusal::WrongAppVersion:
        return "wrong_app_version";
    case Refusal::OutOfScope:
        return "out_of_scope";
    case Refusal::LocalError:
        return "local_error";
    }
    return "unknown";
}

VerifyResult verify_bundle(const std::string& path, const BundleKeys& keys, const BundleTarget& target,
                           const std::string& out_dir, const BundleLimits& limits) {
    if (sodium_init() < 0)
        return refused_to_open(make_error(ErrorCode::Internal, "libsodium cannot start"));
    auto reader = open_file(path);
    if (!reader.ok())
        return refused_to_open(reader.error());
    return Verifier(keys, target, limits).run(reader.value().get(), out_dir);
}

VerifyResult verify_bundle_bytes(std::string_view data, const BundleKeys& keys, const BundleTarget& target,
                                 const std::string& out_dir, const BundleLimits& limits) {
    if (sodium_init() < 0)
        return refused_to_open(make_error(ErrorCode::Internal, "libsodium cannot start"));
    auto reader = open_bytes(data);
    if (!reader.ok())
        return refused_to_open(reader.error());
    return Verifier(keys, target, limits).run(reader.value().get(), out_dir);
}

Result<InspectedBundle> inspect_bundle(const std::string& path, const BundleLimits& limits) {
    auto reader = TRY(open_file(path));
    struct archive* a = reader.get();
    InspectedBundle inspected;
    struct archive_entry* entry = nullptr;
    int status = archive_read_next_header(a, &entry);
    if ((status != ARCHIVE_OK && status != ARCHIVE_WARN) || !archive_entry_pathname(entry) ||
        kManifestName != archive_entry_pathname(entry) || not_regular(entry) ||
        !read_all(a, limits.max_manifest_bytes, inspected.manifest_text))
        return make_error(ErrorCode::InvalidData, path + ": not a bundle (manifest.json must come first)");
    inspected.manifest = TRY(parse_manifest(inspected.manifest_text));
    status = archive_read_next_header(a, &entry);
    if ((status == ARCHIVE_OK || status == ARCHIVE_WARN) && archive_entry_pathname(entry) &&
        kSignatureName == archive_entry_pathname(entry) && !not_regular(entry)) {
        if (!read_all(a, limits.max_signature_bytes, inspected.signature_text))
            return make_error(ErrorCode::InvalidData, path + ": manifest.json.minisig cannot be read");
        inspected.signature = TRY(parse_signature(inspected.signature_text));
    }
    return inspected;
}

} // namespace kiosk::bundle
