// What the HTTP layer answers by itself, and the connection cap (ServerLimits in hub/HubServer.h).
// The attacks themselves, all at once against a real kiosk-hub: hub.hostile_clients
// (tests/hub/hostile-clients.py).
#include "hub/Digest.h"
#include "tests/hub/HubTestSupport.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace kiosk::hub::test {
namespace {

// A plain TCP connection to the hub that says nothing (a client stalled before its ClientHello).
int connect_silently(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    timeval timeout{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return fd;
}

// True when the hub closed `fd` (read returns end of file) within its receive timeout.
bool closed_by_hub(int fd) {
    char byte = 0;
    return ::recv(fd, &byte, 1, 0) == 0;
}

TEST(HubServerLimits, ConnectionsBeyondTheCapAreClosedAtOnce) {
    HubInstance hub;
    hub.stop();
    hub.limits.max_connections = 3;
    hub.start();
    std::vector<int> held = {connect_silently(hub.port()), connect_silently(hub.port()),
                             connect_silently(hub.port())};
    int beyond = connect_silently(hub.port());
    EXPECT_TRUE(closed_by_hub(beyond));
    EXPECT_FALSE(closed_by_hub(held[0])); // still waiting for its handshake
    ::close(beyond);
    for (int fd : held)
        ::close(fd);
    // Once they are gone, a kiosk gets in again.
    Answer answer;
    for (int attempt = 0; attempt < 20 && answer.status == 0; ++attempt) {
        answer = get(*hub.client("kiosk-dev-kiosk-01"), "/v1/status/" + receipt_token(1));
        if (answer.status == 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(answer.status, 404);
}

TEST(HubServerLimits, AStalledHandshakeIsClosedAtItsDeadline) {
    HubInstance hub;
    hub.stop();
    hub.limits.handshake_timeout = std::chrono::milliseconds(300);
    hub.start();
    int fd = connect_silently(hub.port());
    EXPECT_TRUE(closed_by_hub(fd)); // within the 1 s receive timeout
    ::close(fd);
}

TEST(HubServerLimits, AnswersOfTheHttpLayerAreTheContractsJson) {
    HubInstance hub;
    auto kiosk = hub.client("kiosk-dev-kiosk-01");

    auto wrong_method = kiosk->Delete("/v1/applications");
    ASSERT_TRUE(wrong_method);
    EXPECT_EQ(wrong_method->status, 405);
    EXPECT_EQ(nlohmann::json::parse(wrong_method->body, nullptr, false).value("error", ""),
              "method-not-allowed");

    // A compressed body is refused from the header: the hub never inflates anything.
    std::string bytes = "a material";
    auto compressed = hub.client("kiosk-dev-kiosk-01")
                          ->Put("/v1/blobs/" + sha256_hex(bytes), {{"Content-Encoding", "gzip"}}, bytes,
                                "application/octet-stream");
    ASSERT_TRUE(compressed);
    EXPECT_EQ(compressed->status, 415);
    EXPECT_EQ(nlohmann::json::parse(compressed->body, nullptr, false).value("error", ""),
              "unsupported-media-type");
    EXPECT_EQ(hub.count("blobs"), 0);

    // HEAD is GET without the body, on every GET route.
    auto head = hub.client("kiosk-dev-kiosk-01")->Head("/v1/status/" + receipt_token(1));
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 404);
    EXPECT_TRUE(head->body.empty());

    // A header over 16 KiB.
    auto huge = hub.client("kiosk-dev-kiosk-01")
                    ->Get("/v1/status/" + receipt_token(1), {{"X-Padding", std::string(20 << 10, 'p')}});
    ASSERT_TRUE(huge);
    EXPECT_EQ(huge->status, 431);
    EXPECT_EQ(nlohmann::json::parse(huge->body, nullptr, false).value("error", ""), "refused");
}

} // namespace
} // namespace kiosk::hub::test
