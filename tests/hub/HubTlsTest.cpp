// Mutual TLS and the clients registry: only the hall CA's certificates get a TLS session, and only
// registered, active CNs get an answer other than 403.
#include "tests/hub/HubTestSupport.h"

#include <gtest/gtest.h>

namespace kiosk::hub::test {
namespace {

TEST(HubTls, CertificateFromAnotherCaFailsTheHandshake) {
    HubInstance hub;
    // Same CN as a registered kiosk, but issued by a CA the hub does not trust.
    auto rogue = hub.client("rogue-kiosk");
    auto answer = rogue->Get("/v1/status/" + receipt_token(1));
    // No HTTP answer at all, not even a 403. Under TLS 1.3 the client learns of the server's refusal
    // only when it next reads or writes, so the error is SSLConnection, Write or Read.
    ASSERT_FALSE(answer);
    EXPECT_TRUE(answer.error() == httplib::Error::SSLConnection || answer.error() == httplib::Error::Write ||
                answer.error() == httplib::Error::Read)
        << httplib::to_string(answer.error());
}

TEST(HubTls, ClientWithoutCertificateFailsTheHandshake) {
    HubInstance hub;
    httplib::SSLClient anonymous("127.0.0.1", std::stoi(hub.url().substr(hub.url().rfind(':') + 1)));
    anonymous.set_ca_cert_path((certificates_dir() + "/ca.pem").c_str());
    anonymous.enable_server_certificate_verification(true);
    auto answer = anonymous.Get("/v1/status/" + receipt_token(1));
    EXPECT_FALSE(answer);
}

TEST(HubTls, UnknownClientIsRefused) {
    HubInstance hub;
    auto answer = get(*hub.client("kiosk-stranger"), "/v1/status/" + receipt_token(1));
    EXPECT_EQ(answer.status, 403);
    EXPECT_EQ(answer.body["error"], "client-unknown");
}

TEST(HubTls, RevokedClientIsRefusedAtOnce) {
    HubInstance hub;
    auto answer = post_json(*hub.client("kiosk-revoked-kiosk"), "/v1/applications",
                            application(1, "newborn", {"birth_certificate_registration"}));
    EXPECT_EQ(answer.status, 403);
    EXPECT_EQ(answer.body["error"], "client-revoked");
    EXPECT_EQ(hub.count("applications"), 0);

    // Revoking a kiosk that is up and running takes effect on its next request.
    auto kiosk = hub.client("kiosk-kiosk-02");
    EXPECT_EQ(get(*kiosk, "/v1/status/" + receipt_token(1)).status, 404);
    ASSERT_TRUE(hub.store().revoke_client("kiosk:kiosk-02", "test").ok());
    EXPECT_EQ(get(*kiosk, "/v1/status/" + receipt_token(1)).body["error"], "client-revoked");
}

TEST(HubTls, KioskCannotSubmitInAnotherKiosksName) {
    HubInstance hub;
    auto answer = post_json(*hub.client("kiosk-kiosk-02"), "/v1/applications",
                            application(1, "", {"no_criminal_record_certificate"}));
    EXPECT_EQ(answer.status, 403);
    EXPECT_EQ(answer.body["error"], "kiosk-mismatch");
    EXPECT_EQ(hub.count("applications"), 0);
}

TEST(HubTls, UnknownPathsAnswerJson) {
    HubInstance hub;
    auto answer = get(*hub.client("kiosk-dev-kiosk-01"), "/v1/nothing-here");
    EXPECT_EQ(answer.status, 404);
    EXPECT_EQ(answer.body["error"], "not-found");
}

} // namespace
} // namespace kiosk::hub::test
