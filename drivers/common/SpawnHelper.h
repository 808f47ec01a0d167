#pragma once
// Starting a helper process the kiosk talks to over its stdin and stdout (kiosk-scanner-host,
// kiosk-photo-decoder): posix_spawn with the two descriptors as its stdin and stdout, nothing else of
// the kiosk's open in it (descriptors above stderr are closed, whether or not a library set
// O_CLOEXEC), in a process group of its own (so a kill takes its children too) and with no signal
// blocked. The caller closes its copies of the two descriptors it passed.

#include "core/base/Result.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace kiosk::drivers {

// args[0] is the program's path. Errors: Device, with posix_spawn's reason.
Result<pid_t> spawn_helper(std::vector<std::string> args, int stdin_fd, int stdout_fd);

} // namespace kiosk::drivers
