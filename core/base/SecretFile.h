#pragma once
// Files that hold secrets (the outbox key, TLS private keys, the hub's id-number.key) are checked
// before they are used: a secret another local user can read, replace or point elsewhere is no
// secret (docs/Architecture.md "Data and its safety").
//
// A secret file must be a regular file (a symlink is refused, whatever it points at: it can be
// turned to a file someone else controls), owned by the user the process runs as, and readable,
// writable and executable by nobody else (mode & 077 == 0: 0600 or 0400). Errors name the file and
// what to do; never its content.

#include "core/base/Config.h"
#include "core/base/Result.h"

#include <string>
#include <vector>

namespace kiosk {

// NotFound when there is no such file; Denied when it breaks one of the rules above; Io otherwise.
Result<void> check_secret_file(const std::string& path);

// The kiosk's secrets as its config names them: the outbox key, and the hub client key when a hub is
// configured. A file that does not exist is not checked here (its user reports it, as before); one
// that exists and breaks the rules is the error (Denied).
Result<void> check_kiosk_secret_files(const KioskOptions& options);

} // namespace kiosk
