#include "drivers/idcard/UsbHotplug.h"

#include "core/base/Log.h"

#include <fmt/format.h>
#include <libusb.h>
#include <pthread.h>

namespace kiosk::drivers::sam {
namespace {

int LIBUSB_CALL on_hotplug(libusb_context*, libusb_device* device, libusb_hotplug_event event, void* user) {
    libusb_device_descriptor descriptor{};
    libusb_get_device_descriptor(device, &descriptor);
    auto kind =
        event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED ? UsbHotplugEvent::Arrived : UsbHotplugEvent::Left;
    UsbId id{descriptor.idVendor, descriptor.idProduct};
    log::info("idcard usb {} {}", to_string(id), kind == UsbHotplugEvent::Arrived ? "arrived" : "left");
    static_cast<UsbHotplug::Callback*>(user)->operator()(kind, id);
    return 0; // stay registered
}

} // namespace

Result<std::unique_ptr<UsbHotplug>> UsbHotplug::start(std::vector<UsbId> ids, Callback callback) {
    if (ids.empty())
        return make_error(ErrorCode::InvalidArgument, "no USB reader ids to watch");
    libusb_context* context = nullptr;
    if (int started = libusb_init(&context); started != 0)
        return make_error(ErrorCode::Unsupported,
                          fmt::format("no USB hot-plug (libusb: {})", libusb_error_name(started)));
    if (!libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG)) {
        libusb_exit(context);
        return make_error(ErrorCode::Unsupported, "this libusb has no hot-plug support");
    }
    std::unique_ptr<UsbHotplug> hotplug(new UsbHotplug(context, std::move(callback)));
    for (const UsbId& id : ids) {
        int handle = 0;
        int registered = libusb_hotplug_register_callback(
            context, LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT,
            LIBUSB_HOTPLUG_NO_FLAGS, id.vendor, id.product, LIBUSB_HOTPLUG_MATCH_ANY, on_hotplug,
            &hotplug->m_callback, &handle);
        if (registered != 0)
            return make_error(ErrorCode::Unsupported, fmt::format("cannot watch {}: {}", to_string(id),
                                                                  libusb_error_name(registered)));
        hotplug->m_registrations.push_back(handle);
    }
    hotplug->m_thread = std::thread([raw = hotplug.get()] { raw->run(); });
    pthread_setname_np(hotplug->m_thread.native_handle(), "idcard-hotplug");
    return hotplug;
}

UsbHotplug::UsbHotplug(libusb_context* context, Callback callback)
    : m_context(context), m_callback(std::move(callback)) {}

UsbHotplug::~UsbHotplug() {
    m_stopping = true;
    if (m_thread.joinable()) {
        libusb_interrupt_event_handler(m_context);
        m_thread.join();
    }
    for (int handle : m_registrations)
        libusb_hotplug_deregister_callback(m_context, handle);
    libusb_exit(m_context);
}

void UsbHotplug::run() {
    while (!m_stopping) {
        timeval slice{0, 500'000}; // a bound, in case an interrupt is missed
        libusb_handle_events_timeout_completed(m_context, &slice, nullptr);
    }
}

} // namespace kiosk::drivers::sam
