#pragma once
// A SAM reader on its native USB interface ("SAM_V", docs/specs/idcard-sam.md §1.5): four bulk
// pipes, where a frame's 7 header bytes (preamble + LEN) and its body travel on different endpoints.
// Opened through libusb by VID:PID; needs the udev rule in images/udev for a non-root kiosk user.

#include "drivers/idcard/SamLink.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct libusb_context;
struct libusb_device_handle;

namespace kiosk::drivers::sam {

struct UsbId {
    uint16_t vendor = 0;
    uint16_t product = 0;
    bool operator==(const UsbId&) const = default;
};
// "0400:C35A" (hex, either case) → {0x0400, 0xC35A}.
Result<UsbId> parse_usb_id(std::string_view text);
// "0400:c35a,0316:5020" → both; empty items are errors.
Result<std::vector<UsbId>> parse_usb_ids(std::string_view text);
std::string to_string(UsbId id); // "0400:c35a"

struct UsbOptions {
    std::vector<UsbId> ids = {{0x0400, 0xC35A}};  // tried in order; openiDR200-class readers by default
    int interface_number = 0;                     // claimed (a bound kernel driver is detached)
    uint8_t endpoint_header_out = 0x02;           // host→reader preamble + LEN
    uint8_t endpoint_body_out = 0x06;             // host→reader CMD … CHK
    uint8_t endpoint_header_in = 0x81;            // reader→host preamble + LEN
    uint8_t endpoint_body_in = 0x85;              // reader→host SW1 … CHK
    std::chrono::milliseconds write_timeout{500}; // per bulk OUT transfer
};

class UsbLink final : public SamLink {
public:
    // Errors: NotFound (no reader with a listed VID:PID), Io naming the udev rule (permission
    // denied), Busy (another program claimed the interface).
    static Result<std::unique_ptr<UsbLink>> open(const UsbOptions& options);
    static SamLinkOpener opener(UsbOptions options);
    ~UsbLink() override;
    UsbLink(const UsbLink&) = delete;
    UsbLink& operator=(const UsbLink&) = delete;

    void discard_input() override;
    Result<void> send(std::span<const uint8_t> frame) override;
    Result<Response> receive(Deadline deadline) override;
    std::string describe() const override { return m_description; }
    void interrupt() override { m_interrupted = true; }

private:
    UsbLink(UsbOptions options, libusb_context* context, libusb_device_handle* handle,
            std::string description);
    Result<void> write(uint8_t endpoint, std::span<const uint8_t> bytes);
    Result<void> read_exactly(uint8_t endpoint, std::span<uint8_t> into, Deadline deadline);

    UsbOptions m_options;
    libusb_context* m_context = nullptr;
    libusb_device_handle* m_handle = nullptr;
    std::string m_description;
    std::atomic<bool> m_interrupted = false; // checked between short transfer slices
};

} // namespace kiosk::drivers::sam
