#pragma once
// kiosk-hub's data folder holds names, ID numbers, phone numbers, forms, scans and certificates
// (hub.sqlite with its -wal and -shm, blobs/, certificates/, id-number.key). It is the hub user's
// alone, whatever umask the hub or kioskctl was started with: the folder and every folder in it 0700,
// every file 0600. kiosk-hub and kioskctl also set umask 0077 at start, so what SQLite creates later
// (a new -wal or -shm) is 0600 as well; the hub's own files are created with explicit modes
// (BlobFiles.h).

#include "core/base/Result.h"

#include <string>

namespace kiosk::hub {

// Creates `data_dir` (0700) when it is missing, then tightens what is there: folders to 0700, regular
// files to 0600 (what an older build or a looser umask left open). Symbolic links are left alone and
// not followed, and so is id-number.key: a key that was open to others is refused at start
// (HubService::create), not quietly closed. Errors: Io, naming the path.
Result<void> secure_data_folder(const std::string& data_dir);

} // namespace kiosk::hub
