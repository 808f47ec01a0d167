#include "tests/unit/bundle/CraftedBundle.h"

#include <archive.h>
#include <archive_entry.h>
#include <cstdlib>
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace kiosk::bundle::testing {
namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "bundle-test-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        std::abort();
    m_path = pattern;
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
}

WallTime utc(const char* text) {
    auto time = parse_utc_time(text);
    if (!time.ok())
        std::abort();
    return time.value();
}

BundleManifest manifest_for(const std::vector<std::pair<std::string, std::string>>& files) {
    BundleManifest manifest;
    manifest.bundle_id = "3f1c2a9e-test-bundle";
    manifest.version = 3;
    manifest.created = utc("2026-12-01T00:00:00Z");
    manifest.expires = utc("2027-01-01T00:00:00Z");
    manifest.app_min = {0, 1, 0};
    manifest.app_max = {0, 9, 0};
    for (const auto& [path, data] : files)
        manifest.files.push_back({path, static_cast<std::int64_t>(data.size()), sha256_hex(data)});
    return manifest;
}

std::vector<Entry> signed_entries(const BundleManifest& manifest, const SecretKey& key,
                                  const std::vector<std::pair<std::string, std::string>>& files) {
    std::string text = serialize_manifest(manifest);
    auto signature = sign(text, key, trusted_comment(manifest));
    if (!signature.ok())
        std::abort();
    std::vector<Entry> entries{{"manifest.json", text}, {"manifest.json.minisig", signature.value()}};
    for (const auto& [path, data] : files)
        entries.push_back({"files/" + path, data});
    return entries;
}

void write_tar(const fs::path& path, const std::vector<Entry>& entries) {
    struct archive* a = archive_write_new();
    archive_write_add_filter_zstd(a);
    archive_write_set_filter_option(a, "zstd", "compression-level", "1");
    archive_write_set_format_pax_restricted(a);
    ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
    for (const auto& e : entries) {
        struct archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.name.c_str());
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_mtime(entry, 1764547200, 0);
        std::int64_t size =
            e.declared_size >= 0 ? e.declared_size : static_cast<std::int64_t>(e.data.size()) + e.zeros;
        switch (e.kind) {
        case EntryKind::File:
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_size(entry, size);
            break;
        case EntryKind::Symlink:
            archive_entry_set_filetype(entry, AE_IFLNK);
            archive_entry_set_symlink(entry, e.link.c_str());
            break;
        case EntryKind::Hardlink:
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_hardlink(entry, e.link.c_str());
            break;
        case EntryKind::Folder:
            archive_entry_set_filetype(entry, AE_IFDIR);
            break;
        case EntryKind::CharDevice:
            archive_entry_set_filetype(entry, AE_IFCHR);
            archive_entry_set_rdev(entry, makedev(1, 3));
            break;
        case EntryKind::Fifo:
            archive_entry_set_filetype(entry, AE_IFIFO);
            break;
        }
        ASSERT_EQ(archive_write_header(a, entry), ARCHIVE_OK) << archive_error_string(a);
        if (e.kind == EntryKind::File) {
            archive_write_data(a, e.data.data(), e.data.size());
            static const std::string kZeros(1 << 20, '\0');
            for (std::int64_t left = e.zeros; left > 0;) {
                auto n = static_cast<size_t>(
                    std::min<std::int64_t>(left, static_cast<std::int64_t>(kZeros.size())));
                archive_write_data(a, kZeros.data(), n);
                left -= static_cast<std::int64_t>(n);
            }
        }
        archive_entry_free(entry);
    }
    ASSERT_EQ(archive_write_close(a), ARCHIVE_OK);
    archive_write_free(a);
}

} // namespace kiosk::bundle::testing
