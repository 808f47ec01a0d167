// The serial link against a real pty standing in for a CDC-ACM reader (docs/specs/test-rig.md §6):
// raw 8N1 at the configured baud, frames that arrive in pieces or after garbage, bad frames as
// errors, an interrupted or silent line as a timeout, and a vanished device as NotFound.

#include "drivers/idcard/SerialLink.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <pty.h>
#include <sys/stat.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

namespace kiosk::drivers::sam {
namespace {

using namespace std::chrono_literals;

class SerialLinkTest : public ::testing::Test {
protected:
    void SetUp() override {
        char name[128] = {};
        ASSERT_EQ(openpty(&m_master, &m_slave, name, nullptr, nullptr), 0);
        m_path = name;
    }
    void TearDown() override {
        if (m_master >= 0)
            close(m_master);
        close(m_slave);
    }

    std::unique_ptr<SerialLink> open_link(int baud = 115200) {
        auto link = SerialLink::open({m_path, baud});
        EXPECT_TRUE(link.ok()) << link.error().describe();
        return link.ok() ? link.release_value() : nullptr;
    }
    void write_master(std::span<const uint8_t> bytes) {
        ASSERT_EQ(write(m_master, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    }
    void close_master() {
        close(m_master);
        m_master = -1;
    }
    static Deadline in(std::chrono::milliseconds delay) { return std::chrono::steady_clock::now() + delay; }

    int m_master = -1;
    int m_slave = -1;
    std::string m_path;
};

TEST_F(SerialLinkTest, OpensRaw8N1WithoutFlowControlAtTheConfiguredBaud) {
    auto link = open_link(9600);
    ASSERT_TRUE(link);
    termios tio{};
    ASSERT_EQ(tcgetattr(m_master, &tio), 0); // a pty master reports its slave's settings
    EXPECT_EQ(cfgetospeed(&tio), B9600);
    EXPECT_EQ(tio.c_cflag & CSIZE, static_cast<tcflag_t>(CS8));
    EXPECT_EQ(tio.c_cflag & (PARENB | CSTOPB | CRTSCTS), 0u);
    EXPECT_EQ(tio.c_iflag & (IXON | IXOFF | ICRNL), 0u);
    EXPECT_EQ(tio.c_lflag & (ICANON | ECHO | ISIG), 0u);
    EXPECT_EQ(link->describe(), "serial " + m_path + " @9600");
}

TEST_F(SerialLinkTest, MissingDeviceIsNotFound) {
    auto link = SerialLink::open({"/dev/ttyACM-onewindow-missing"});
    ASSERT_FALSE(link.ok());
    EXPECT_EQ(link.error().code, ErrorCode::NotFound);
}

TEST_F(SerialLinkTest, SomethingThatIsNotASerialPortIsRefused) {
    auto link = SerialLink::open({"/dev/null"});
    ASSERT_FALSE(link.ok());
    EXPECT_EQ(link.error().code, ErrorCode::InvalidArgument);
}

TEST_F(SerialLinkTest, OnlyTheSamModulesBaudRatesAreAccepted) {
    for (int baud : {115200, 57600, 38400, 19200, 9600})
        EXPECT_TRUE(check_baud(baud).ok()) << baud;
    auto link = SerialLink::open({m_path, 4800});
    ASSERT_FALSE(link.ok());
    EXPECT_EQ(link.error().code, ErrorCode::InvalidArgument);
}

TEST_F(SerialLinkTest, PermissionDeniedTellsAboutTheDialoutGroup) {
    if (geteuid() == 0)
        GTEST_SKIP() << "root opens any device";
    ASSERT_EQ(chmod(m_path.c_str(), 0), 0); // as a tty the kiosk user has no group access to
    auto link = SerialLink::open({m_path});
    ASSERT_FALSE(link.ok());
    EXPECT_NE(link.error().message.find("dialout"), std::string::npos);
}

TEST_F(SerialLinkTest, SendsTheFrameAsIs) {
    auto link = open_link();
    auto frame = build_command(Command::FindCard);
    ASSERT_TRUE(link->send(frame).ok());
    std::vector<uint8_t> got(frame.size());
    size_t have = 0;
    while (have < got.size()) {
        ssize_t n = read(m_master, got.data() + have, got.size() - have);
        ASSERT_GT(n, 0);
        have += static_cast<size_t>(n);
    }
    EXPECT_EQ(got, frame);
}

TEST_F(SerialLinkTest, ReceivesAFrameSplitAcrossWritesAfterGarbage) {
    auto link = open_link();
    std::vector<uint8_t> data(1284, 0x5A); // read-base sized: 1295 bytes on the wire
    auto frame = build_response(0x90, data);
    std::thread device([&] {
        const uint8_t garbage[] = {0x00, 0xFF, 0xAA, 0x96, 0x13};
        write_master(garbage);
        for (size_t at = 0; at < frame.size(); at += 500) {
            std::this_thread::sleep_for(20ms);
            write_master(std::span(frame).subspan(at, std::min<size_t>(500, frame.size() - at)));
        }
    });
    auto response = link->receive(in(20s));
    device.join();
    ASSERT_TRUE(response.ok()) << response.error().describe();
    EXPECT_EQ(response->sw3, 0x90);
    EXPECT_EQ(response->data, data);
}

TEST_F(SerialLinkTest, BadChecksumIsInvalidDataAndTheNextFrameStillArrives) {
    auto link = open_link();
    auto bad = build_response(0x90);
    bad.back() ^= 0xFF;
    write_master(bad);
    write_master(build_response(0x9F, std::vector<uint8_t>(4)));
    auto first = link->receive(in(20s));
    ASSERT_FALSE(first.ok());
    EXPECT_EQ(first.error().code, ErrorCode::InvalidData);
    auto second = link->receive(in(20s));
    ASSERT_TRUE(second.ok()) << second.error().describe();
    EXPECT_EQ(second->sw3, 0x9F);
}

TEST_F(SerialLinkTest, SilenceUntilTheDeadlineIsATimeout) {
    auto link = open_link();
    auto response = link->receive(in(50ms));
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code, ErrorCode::Timeout);
}

TEST_F(SerialLinkTest, DiscardInputDropsHalfAFrameLeftByATimeout) {
    auto link = open_link();
    auto stale = build_response(0x41);
    write_master(std::span(stale).first(8)); // preamble, LEN and a byte: the rest never comes
    ASSERT_EQ(link->receive(in(300ms)).error().code, ErrorCode::Timeout);
    link->discard_input();
    write_master(build_response(0x90));
    auto response = link->receive(in(20s));
    ASSERT_TRUE(response.ok()) << response.error().describe();
    EXPECT_EQ(response->sw3, 0x90);
}

TEST_F(SerialLinkTest, InterruptEndsAWaitingReceive) {
    auto link = open_link();
    std::thread stopper([&] {
        std::this_thread::sleep_for(50ms);
        link->interrupt();
    });
    auto began = std::chrono::steady_clock::now();
    auto response = link->receive(in(std::chrono::minutes(10)));
    stopper.join();
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code, ErrorCode::Timeout);
    EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::minutes(2));
}

TEST_F(SerialLinkTest, VanishedDeviceIsNotFound) {
    auto link = open_link();
    close_master();
    auto response = link->receive(in(20s));
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code, ErrorCode::NotFound);
    EXPECT_EQ(link->send(build_command(Command::FindCard)).error().code, ErrorCode::NotFound);
}

TEST_F(SerialLinkTest, OpenerReopensThePath) {
    auto opener = SerialLink::opener({m_path});
    auto link = opener();
    ASSERT_TRUE(link.ok()) << link.error().describe();
    link = Result<std::unique_ptr<SamLink>>(make_error(ErrorCode::Internal, "closed"));
    EXPECT_TRUE(opener().ok());
}

} // namespace
} // namespace kiosk::drivers::sam
