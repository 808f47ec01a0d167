// The pipe between the kiosk and kiosk-scanner-host: every event survives the trip, and what the
// host sends is checked like any other bytes from outside.
#include "drivers/scanner/ScannerWire.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

namespace kiosk::drivers::wire {
namespace {

struct Pipe {
    int read = -1, write = -1;
    Pipe() {
        int fds[2];
        EXPECT_EQ(pipe2(fds, O_CLOEXEC), 0);
        read = fds[0];
        write = fds[1];
    }
    ~Pipe() {
        close_write();
        if (read >= 0)
            ::close(read);
    }
    void close_write() {
        if (write >= 0)
            ::close(write);
        write = -1;
    }
};

ScannerEvent round_trip(const ScannerEvent& event) {
    Pipe pipe;
    std::string payload = encode(event);
    std::thread writer([&] { EXPECT_TRUE(write_frame(pipe.write, type_of(event), payload).ok()); });
    auto frame = read_frame(pipe.read);
    writer.join();
    EXPECT_TRUE(frame.ok()) << frame.error().describe();
    auto decoded = decode_event(frame.value());
    EXPECT_TRUE(decoded.ok()) << decoded.error().describe();
    return decoded.release_value();
}

TEST(ScannerWire, EveryEventSurvivesThePipe) {
    ScannedPage page{.width = 300, .height = 200, .channels = 3, .dpi = 150, .pixels = {}};
    page.pixels.resize(300 * 200 * 3);
    for (size_t i = 0; i < page.pixels.size(); ++i)
        page.pixels[i] = static_cast<uint8_t>(i * 7);
    auto back = std::get<ScanFinished>(round_trip(ScanFinished{page})).page;
    EXPECT_EQ(back.width, 300);
    EXPECT_EQ(back.height, 200);
    EXPECT_EQ(back.channels, 3);
    EXPECT_EQ(back.dpi, 150);
    EXPECT_EQ(back.pixels, page.pixels);

    EXPECT_EQ(std::get<ScanProgress>(round_trip(ScanProgress{42})).percent, 42);

    auto failed =
        std::get<ScanFailed>(round_trip(ScanFailed{Error::make(ErrorCode::Device, "jammed\nagain")}));
    EXPECT_EQ(failed.error.code, ErrorCode::Device);
    EXPECT_EQ(failed.error.message, "jammed again"); // one line

    domain::DeviceStatus status;
    status.kind = domain::DeviceKind::Scanner;
    status.state = domain::DeviceState::Fault;
    status.fixed_by = domain::FixedBy::HallStaff;
    status.reason = "cover-open";
    auto decoded = std::get<domain::DeviceStatus>(round_trip(status));
    EXPECT_EQ(decoded.state, status.state);
    EXPECT_EQ(decoded.fixed_by, status.fixed_by);
    EXPECT_EQ(decoded.reason, "cover-open");
    EXPECT_EQ(decoded.kind, domain::DeviceKind::Scanner);
    status.reason.clear();
    status.state = domain::DeviceState::Ready;
    EXPECT_EQ(std::get<domain::DeviceStatus>(round_trip(status)).reason, "");
}

TEST(ScannerWire, ScanRequestsRoundTripAndBadOnesAreRefused) {
    auto request = decode_scan(encode_scan({.dpi = 300, .color = true}));
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->dpi, 300);
    EXPECT_TRUE(request->color);
    for (const char* bad : {"", "300", "300 2", "x 1", "300 1 extra", "300  "})
        EXPECT_FALSE(decode_scan(bad).ok()) << bad;
}

TEST(ScannerWire, BadEventsAreInvalidData) {
    struct Case {
        Type type;
        std::string payload;
    };
    std::vector<Case> cases = {
        {Type::Progress, ""},
        {Type::Progress, "101"},
        {Type::Progress, "-1"},
        {Type::Progress, "5 6"},
        {Type::Failed, "x message"},
        {Type::Failed, "99 message"},
        {Type::Failed, "3message"},
        {Type::Status, "9 0 jammed"},
        {Type::Status, "3 7 jammed"},
        {Type::Status, "3 1 jam med"},
        {Type::Status, "3 1 " + std::string(65, 'a')},
        {Type::Page, "10 10 1 300"},                             // no pixels line
        {Type::Page, "10 10 1 300\n" + std::string(99, 'x')},    // one short
        {Type::Page, "10 10 2 300\n" + std::string(200, 'x')},   // two channels
        {Type::Page, "0 10 1 300\n"},                            // empty page
        {Type::Page, "100000000 100000000 3 300\n"},             // absurd size
        {Type::Page, "10 10 1 300 9\n" + std::string(100, 'x')}, // extra field
        {Type::Scan, "300 0"},                                   // a command, not an event
    };
    for (const auto& c : cases) {
        auto event = decode_event(Frame{c.type, c.payload});
        ASSERT_FALSE(event.ok()) << static_cast<char>(c.type) << " " << c.payload.substr(0, 40);
        EXPECT_EQ(event.error().code, ErrorCode::InvalidData);
    }
}

TEST(ScannerWire, FramesAreCheckedBeforeTheirBodyIsRead) {
    {
        Pipe pipe;
        ASSERT_EQ(::write(pipe.write, "Z\0\0\0\0", 5), 5); // unknown type
        auto frame = read_frame(pipe.read);
        ASSERT_FALSE(frame.ok());
        EXPECT_EQ(frame.error().code, ErrorCode::InvalidData);
    }
    {
        Pipe pipe;
        ASSERT_EQ(::write(pipe.write, "I\xff\xff\xff\x7f", 5), 5); // 2 GB announced
        auto frame = read_frame(pipe.read);
        ASSERT_FALSE(frame.ok());
        EXPECT_EQ(frame.error().code, ErrorCode::InvalidData);
    }
    {
        Pipe pipe;
        ASSERT_EQ(::write(pipe.write,
                          "P\x03\0\0\0"
                          "42",
                          7),
                  7); // the writer dies inside the frame
        pipe.close_write();
        auto frame = read_frame(pipe.read);
        ASSERT_FALSE(frame.ok());
        EXPECT_EQ(frame.error().code, ErrorCode::Io);
    }
    {
        Pipe pipe;
        pipe.close_write(); // a clean end between frames
        auto frame = read_frame(pipe.read);
        ASSERT_FALSE(frame.ok());
        EXPECT_EQ(frame.error().code, ErrorCode::NotFound);
    }
    {
        Pipe pipe;
        ASSERT_EQ(::write(pipe.write, "O\x09\0\0\0", 5), 5);
        ASSERT_EQ(::write(pipe.write, "name\0val", 9), 9);
        auto frame = read_frame(pipe.read, 64);
        ASSERT_TRUE(frame.ok());
        EXPECT_EQ(frame->type, Type::Option);
        EXPECT_EQ(frame->payload, std::string("name\0val", 9));
        ASSERT_EQ(::write(pipe.write, "O\x41\0\0\0", 5), 5); // 65 bytes: over this reader's cap
        EXPECT_EQ(read_frame(pipe.read, 64).error().code, ErrorCode::InvalidData);
    }
}

} // namespace
} // namespace kiosk::drivers::wire
