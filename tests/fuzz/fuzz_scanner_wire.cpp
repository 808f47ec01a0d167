// libFuzzer target for the pipe from kiosk-scanner-host (drivers/scanner/ScannerWire.h): the kiosk
// reads it as bytes from outside, since the host runs a scanner backend nobody here wrote. Frames are
// read from a real pipe until it ends; every frame that decodes must be one the kiosk can use.

#include "drivers/scanner/ScannerWire.h"

#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace kiosk::drivers;
    if (size > 60000) // within one pipe buffer, so the write below never blocks
        return 0;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return 0;
    if (size > 0 && write(fds[1], data, size) != static_cast<ssize_t>(size))
        std::abort();
    close(fds[1]);
    for (;;) {
        auto frame = wire::read_frame(fds[0], 1 << 20);
        if (!frame.ok())
            break;
        auto event = wire::decode_event(frame.value());
        if (event.ok()) {
            if (auto* finished = std::get_if<ScanFinished>(&event.value())) {
                const auto& page = finished->page;
                require(page.width > 0 && page.height > 0 && (page.channels == 1 || page.channels == 3));
                require(page.pixels.size() == size_t(page.width) * page.height * page.channels);
            } else if (auto* progress = std::get_if<ScanProgress>(&event.value())) {
                require(progress->percent >= 0 && progress->percent <= 100);
            } else if (auto* failed = std::get_if<ScanFailed>(&event.value())) {
                require(failed->error.message.find('\n') == std::string::npos);
            }
        }
        (void)wire::decode_scan(frame.value().payload);
    }
    close(fds[0]);
    return 0;
}
