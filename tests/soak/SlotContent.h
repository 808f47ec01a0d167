#pragma once
// Generated config-slot contents for the slots tests and soak: the files of version V (a count,
// names, sizes and bytes all derived from V), so that a folder can be checked to hold exactly one
// version's files — never a mix of two.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace kiosk::slots::testing {

// Relative path → bytes, for version `version` (≥ 0; 0 is the factory config): `base` + 0..9 files
// (the count differs from version to version, so a file left over from another one shows).
inline std::map<std::string, std::string> slot_content(std::int64_t version, int base = 45) {
    std::map<std::string, std::string> files;
    int count = base + static_cast<int>(version % 10);
    for (int i = 0; i < count; ++i) {
        std::string name = "d" + std::to_string(i % 4) + "/file" + std::to_string(i) + ".bin";
        size_t size = i % 10 == 0 ? 65536 + static_cast<size_t>((version * 7919) % 4096)
                                  : static_cast<size_t>((i * 977 + version * 131) % 8192);
        std::string bytes = "v=" + std::to_string(version) + " i=" + std::to_string(i) + "\n";
        std::uint64_t state = (static_cast<std::uint64_t>(version) << 20) ^ static_cast<std::uint64_t>(i + 1);
        while (bytes.size() < size) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes += static_cast<char>(state & 0xff);
        }
        files[name] = std::move(bytes);
    }
    files["catalog.json"] = "{\"version\": " + std::to_string(version) + "}\n";
    return files;
}

inline void write_content(const std::filesystem::path& folder, std::int64_t version, int base = 45) {
    for (const auto& [name, bytes] : slot_content(version, base)) {
        std::filesystem::create_directories((folder / name).parent_path());
        std::ofstream(folder / name, std::ios::binary) << bytes;
    }
}

inline std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The one version whose files `folder` holds exactly (the marker aside), or nullopt with `why`.
inline std::optional<std::int64_t> content_version(const std::filesystem::path& folder, std::string& why,
                                                   int base = 45) {
    auto catalog = read_bytes(folder / "catalog.json");
    std::int64_t version = -1;
    if (catalog.rfind("{\"version\": ", 0) == 0)
        version = std::stoll(catalog.substr(12));
    if (version < 0) {
        why = "no readable catalog.json";
        return std::nullopt;
    }
    auto expected = slot_content(version, base);
    std::set<std::string> seen;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(folder, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file())
            continue;
        auto name = it->path().lexically_relative(folder).generic_string();
        if (name == ".slot-complete.json")
            continue;
        auto found = expected.find(name);
        if (found == expected.end()) {
            why = name + ": not a file of version " + std::to_string(version);
            return std::nullopt;
        }
        if (read_bytes(it->path()) != found->second) {
            why = name + ": bytes differ from version " + std::to_string(version);
            return std::nullopt;
        }
        seen.insert(name);
    }
    if (seen.size() != expected.size()) {
        why = std::to_string(expected.size() - seen.size()) + " file(s) of version " +
              std::to_string(version) + " missing";
        return std::nullopt;
    }
    return version;
}

} // namespace kiosk::slots::testing
