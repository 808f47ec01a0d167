#include "services/slots/SlotFiles.h"

#include "core/base/Digest.h"
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::slots {
namespace fs = std::filesystem;
namespace {

constexpr std::uint64_t kMaxMarkerBytes = 4UL * 1024 * 1024;

Error os_error(const fs::path& path, const char* what) {
    std::string message = path.string();
    message += ": ";
    message += what;
    message += ": ";
    message += std::strerror(errno);
    return make_error(ErrorCode::Io, std::move(message));
}

class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }

private:
    int m_fd;
};

Result<void> write_all(int fd, const char* data, size_t size, const fs::path& path) {
    size_t written = 0;
    while (written < size) {
        ssize_t n = ::write(fd, data + written, size - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return os_error(path, "write");
        written += static_cast<size_t>(n);
    }
    return {};
}

// Reads `source` to its end, hashing it; copies it to `copy_fd` when that is open. Returns size and hash.
Result<MarkerFile> hash_file(int source_fd, const fs::path& source, int copy_fd, const fs::path& copy) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    MarkerFile file;
    std::vector<char> buffer(128UL * 1024);
    for (;;) {
        ssize_t n = ::read(source_fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return os_error(source, "read");
        if (n == 0)
            break;
        crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                  static_cast<unsigned long long>(n));
        file.size += static_cast<std::uint64_t>(n);
        if (copy_fd >= 0)
            TRY(write_all(copy_fd, buffer.data(), static_cast<size_t>(n), copy));
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    file.sha256 = to_hex(digest, sizeof digest);
    return file;
}

bool is_utf8(const std::string& text) {
    try {
        (void)nlohmann::json(text).dump();
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

struct Tree {
    std::vector<fs::path> folders; // relative, parents before children
    std::vector<fs::path> files;   // relative
};

// Lists a folder tree without following symbolic links; refuses anything but files and folders.
Result<Tree> list_tree(const fs::path& root, bool allow_marker) {
    Tree tree;
    std::error_code ec;
    struct stat root_info {};
    if (::lstat(root.c_str(), &root_info) != 0)
        return errno == ENOENT ? make_error(ErrorCode::NotFound, root.string() + ": no such folder")
                               : os_error(root, "stat");
    if (!S_ISDIR(root_info.st_mode))
        return make_error(ErrorCode::InvalidData, root.string() + ": not a folder");
    fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
    if (ec)
        return make_error(ErrorCode::Io, root.string() + ": cannot list: " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
            break;
        fs::path relative = it->path().lexically_relative(root);
        auto status = it->symlink_status(ec);
        if (ec)
            break;
        if (fs::is_directory(status) && is_utf8(relative.generic_string())) {
            tree.folders.push_back(relative);
        } else if (!is_utf8(relative.generic_string())) {
            return make_error(ErrorCode::InvalidData, "a staged name is not UTF-8");
        } else if (fs::is_regular_file(status)) {
            if (!allow_marker && relative == fs::path(kMarkerName))
                return make_error(ErrorCode::InvalidData,
                                  std::string(kMarkerName) +
                                      ": a staged file may not have the marker's name");
            tree.files.push_back(relative);
        } else {
            return make_error(ErrorCode::InvalidData,
                              relative.string() +
                                  ": not a regular file or folder (links and devices are refused)");
        }
    }
    if (ec)
        return make_error(ErrorCode::Io, root.string() + ": cannot list: " + ec.message());
    std::sort(tree.folders.begin(), tree.folders.end());
    std::sort(tree.files.begin(), tree.files.end());
    return tree;
}

bool is_hex_sha256(const std::string& text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

bool is_safe_relative(const std::string& text) {
    if (text.empty() || text.size() > 4096 || text.front() == '/')
        return false;
    for (const auto& part : fs::path(text))
        if (part == ".." || part == "." || part.empty())
            return false;
    return text.find('\0') == std::string::npos;
}

} // namespace

Result<void> sync_folder(const fs::path& folder) {
    Fd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid())
        return os_error(folder, "open folder");
    if (::fsync(fd.get()) != 0)
        return os_error(folder, "fsync folder");
    return {};
}

Result<void> write_file_atomically(const fs::path& path, std::string_view bytes,
                                   const std::function<void()>& before_rename) {
    fs::path temp = path;
    temp += ".tmp";
    {
        Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644));
        if (!fd.valid())
            return os_error(temp, "create");
        TRY(write_all(fd.get(), bytes.data(), bytes.size(), temp));
        if (::fsync(fd.get()) != 0)
            return os_error(temp, "fsync");
    }
    if (before_rename)
        before_rename();
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        auto error = os_error(path, "rename");
        ::unlink(temp.c_str());
        return error;
    }
    return sync_folder(path.parent_path());
}

Result<std::string> read_small_file(const fs::path& path, std::uint64_t max_bytes) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd.valid()) {
        if (errno == ENOENT)
            return make_error(ErrorCode::NotFound, path.string() + ": no such file");
        return os_error(path, "open");
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0)
        return os_error(path, "stat");
    if (!S_ISREG(info.st_mode))
        return make_error(ErrorCode::InvalidData, path.string() + ": not a regular file");
    if (static_cast<std::uint64_t>(info.st_size) > max_bytes)
        return make_error(ErrorCode::InvalidData,
                          path.string() + ": larger than " + std::to_string(max_bytes) + " bytes");
    std::string bytes;
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return os_error(path, "read");
        if (n == 0)
            break;
        bytes.append(buffer, static_cast<size_t>(n));
        if (bytes.size() > max_bytes)
            return make_error(ErrorCode::InvalidData, path.string() + ": grew while read");
    }
    return bytes;
}

Result<std::vector<MarkerFile>> fill_slot(const fs::path& staged, const fs::path& target,
                                          const FileWritten& file_written) {
    auto tree = TRY(list_tree(staged, false));
    bool moved = ::rename(staged.c_str(), target.c_str()) == 0;
    if (!moved && errno != EXDEV)
        return os_error(target, "move the staged folder");
    if (!moved) {
        if (::mkdir(target.c_str(), 0755) != 0)
            return os_error(target, "create");
        for (const auto& folder : tree.folders)
            if (::mkdir((target / folder).c_str(), 0755) != 0)
                return os_error(target / folder, "create");
    }
    std::vector<MarkerFile> files;
    files.reserve(tree.files.size());
    for (const auto& relative : tree.files) {
        fs::path to = target / relative;
        Result<MarkerFile> hashed = make_error(ErrorCode::Internal, "unset");
        if (moved) {
            Fd fd(::open(to.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
            if (!fd.valid())
                return os_error(to, "open");
            hashed = hash_file(fd.get(), to, -1, to);
            if (hashed.ok() && ::fsync(fd.get()) != 0)
                return os_error(to, "fsync");
        } else {
            fs::path from = staged / relative;
            Fd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
            if (!in.valid())
                return os_error(from, "open");
            Fd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
            if (!out.valid())
                return os_error(to, "create");
            hashed = hash_file(in.get(), from, out.get(), to);
            if (hashed.ok() && ::fsync(out.get()) != 0)
                return os_error(to, "fsync");
        }
        if (!hashed.ok())
            return hashed.release_error();
        MarkerFile file = hashed.release_value();
        file.path = relative.generic_string();
        files.push_back(std::move(file));
        if (file_written)
            file_written();
    }
    // Children before parents, so each folder's entries are durable before the folder's own entry.
    for (auto it = tree.folders.rbegin(); it != tree.folders.rend(); ++it)
        TRY(sync_folder(target / *it));
    TRY(sync_folder(target));
    return files;
}

std::string marker_to_json(const SlotMarker& marker) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& file : marker.files)
        files.push_back({{"path", file.path}, {"size", file.size}, {"sha256", file.sha256}});
    nlohmann::json json{{"format", 1},
                        {"bundle_id", marker.bundle_id},
                        {"version", marker.version},
                        {"installed_at", marker.installed_at},
                        {"files", std::move(files)}};
    return json.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<SlotMarker> marker_from_json(std::string_view text) {
    try {
        auto json = nlohmann::json::parse(text);
        auto bad = [](const std::string& what) {
            return make_error(ErrorCode::InvalidData, "marker: " + what);
        };
        if (!json.is_object() || json.size() != 5)
            return bad("expected an object of five keys");
        if (json.value("format", 0) != 1)
            return bad("format: expected 1");
        const auto& bundle_id = json.at("bundle_id");
        const auto& version = json.at("version");
        const auto& installed_at = json.at("installed_at");
        const auto& files = json.at("files");
        if (!bundle_id.is_string() || bundle_id.get<std::string>().empty() ||
            bundle_id.get<std::string>().size() > 200)
            return bad("bundle_id: expected a string of 1..200 characters");
        if (!version.is_number_integer() || version.get<std::int64_t>() < 1)
            return bad("version: expected a positive integer");
        if (!installed_at.is_string() || installed_at.get<std::string>().size() > 40)
            return bad("installed_at: expected a time");
        if (!files.is_array())
            return bad("files: expected an array");
        SlotMarker marker{
            bundle_id.get<std::string>(), version.get<std::int64_t>(), installed_at.get<std::string>(), {}};
        for (const auto& entry : files) {
            if (!entry.is_object() || entry.size() != 3 || !entry.contains("path") ||
                !entry.contains("size") || !entry.contains("sha256"))
                return bad("files: each entry has path, size and sha256");
            const auto& path = entry.at("path");
            const auto& size = entry.at("size");
            const auto& sha256 = entry.at("sha256");
            if (!path.is_string() || !is_safe_relative(path.get<std::string>()))
                return bad("files: path: expected a relative path");
            if (!size.is_number_unsigned())
                return bad("files: size: expected an unsigned integer");
            if (!sha256.is_string() || !is_hex_sha256(sha256.get<std::string>()))
                return bad("files: sha256: expected 64 lowercase hex digits");
            marker.files.push_back(
                {path.get<std::string>(), size.get<std::uint64_t>(), sha256.get<std::string>()});
        }
        return marker;
    } catch (const nlohmann::json::parse_error& e) {
        return make_error(ErrorCode::InvalidData, "marker: not valid JSON at byte " + std::to_string(e.byte));
    } catch (const nlohmann::json::exception& e) {
        return make_error(ErrorCode::InvalidData, std::string("marker: not valid (") + e.what() + ")");
    }
}

Result<SlotMarker> check_slot(const fs::path& slot, bool check_hashes) {
    auto text = read_small_file(slot / kMarkerName, kMaxMarkerBytes);
    if (!text.ok()) {
        if (text.error().code == ErrorCode::NotFound)
            return make_error(ErrorCode::NotFound, slot.filename().string() + ": no completion marker");
        return make_error(ErrorCode::Corrupt, slot.filename().string() + ": " + text.error().message);
    }
    auto parsed = marker_from_json(text.value());
    if (!parsed.ok())
        return make_error(ErrorCode::Corrupt, slot.filename().string() + ": " + parsed.error().message);
    SlotMarker marker = parsed.release_value();
    auto tree = list_tree(slot, true);
    if (!tree.ok())
        return make_error(ErrorCode::Corrupt, slot.filename().string() + ": " + tree.error().message);
    std::map<std::string, const MarkerFile*> listed;
    for (const auto& file : marker.files)
        listed.emplace(file.path, &file);
    if (listed.size() != marker.files.size())
        return make_error(ErrorCode::Corrupt, slot.filename().string() + ": the marker lists a file twice");
    size_t present = 0;
    for (const auto& relative : tree.value().files) {
        std::string name = relative.generic_string();
        if (name == kMarkerName)
            continue;
        ++present;
        auto found = listed.find(name);
        if (found == listed.end())
            return make_error(ErrorCode::Corrupt,
                              slot.filename().string() + ": " + name + ": not in the marker");
        struct stat info {};
        if (::lstat((slot / relative).c_str(), &info) != 0 ||
            static_cast<std::uint64_t>(info.st_size) != found->second->size)
            return make_error(ErrorCode::Corrupt, slot.filename().string() + ": " + name + ": size differs");
        if (check_hashes) {
            Fd fd(::open((slot / relative).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
            if (!fd.valid())
                return make_error(ErrorCode::Corrupt,
                                  slot.filename().string() + ": " + name + ": cannot open");
            auto hashed = hash_file(fd.get(), slot / relative, -1, {});
            if (!hashed.ok() || hashed.value().sha256 != found->second->sha256)
                return make_error(ErrorCode::Corrupt,
                                  slot.filename().string() + ": " + name + ": SHA-256 differs");
        }
    }
    if (present != listed.size())
        return make_error(ErrorCode::Corrupt,
                          slot.filename().string() + ": " +
                              std::to_string(listed.size() - std::min(present, listed.size())) +
                              " file(s) of the marker missing");
    return marker;
}

Result<void> remove_tree(const fs::path& folder) {
    std::error_code ec;
    fs::remove_all(folder, ec);
    if (ec)
        return make_error(ErrorCode::Io, folder.string() + ": cannot remove: " + ec.message());
    return {};
}

} // namespace kiosk::slots
