// kiosk-photo-decoder: the vendor's WLT photo decoder (WltDecoder.h) in a process of its own. The
// kiosk (WltDecoder) starts it, writes photos to its stdin and reads pictures from its stdout; logs go
// to stderr.
//
// Why a process: the decoder is closed code handed bytes from a card, and a card can be forged. Here
// it has nothing to steal and nothing to crash. Before the library is loaded the helper closes every
// descriptor it inherited above stderr and restricts itself with Landlock (HostSandbox.h) to reading
// the system's libraries (/usr, /lib*, /etc/ld.so.cache) and the plugin's own folder (vendors keep
// data files beside the .so); nothing is writable. Not /etc/onewindow (outbox key, TLS key), not
// /var/lib/onewindow (database, outbox), not /tmp. A crash or a hang costs the photo of one card: the
// kiosk kills the helper and starts another for the next one.
//
// On a kernel without Landlock the helper logs a warning and decodes unrestricted (fail open, as
// kiosk-scanner-host does, for development machines; the kiosk image's kernel has it). Landlock there
// but refused is our own set-up's mistake: the helper exits, and the kiosk shows cards without photos.
//
//   kiosk-photo-decoder --plugin PATH
//
// The protocol, after start:
//   helper → kiosk: one line, "ok" when the plugin loaded and exports onewindow_wlt_decode, or
//                   "unsupported: REASON" (and the helper exits 3).
//   kiosk → helper: a request, exactly 1024 bytes (a WLT photo).
//   helper → kiosk: one status byte: 0, then 102 × 126 × 3 RGB bytes; or the decoder's non-zero
//                   return value (1 … 255; anything else as 255), and nothing more.
// The end of stdin between requests ends the helper (exit 0); a partial request is malformed (exit 1).

#include "core/base/Log.h"
#include "drivers/common/HostSandbox.h"
#include "drivers/idcard/WltDecoder.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace kiosk;
using namespace kiosk::drivers;

namespace {

using DecodeFunction = int (*)(const unsigned char*, size_t, unsigned char*, size_t);

int usage() {
    std::fputs(
        "usage: kiosk-photo-decoder --plugin PATH\n"
        "  (started by the kiosk; WLT photos on stdin, pictures on stdout: see PhotoDecoderMain.cpp)\n",
        stderr);
    return 2;
}

// Reads exactly `size` bytes: the count read (less than `size` only at the end of the input), or -1.
ssize_t read_exactly(int fd, unsigned char* data, size_t size) {
    size_t done = 0;
    while (done < size) {
        ssize_t got = ::read(fd, data + done, size - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        done += static_cast<size_t>(got);
    }
    return static_cast<ssize_t>(done);
}

bool write_all(int fd, const unsigned char* data, size_t size) {
    while (size > 0) {
        ssize_t wrote = ::write(fd, data, size);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0)
            return false;
        data += wrote;
        size -= static_cast<size_t>(wrote);
    }
    return true;
}

bool write_line(const std::string& line) {
    std::string text = line + "\n";
    return write_all(STDOUT_FILENO, reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

} // namespace

int main(int argc, char** argv) {
    close_inherited_fds();         // stdin, stdout (the socket to the kiosk) and stderr (the log) only
    std::signal(SIGPIPE, SIG_IGN); // a gone kiosk is a failed write
    std::string plugin;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--plugin" && i + 1 < argc)
            plugin = argv[++i];
        else
            return usage();
    }
    if (plugin.empty())
        return usage();

    std::error_code ignored;
    auto canonical = std::filesystem::canonical(plugin, ignored);
    if (ignored) {
        write_line("unsupported: no library at " + plugin);
        return 3;
    }
    SandboxPaths paths;
    paths.read = {"/usr", "/lib", "/lib64", "/lib32", "/etc/ld.so.cache", canonical.parent_path().string()};
    auto restricted = restrict_file_system(paths);
    if (!restricted.ok() && restricted.error().code != ErrorCode::Unsupported) {
        log::error("photo decoder: sandbox failed, not decoding: {}", restricted.error().describe());
        return 4;
    }
    if (!restricted.ok())
        log::warn("photo decoder: decoding unrestricted: {}", restricted.error().describe());

    // RTLD_LOCAL: the vendor's symbols stay out of ours.
    void* handle = dlopen(canonical.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* reason = dlerror();
        write_line(std::string("unsupported: cannot load ") + plugin + ": " +
                   (reason ? reason : "unknown reason"));
        return 3;
    }
    auto decode = reinterpret_cast<DecodeFunction>(dlsym(handle, kWltDecodeSymbol));
    if (!decode) {
        write_line("unsupported: " + plugin + " has no " + kWltDecodeSymbol +
                   " (see WltDecoder.h for the ABI)");
        return 3;
    }
    if (!write_line("ok"))
        return 1;

    std::array<unsigned char, kWltSize> wlt{};
    std::vector<unsigned char> answer(1 + kPhotoRgbSize);
    for (;;) {
        ssize_t got = read_exactly(STDIN_FILENO, wlt.data(), wlt.size());
        if (got == 0)
            return 0;
        if (got != static_cast<ssize_t>(wlt.size()))
            return 1; // malformed: the kiosk sends whole photos only
        int status = decode(wlt.data(), wlt.size(), answer.data() + 1, kPhotoRgbSize);
        if (status == 0) {
            answer[0] = 0;
            if (!write_all(STDOUT_FILENO, answer.data(), answer.size()))
                return 1;
        } else {
            unsigned char code = (status > 0 && status < 256) ? static_cast<unsigned char>(status) : 255;
            if (!write_all(STDOUT_FILENO, &code, 1))
                return 1;
        }
    }
}
