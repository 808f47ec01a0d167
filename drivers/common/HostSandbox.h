#pragma once
// What a helper process may still touch once untrusted code runs in it: kiosk-scanner-host (libsane)
// and kiosk-photo-decoder (the vendor's photo decoder, drivers/idcard/PhotoDecoderMain.cpp, which
// builds its own, narrower SandboxPaths). For kiosk-scanner-host: a SANE backend parses bytes from a
// USB device (a malicious "scanner" on an exposed port is the threat), so the host, which runs as the
// kiosk's user, gives up at its start what it does not need:
//
// - every file descriptor it inherited above stderr (close_inherited_fds): the kiosk's database,
//   key files or sockets opened without O_CLOEXEC by a library must not reach a backend;
// - the file system outside an allow-list (restrict_file_system, Linux Landlock, kernel ≥ 5.13):
//   read and execute the system's libraries and data (/usr, /lib*), SANE's configuration
//   (/etc/sane.d, or the folders of SANE_CONFIG_DIR), /sys and /run/udev (libusb finds the devices
//   there), /proc/self; read and write the USB device nodes (/dev/bus/usb) and /dev/null. Nothing
//   else: not /etc/onewindow (outbox key, TLS key), not /var/lib/onewindow (database, outbox), not
//   the scan folder (pages go to the kiosk over the pipe; the host writes no file), not /tmp.
//
// Landlock only ever narrows what a process may do, and the restriction holds for everything it
// starts. A kernel without Landlock leaves the host unrestricted: restrict_file_system answers
// Unsupported, the host logs it and scans anyway (ScannerHostMain.cpp says why). A kernel that has
// it but refuses (a seccomp filter that does not allow the landlock_* calls) answers Io: the host
// does not scan unrestricted because of a mistake in our own set-up.

#include "core/base/Result.h"

#include <string>
#include <vector>

namespace kiosk::drivers {

struct SandboxPaths {
    std::vector<std::string> read;       // read files, list folders, execute (libraries), beneath each
    std::vector<std::string> read_write; // also write (device nodes); nothing may be created or removed
};

// What SANE needs on a kiosk. sane_config_dir: the value of SANE_CONFIG_DIR (folders separated by
// ':'; a test rig's private configuration), or null for /etc/sane.d. extra_read: files or folders a
// backend is to read besides (the pnm backend's input in test rigs).
SandboxPaths sane_sandbox_paths(const char* sane_config_dir, const std::vector<std::string>& extra_read);

// Closes every file descriptor above 2.
void close_inherited_fds();

// Restricts this process (and its threads created later, and its children) to `paths`; a path
// that does not exist here is left out. Answers the Landlock ABI version enforced, or Unsupported
// when the kernel has no Landlock (or it is disabled), or Io when the restriction failed.
Result<int> restrict_file_system(const SandboxPaths& paths);

} // namespace kiosk::drivers
