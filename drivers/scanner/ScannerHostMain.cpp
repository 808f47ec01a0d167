// kiosk-scanner-host: libsane in a process of its own. The kiosk (IsolatedScanner) starts it, sends
// commands on its stdin and reads events from its stdout (ScannerWire.h); logs go to stderr.
//
// Why a process: SANE backends run reader threads that libsane cancels asynchronously, and a thread
// cancelled inside malloc or the dynamic loader leaves that lock held for ever (SaneDevice.cpp). In
// the kiosk that would wedge unrelated threads; here it wedges only this process, which the kiosk
// kills and starts afresh. A crashing backend is contained the same way.
//
// Before libsane starts, the host closes every descriptor it inherited above stderr and restricts
// itself with Landlock to what SANE needs (HostSandbox.h): a backend exploited through a malicious
// USB device cannot read the outbox key, the TLS key or the kiosk's database. On a kernel without
// Landlock it logs a warning and scans unrestricted (fail open): the sandbox is defence in depth
// beside the unit's own (images/onewindow-kiosk.service), a kiosk that cannot scan takes no
// application at all, and the kiosk image's kernel (Debian 12's 6.1) has Landlock — so this is for
// development machines. Landlock there but refused (the unit's seccomp filter) is our own mistake:
// the host exits (fail closed), the scanner shows a fault for the engineer, and the image gets fixed.
//
//   kiosk-scanner-host --device NAME [--source SOURCE] [--whole-glass] [--reopen-ms N] [--log-level 0-3]
//                      [--allow-read PATH]...   (a file a backend may read besides: test rigs' pnm input)

#include "core/base/Log.h"
#include "drivers/common/HostSandbox.h"
#include "drivers/scanner/SaneScanner.h"
#include "drivers/scanner/ScannerWire.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

using namespace kiosk;
using namespace kiosk::drivers;

namespace {

constexpr size_t most_command_bytes = size_t{64} * 1024;

int usage() {
    std::fputs(
        "usage: kiosk-scanner-host --device NAME [--source SOURCE] [--whole-glass] [--reopen-ms N]\n"
        "       [--log-level 0-3] [--allow-read PATH]...\n"
        "  (started by the kiosk; speaks the frames of drivers/scanner/ScannerWire.h on stdin/stdout)\n",
        stderr);
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    close_inherited_fds();         // stdin, stdout (the pipes) and stderr (the log) only
    std::signal(SIGPIPE, SIG_IGN); // a gone kiosk is a failed write, not a silent death
    std::vector<std::string> allow_read;
    SaneScannerOptions options;
    options.device.clear();
    options.thread_name = "scan-host";
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        bool has_value = i + 1 < argc;
        if (arg == "--device" && has_value)
            options.device = argv[++i];
        else if (arg == "--source" && has_value)
            options.source = argv[++i];
        else if (arg == "--whole-glass")
            options.a4_area = false;
        else if (arg == "--reopen-ms" && has_value)
            options.reopen_interval = std::chrono::milliseconds(std::atoi(argv[++i]));
        else if (arg == "--allow-read" && has_value)
            allow_read.emplace_back(argv[++i]);
        else if (arg == "--log-level" && has_value) // 0 debug … 3 error (log::Level)
            log::set_level(static_cast<log::Level>(std::clamp(std::atoi(argv[++i]), 0, 3)));
        else
            return usage();
    }
    if (options.device.empty() || options.reopen_interval.count() <= 0)
        return usage();

    auto sandboxed = restrict_file_system(sane_sandbox_paths(std::getenv("SANE_CONFIG_DIR"), allow_read));
    if (sandboxed.ok())
        log::info("scanner host: file system restricted (Landlock ABI {})", sandboxed.value());
    else if (sandboxed.error().code == ErrorCode::Unsupported)
        log::warn("scanner host: NOT sandboxed, scanning anyway: {}", sandboxed.error().message);
    else {
        log::error("scanner host: cannot restrict the file system: {}", sandboxed.error().message);
        return 1; // Landlock is there but refused: something is wrong, do not run unrestricted
    }

    std::mutex out;
    auto send = [&out](wire::Type type, std::string_view payload) {
        std::lock_guard lock(out);
        if (!wire::write_frame(STDOUT_FILENO, type, payload).ok())
            _exit(0); // the kiosk has gone: nothing is left to report to
    };
    SaneScanner scanner(options);
    auto started =
        scanner.start([&send](ScannerEvent event) { send(wire::type_of(event), wire::encode(event)); });
    if (!started.ok()) {
        log::error("scanner host: {}", started.error().message);
        return 1;
    }
    for (;;) {
        auto frame = wire::read_frame(STDIN_FILENO, most_command_bytes);
        if (!frame.ok()) {
            if (frame.error().code != ErrorCode::NotFound)
                log::error("scanner host: {}", frame.error().message);
            break; // the kiosk closed the pipe (stop) or spoke nonsense
        }
        switch (frame->type) {
        case wire::Type::Option: {
            auto zero = frame->payload.find('\0');
            if (zero == std::string::npos) {
                log::error("scanner host: option without a value");
                break;
            }
            scanner.set_backend_option(frame->payload.substr(0, zero), frame->payload.substr(zero + 1));
            break;
        }
        case wire::Type::Scan: {
            auto request = wire::decode_scan(frame->payload);
            auto asked = request.ok() ? scanner.scan(request.value()) : Result<void>(request.release_error());
            if (!asked.ok())
                send(wire::Type::Failed, wire::encode(ScanFailed{asked.release_error()}));
            break;
        }
        case wire::Type::Cancel:
            scanner.cancel();
            break;
        case wire::Type::Ping:
            scanner.after_pending([&send] { send(wire::Type::Alive, {}); });
            break;
        default:
            log::error("scanner host: '{}' is not a command", static_cast<char>(frame->type));
            break;
        }
    }
    scanner.stop(); // may wedge in a backend; the kiosk then kills this process
    return 0;
}
