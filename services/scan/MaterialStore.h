#pragma once
// Where a citizen's scanned materials live until the session ends: under the session folder the
// caller gives (the session wipe removes it), one folder per material:
//   <session>/<material>/page-001.jpg …   each page, cleaned and compressed (PageEncoder.h)
//   <session>/<material>/<material>.pdf   all its pages, the JPEGs embedded as they are
// Nothing else is written: the raw scan stays in memory and is dropped by the caller. Storing a
// material again replaces it (a rescan), leaving no old page behind.

#include "core/base/Result.h"
#include "services/scan/PageCleaner.h"
#include "services/scan/PageEncoder.h"

#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::scan {

struct PipelineOptions {
    CleanOptions clean;
    EncodeOptions encode;
};

struct StoredPage {
    std::filesystem::path file;
    size_t bytes = 0;
    int width = 0, height = 0, dpi = 0, quality = 0;
    bool within_budget = false;
    PageBox crop;
    double skew_degrees = 0;
};

struct StoredMaterial {
    std::filesystem::path folder;
    std::filesystem::path pdf;
    size_t pdf_bytes = 0;
    std::vector<StoredPage> pages;
};

// `material` names the folder: letters, digits, '-' and '_' only (it comes from the catalog).
Result<StoredMaterial> store_material(const std::filesystem::path& session_folder,
                                      const std::string& material,
                                      const std::vector<drivers::ScannedPage>& scans,
                                      const PipelineOptions& options = {});

// Removes the session folder and everything in it. "Securely enough": each file is truncated to
// zero length and unlinked, so no name or content is reachable through the file system; the freed
// blocks are not overwritten (on flash and journalling file systems that would not be reliable
// anyway). Keep session folders on tmpfs or an encrypted volume for more. A folder that is not
// there is fine.
Result<void> wipe_session_folder(const std::filesystem::path& session_folder);

} // namespace kiosk::scan
