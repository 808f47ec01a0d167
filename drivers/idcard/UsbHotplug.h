#pragma once
// USB arrival/departure of ID-card readers, from libusb's hot-plug monitor (docs/specs/idcard-sam.md
// §5 pitfall 7). Events are handled on a small thread of this object and passed to a callback, which
// typically wakes the reader: SamReader::device_arrived() reopens now instead of after its back-off,
// device_left() reports "absent" at once. Where libusb has no hot-plug support, start() says
// Unsupported and the reader's reopen back-off is all there is.

#include "drivers/idcard/UsbLink.h"

#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace kiosk::drivers::sam {

enum class UsbHotplugEvent { Arrived, Left };

class UsbHotplug {
public:
    using Callback = std::function<void(UsbHotplugEvent, UsbId)>;

    // Watches the listed VID:PIDs. The callback runs on the hot-plug thread.
    static Result<std::unique_ptr<UsbHotplug>> start(std::vector<UsbId> ids, Callback callback);
    // Stops the thread; no callback runs after the destructor returns.
    ~UsbHotplug();
    UsbHotplug(const UsbHotplug&) = delete;
    UsbHotplug& operator=(const UsbHotplug&) = delete;

private:
    UsbHotplug(libusb_context* context, Callback callback);
    void run();

    libusb_context* m_context = nullptr;
    Callback m_callback;
    std::vector<int> m_registrations;
    std::atomic<bool> m_stopping = false;
    std::thread m_thread;
};

} // namespace kiosk::drivers::sam
