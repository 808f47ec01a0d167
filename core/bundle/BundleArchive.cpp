#include "core/bundle/BundleArchive.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace kiosk::bundle::archive_io {
namespace {

Result<Reader> new_reader() {
    Reader reader(archive_read_new());
    if (!reader)
        return make_error(ErrorCode::Internal, "libarchive: out of memory");
    archive_read_support_filter_zstd(reader.get());
    archive_read_support_format_tar(reader.get());
    return reader;
}

} // namespace

std::string describe(struct archive* a) {
    const char* text = archive_error_string(a);
    return text ? text : "unknown error";
}

Result<Reader> open_file(const std::string& path) {
    auto reader = TRY(new_reader());
    // libarchive reads the first block when it opens: a file that is there but not a tar is InvalidData.
    if (::access(path.c_str(), R_OK) != 0)
        return make_error(ErrorCode::NotFound, path + ": cannot open: " + std::strerror(errno));
    if (archive_read_open_filename(reader.get(), path.c_str(), kBlockBytes) != ARCHIVE_OK)
        return make_error(ErrorCode::InvalidData, path + ": not a zstd tar: " + describe(reader.get()));
    return reader;
}

Result<Reader> open_bytes(std::string_view data) {
    auto reader = TRY(new_reader());
    if (archive_read_open_memory(reader.get(), data.data(), data.size()) != ARCHIVE_OK)
        return make_error(ErrorCode::InvalidData, "not a zstd tar archive");
    return reader;
}

Result<Writer> create_file(const std::string& path) {
    Writer writer(archive_write_new());
    if (!writer)
        return make_error(ErrorCode::Internal, "libarchive: out of memory");
    if (archive_write_add_filter_zstd(writer.get()) != ARCHIVE_OK ||
        archive_write_set_filter_option(writer.get(), "zstd", "compression-level", "15") != ARCHIVE_OK ||
        archive_write_set_format_pax_restricted(writer.get()) != ARCHIVE_OK)
        return make_error(ErrorCode::Internal, "libarchive: " + describe(writer.get()));
    if (archive_write_open_filename(writer.get(), path.c_str()) != ARCHIVE_OK)
        return make_error(ErrorCode::Io, path + ": cannot write: " + describe(writer.get()));
    return writer;
}

const char* not_regular(struct archive_entry* entry) {
    if (archive_entry_hardlink(entry))
        return "a hard link";
    switch (archive_entry_filetype(entry)) {
    case AE_IFREG:
        return nullptr;
    case AE_IFLNK:
        return "a symbolic link";
    case AE_IFDIR:
        return "a folder";
    case AE_IFCHR:
    case AE_IFBLK:
        return "a device file";
    case AE_IFIFO:
        return "a fifo";
    case AE_IFSOCK:
        return "a socket";
    default:
        return "not a regular file";
    }
}

bool read_all(struct archive* a, std::int64_t max, std::string& out) {
    out.clear();
    char block[8192];
    for (;;) {
        la_ssize_t n = archive_read_data(a, block, sizeof block);
        if (n < 0)
            return false;
        if (n == 0)
            return true;
        if (static_cast<std::int64_t>(out.size()) + n > max)
            return false;
        out.append(block, static_cast<size_t>(n));
    }
}

Result<void> write_entry(struct archive* a, const std::string& name, std::string_view data,
                         std::int64_t mtime) {
    std::unique_ptr<struct archive_entry, void (*)(struct archive_entry*)> entry(archive_entry_new(),
                                                                                 archive_entry_free);
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(data.size()));
    archive_entry_set_mtime(entry.get(), mtime, 0);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    if (archive_write_header(a, entry.get()) != ARCHIVE_OK)
        return make_error(ErrorCode::Io, name + ": " + describe(a));
    size_t done = 0;
    while (done < data.size()) {
        la_ssize_t n = archive_write_data(a, data.data() + done, data.size() - done);
        if (n <= 0)
            return make_error(ErrorCode::Io, name + ": " + describe(a));
        done += static_cast<size_t>(n);
    }
    return {};
}

} // namespace kiosk::bundle::archive_io
