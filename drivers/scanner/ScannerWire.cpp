#include "drivers/scanner/ScannerWire.h"

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <unistd.h>

namespace kiosk::drivers::wire {

namespace {

bool known(uint8_t type) {
    switch (static_cast<Type>(type)) {
    case Type::Option:
    case Type::Scan:
    case Type::Cancel:
    case Type::Ping:
    case Type::Status:
    case Type::Progress:
    case Type::Failed:
    case Type::Page:
    case Type::Alive:
        return true;
    }
    return false;
}

// Reads exactly `size` bytes; returns how many arrived before the end of the stream.
Result<size_t> read_fully(int fd, char* data, size_t size) {
    size_t done = 0;
    while (done < size) {
        ssize_t got = ::read(fd, data + done, size - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return make_error(ErrorCode::Io, std::string("scanner pipe: ") + std::strerror(errno));
        if (got == 0)
            break;
        done += static_cast<size_t>(got);
    }
    return done;
}

// The next space-separated integer of `text`, which is advanced past it.
template <typename Int>
bool next_int(std::string_view& text, Int& value) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end == text.data())
        return false;
    text.remove_prefix(static_cast<size_t>(end - text.data()));
    return true;
}

Error bad(Type type, const char* what) {
    return Error::make(ErrorCode::InvalidData, std::string("scanner host sent a bad '") +
                                                   static_cast<char>(type) + "' frame: " + what);
}

struct Encoder {
    std::string operator()(const ScanProgress& progress) const { return std::to_string(progress.percent); }
    std::string operator()(const ScanFailed& failed) const {
        std::string message = failed.error.message;
        for (char& c : message)
            if (c == '\n' || c == '\r')
                c = ' ';
        return std::to_string(static_cast<int>(failed.error.code)) + " " + message;
    }
    std::string operator()(const ScanFinished& finished) const {
        const ScannedPage& page = finished.page;
        std::string out = std::to_string(page.width) + " " + std::to_string(page.height) + " " +
                          std::to_string(page.channels) + " " + std::to_string(page.dpi) + "\n";
        out.append(reinterpret_cast<const char*>(page.pixels.data()), page.pixels.size());
        return out;
    }
    std::string operator()(const domain::DeviceStatus& status) const {
        return std::to_string(static_cast<int>(status.state)) + " " +
               std::to_string(static_cast<int>(status.fixed_by)) + " " + status.reason;
    }
};

} // namespace

Result<void> write_frame(int fd, Type type, std::string_view payload) {
    if (payload.size() > max_payload)
        return make_error(ErrorCode::InvalidArgument, "scanner frame too large");
    char header[5];
    header[0] = static_cast<char>(type);
    uint32_t length = static_cast<uint32_t>(payload.size());
    for (int i = 0; i < 4; ++i)
        header[1 + i] = static_cast<char>((length >> (8 * i)) & 0xff);
    std::string_view parts[2] = {std::string_view(header, sizeof header), payload};
    for (std::string_view part : parts) {
        while (!part.empty()) {
            ssize_t wrote = ::write(fd, part.data(), part.size());
            if (wrote < 0 && errno == EINTR)
                continue;
            if (wrote < 0)
                return make_error(ErrorCode::Io, std::string("scanner pipe: ") + std::strerror(errno));
            part.remove_prefix(static_cast<size_t>(wrote));
        }
    }
    return {};
}

Result<Frame> read_frame(int fd, size_t cap) {
    char header[5];
    size_t got = TRY(read_fully(fd, header, sizeof header));
    if (got == 0)
        return make_error(ErrorCode::NotFound, "scanner pipe closed");
    if (got < sizeof header)
        return make_error(ErrorCode::Io, "scanner pipe closed inside a frame");
    auto type = static_cast<uint8_t>(header[0]);
    if (!known(type))
        return make_error(ErrorCode::InvalidData, "scanner pipe: unknown frame type " + std::to_string(type));
    uint32_t length = 0;
    for (int i = 0; i < 4; ++i)
        length |= uint32_t(static_cast<uint8_t>(header[1 + i])) << (8 * i);
    if (length > cap)
        return make_error(ErrorCode::InvalidData,
                          "scanner pipe: frame of " + std::to_string(length) + " bytes is over the limit");
    Frame frame;
    frame.type = static_cast<Type>(type);
    frame.payload.resize(length);
    size_t body = TRY(read_fully(fd, frame.payload.data(), length));
    if (body < length)
        return make_error(ErrorCode::Io, "scanner pipe closed inside a frame");
    return frame;
}

std::string encode(const ScannerEvent& event) {
    return std::visit(Encoder{}, event);
}

Type type_of(const ScannerEvent& event) {
    if (std::holds_alternative<ScanProgress>(event))
        return Type::Progress;
    if (std::holds_alternative<ScanFinished>(event))
        return Type::Page;
    if (std::holds_alternative<ScanFailed>(event))
        return Type::Failed;
    return Type::Status;
}

Result<ScannerEvent> decode_event(const Frame& frame) {
    std::string_view text = frame.payload;
    switch (frame.type) {
    case Type::Progress: {
        int percent = 0;
        if (!next_int(text, percent) || !text.empty() || percent < 0 || percent > 100)
            return bad(frame.type, "percent");
        return ScannerEvent{ScanProgress{percent}};
    }
    case Type::Failed: {
        int code = 0;
        if (!next_int(text, code) || code < 0 || code > static_cast<int>(ErrorCode::Internal) ||
            (!text.empty() && text.front() != ' '))
            return bad(frame.type, "error code");
        if (!text.empty())
            text.remove_prefix(1);
        if (text.size() > 1000 || text.find('\n') != std::string_view::npos)
            return bad(frame.type, "message");
        return ScannerEvent{ScanFailed{Error::make(static_cast<ErrorCode>(code), std::string(text))}};
    }
    case Type::Status: {
        int state = 0, fixed_by = 0;
        if (!next_int(text, state) || !next_int(text, fixed_by) || state < 0 ||
            state > static_cast<int>(domain::DeviceState::Fault) || fixed_by < 0 ||
            fixed_by > static_cast<int>(domain::FixedBy::Engineer) || (!text.empty() && text.front() != ' '))
            return bad(frame.type, "state");
        if (!text.empty())
            text.remove_prefix(1);
        if (text.size() > 64)
            return bad(frame.type, "reason");
        for (char c : text)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
                return bad(frame.type, "reason");
        domain::DeviceStatus status;
        status.kind = domain::DeviceKind::Scanner;
        status.state = static_cast<domain::DeviceState>(state);
        status.fixed_by = static_cast<domain::FixedBy>(fixed_by);
        status.reason = std::string(text);
        return ScannerEvent{std::move(status)};
    }
    case Type::Page: {
        size_t line = text.find('\n');
        if (line == std::string_view::npos || line > 64)
            return bad(frame.type, "header");
        std::string_view header = text.substr(0, line);
        ScannedPage page;
        if (!next_int(header, page.width) || !next_int(header, page.height) ||
            !next_int(header, page.channels) || !next_int(header, page.dpi) || !header.empty())
            return bad(frame.type, "header");
        if (page.width <= 0 || page.height <= 0 || (page.channels != 1 && page.channels != 3) ||
            page.dpi <= 0 || page.width > 100000 || page.height > 100000)
            return bad(frame.type, "size");
        std::string_view pixels = text.substr(line + 1);
        if (pixels.size() != size_t(page.width) * size_t(page.height) * size_t(page.channels))
            return bad(frame.type, "pixel count");
        page.pixels.assign(pixels.begin(), pixels.end());
        return ScannerEvent{ScanFinished{std::move(page)}};
    }
    default:
        return bad(frame.type, "not an event");
    }
}

std::string encode_scan(const ScanRequest& request) {
    return std::to_string(request.dpi) + " " + (request.color ? "1" : "0");
}

Result<ScanRequest> decode_scan(std::string_view payload) {
    ScanRequest request;
    int color = 0;
    if (!next_int(payload, request.dpi) || !next_int(payload, color) || !payload.empty() ||
        (color != 0 && color != 1))
        return make_error(ErrorCode::InvalidData, "bad scan request");
    request.color = color == 1;
    return request;
}

} // namespace kiosk::drivers::wire
