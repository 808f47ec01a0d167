#include "drivers/idcard/UsbLink.h"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <libusb.h>
#include <optional>

namespace kiosk::drivers::sam {
namespace {

// Transfers are cut into slices this long so interrupt() is noticed without async libusb.
constexpr std::chrono::milliseconds kSlice{100};

Error usb_error(int code, std::string_view what) {
    if (code == LIBUSB_ERROR_NO_DEVICE)
        return make_error(ErrorCode::NotFound, fmt::format("device gone ({})", what));
    if (code == LIBUSB_ERROR_OVERFLOW)
        return make_error(ErrorCode::InvalidData, fmt::format("{}: the reader sent more than a frame", what));
    if (code == LIBUSB_ERROR_ACCESS)
        return make_error(ErrorCode::Io, fmt::format("{}: permission denied; install images/udev/"
                                                     "60-onewindow-idcard.rules and replug the reader",
                                                     what));
    if (code == LIBUSB_ERROR_BUSY)
        return make_error(ErrorCode::Busy, fmt::format("{}: the reader is claimed by another program", what));
    return make_error(ErrorCode::Io, fmt::format("{}: {}", what, libusb_error_name(code)));
}

Result<uint16_t> parse_hex16(std::string_view text) {
    uint16_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (text.empty() || text.size() > 4 || error != std::errc{} || end != text.data() + text.size())
        return make_error(ErrorCode::InvalidArgument, fmt::format("'{}' is not a 4-digit hex USB id", text));
    return value;
}

// Claims the reader's interface on an opened handle; the handle is closed on failure.
Result<void> claim(libusb_device_handle* handle, int interface_number) {
    // Not every platform can detach (LIBUSB_ERROR_NOT_SUPPORTED): then nothing is bound, or claim says so.
    libusb_set_auto_detach_kernel_driver(handle, 1);
    int claimed = libusb_claim_interface(handle, interface_number);
    if (claimed != 0) {
        libusb_close(handle);
        return usb_error(claimed, fmt::format("claim interface {}", interface_number));
    }
    return {};
}

} // namespace

Result<UsbId> parse_usb_id(std::string_view text) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos)
        return make_error(ErrorCode::InvalidArgument, fmt::format("'{}' is not VID:PID", text));
    auto vendor = TRY(parse_hex16(text.substr(0, colon)));
    auto product = TRY(parse_hex16(text.substr(colon + 1)));
    return UsbId{vendor, product};
}

Result<std::vector<UsbId>> parse_usb_ids(std::string_view text) {
    std::vector<UsbId> ids;
    for (;;) {
        auto comma = text.find(',');
        ids.push_back(TRY(parse_usb_id(text.substr(0, comma))));
        if (comma == std::string_view::npos)
            return ids;
        text.remove_prefix(comma + 1);
    }
}

std::string to_string(UsbId id) {
    return fmt::format("{:04x}:{:04x}", id.vendor, id.product);
}

Result<std::unique_ptr<UsbLink>> UsbLink::open(const UsbOptions& options) {
    if (options.ids.empty())
        return make_error(ErrorCode::InvalidArgument, "no USB reader ids configured");
    libusb_context* context = nullptr;
    if (int started = libusb_init(&context); started != 0)
        return make_error(ErrorCode::NotFound,
                          fmt::format("no USB here (libusb: {})", libusb_error_name(started)));
    libusb_device** devices = nullptr;
    ssize_t count = libusb_get_device_list(context, &devices);
    std::string wanted;
    std::optional<Error> failure;
    libusb_device_handle* handle = nullptr;
    std::string description;
    for (const UsbId& id : options.ids) {
        wanted += (wanted.empty() ? "" : ", ") + to_string(id);
        for (ssize_t i = 0; i < count && !handle; ++i) {
            libusb_device_descriptor descriptor{};
            if (libusb_get_device_descriptor(devices[i], &descriptor) != 0 ||
                descriptor.idVendor != id.vendor || descriptor.idProduct != id.product)
                continue;
            description =
                fmt::format("usb {} bus {} addr {}", to_string(id), libusb_get_bus_number(devices[i]),
                            libusb_get_device_address(devices[i]));
            if (int opened = libusb_open(devices[i], &handle); opened != 0) {
                handle = nullptr;
                failure = usb_error(opened, "open " + description);
                continue;
            }
            if (auto claimed = claim(handle, options.interface_number); !claimed.ok()) {
                handle = nullptr;
                failure = claimed.release_error();
            }
        }
        if (handle)
            break;
    }
    if (count >= 0) // an empty list is allocated too
        libusb_free_device_list(devices, 1);
    if (!handle) {
        libusb_exit(context);
        if (failure)
            return *failure;
        return make_error(ErrorCode::NotFound, fmt::format("no USB ID-card reader ({}) connected", wanted));
    }
    return std::unique_ptr<UsbLink>(new UsbLink(options, context, handle, std::move(description)));
}

SamLinkOpener UsbLink::opener(UsbOptions options) {
    return [options = std::move(options)]() -> Result<std::unique_ptr<SamLink>> {
        auto link = TRY(UsbLink::open(options));
        return std::unique_ptr<SamLink>(std::move(link));
    };
}

UsbLink::UsbLink(UsbOptions options, libusb_context* context, libusb_device_handle* handle,
                 std::string description)
    : m_options(std::move(options)), m_context(context), m_handle(handle),
      m_description(std::move(description)) {}

UsbLink::~UsbLink() {
    libusb_release_interface(m_handle, m_options.interface_number);
    libusb_close(m_handle);
    libusb_exit(m_context);
}

void UsbLink::discard_input() {
    uint8_t buffer[64];
    for (uint8_t endpoint : {m_options.endpoint_header_in, m_options.endpoint_body_in}) {
        for (int packets = 0; packets < 64; ++packets) {
            int got = 0;
            if (libusb_bulk_transfer(m_handle, endpoint, buffer, sizeof buffer, &got, 1) != 0 || got == 0)
                break;
        }
    }
}

Result<void> UsbLink::write(uint8_t endpoint, std::span<const uint8_t> bytes) {
    int sent = 0;
    // libusb's API takes a non-const buffer for both directions; an OUT transfer only reads it.
    int result = libusb_bulk_transfer(m_handle, endpoint, const_cast<uint8_t*>(bytes.data()),
                                      static_cast<int>(bytes.size()), &sent,
                                      static_cast<unsigned>(m_options.write_timeout.count()));
    if (result == LIBUSB_ERROR_TIMEOUT)
        return make_error(ErrorCode::Timeout, fmt::format("write to endpoint 0x{:02x} timed out", endpoint));
    if (result != 0)
        return usb_error(result, fmt::format("write to endpoint 0x{:02x}", endpoint));
    if (static_cast<size_t>(sent) != bytes.size())
        return make_error(ErrorCode::Io, fmt::format("short write to endpoint 0x{:02x}", endpoint));
    return {};
}

Result<void> UsbLink::send(std::span<const uint8_t> frame) {
    if (frame.size() <= kHeaderSize)
        return make_error(ErrorCode::InvalidArgument, "a command frame is longer than its header");
    TRY(write(m_options.endpoint_header_out, frame.first(kHeaderSize)));
    return write(m_options.endpoint_body_out, frame.subspan(kHeaderSize));
}

Result<void> UsbLink::read_exactly(uint8_t endpoint, std::span<uint8_t> into, Deadline deadline) {
    size_t got = 0;
    while (got < into.size()) {
        if (m_interrupted)
            return make_error(ErrorCode::Timeout, "receive interrupted");
        auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return make_error(ErrorCode::Timeout,
                              fmt::format("no answer from {} before the deadline", m_description));
        int transferred = 0;
        int result =
            libusb_bulk_transfer(m_handle, endpoint, into.data() + got, static_cast<int>(into.size() - got),
                                 &transferred, static_cast<unsigned>(std::min(left, kSlice).count()));
        got += static_cast<size_t>(std::max(transferred, 0));
        if (result == LIBUSB_ERROR_PIPE)
            libusb_clear_halt(m_handle, endpoint);
        if (result != 0 && result != LIBUSB_ERROR_TIMEOUT)
            return usb_error(result, fmt::format("read from endpoint 0x{:02x}", endpoint));
    }
    return {};
}

Result<Response> UsbLink::receive(Deadline deadline) {
    std::vector<uint8_t> frame(kHeaderSize);
    TRY(read_exactly(m_options.endpoint_header_in, frame, deadline));
    if (!std::equal(std::begin(kPreamble), std::end(kPreamble), frame.begin()))
        return make_error(ErrorCode::InvalidData, "response header does not start with AA AA AA 96 69");
    size_t length = size_t(frame[5]) << 8 | frame[6];
    if (length < 4 || length > kMaxFrameLength)
        return make_error(ErrorCode::InvalidData, fmt::format("response length {} out of range", length));
    frame.resize(kHeaderSize + length);
    TRY(read_exactly(m_options.endpoint_body_in, std::span(frame).subspan(kHeaderSize), deadline));
    return parse_response_frame(frame); // the checksum is checked where every other frame's is
}

} // namespace kiosk::drivers::sam
