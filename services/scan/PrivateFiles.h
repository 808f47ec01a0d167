#pragma once
// Files of scanned pages, readable by the kiosk's user alone: a citizen's materials (MaterialStore)
// and the staff scan test's page (TestScanPage).

#include "core/base/Result.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace kiosk::scan {

// Written 0600 whatever the umask, never through a link planted at its name; replaces what is there.
Result<void> write_private_file(const std::filesystem::path& path, const std::vector<uint8_t>& bytes);
// The folder (and its parents), 0700: nobody but the kiosk's user lists what is in it.
Result<void> make_private_folder(const std::filesystem::path& folder);

} // namespace kiosk::scan
