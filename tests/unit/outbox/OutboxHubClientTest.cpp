// The kiosk's hub client against a hub stand-in over real TLS on 127.0.0.1: what each contract answer
// becomes (accepted / rejected for good / retry later), and that only a hub certified by the hall CA
// is trusted.

#include "FakeHub.h"
#include "OutboxTestSupport.h"
#include "core/base/Log.h"
#include "services/outbox/HubClient.h"
#include "services/outbox/SecretBox.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <mutex>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <unistd.h>

namespace kiosk::outbox {
namespace {

using namespace std::chrono_literals;
using namespace test;

const std::string kBlob = "%PDF-1.4 a scanned birth certificate";
const std::string kToken = "OW1-0000-0000-0000-0000";

std::string application_body(const std::string& id = "0123456789abcdef0123456789abcdef",
                             const std::string& name = "王小明") {
    return nlohmann::json{
        {"application_id", id},
        {"query_token", kToken},
        {"kiosk_id", "dev-kiosk-01"},
        {"submitted_at", "2026-11-29T06:00:00Z"},
        {"package_id", "newborn"},
        {"matter_ids", {"birth_registration"}},
        {"applicant", {{"name", name}}},
        {"materials", {{{"material_id", "birth_certificate"}, {"sha256", sha256_hex(kBlob)}}}}}
        .dump();
}

HubClient client_for(const HubOptions& options) {
    auto client = HubClient::create(options);
    EXPECT_TRUE(client.ok()) << client.error().describe();
    return client.release_value();
}

// A port nothing listens on: bound by us for a moment, then closed.
int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    (void)::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

TEST(OutboxHubClient, UploadsABlobOnceAndPresentsTheKioskCertificate) {
    FakeHub hub;
    auto client = client_for(hub.client_options());
    auto sha256 = sha256_hex(kBlob);
    auto before = client.head_blob(sha256);
    ASSERT_TRUE(before.ok()) << before.error().describe();
    EXPECT_FALSE(before.value());
    auto stored = client.put_blob(sha256, kBlob);
    ASSERT_TRUE(stored.ok()) << stored.error().describe();
    EXPECT_FALSE(stored.value().already_there);
    EXPECT_EQ(stored.value().bytes, static_cast<std::int64_t>(kBlob.size()));
    EXPECT_TRUE(client.head_blob(sha256).value());
    EXPECT_TRUE(client.put_blob(sha256, kBlob).value().already_there);
    EXPECT_EQ(hub.last_client_cn(), "kiosk:dev-kiosk-01");
}

// The uploader checks a blob against its hash just before it sends it, so the hub finding another hash
// means the bytes changed on the way: sending them again may work, and the application is not at fault.
TEST(OutboxHubClient, ABlobWhoseBytesDoNotMatchItsHashIsRetriedNotRefused) {
    FakeHub hub;
    auto refused = client_for(hub.client_options()).put_blob(sha256_hex("other bytes"), kBlob);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.verdict(), HubVerdict::Retry);
    EXPECT_EQ(refused.error().code, "hash-mismatch");
}

TEST(OutboxHubClient, AnApplicationIsAcceptedAndAReplayGetsTheSameNumber) {
    FakeHub hub;
    auto client = client_for(hub.client_options());
    ASSERT_TRUE(client.put_blob(sha256_hex(kBlob), kBlob).ok());
    auto first = client.submit_application(application_body());
    ASSERT_TRUE(first.ok()) << first.error().describe();
    EXPECT_EQ(first.value().application_number, "TEST20261129-0000001");
    EXPECT_FALSE(first.value().replay);
    ASSERT_EQ(first.value().matters.size(), 1u);
    EXPECT_EQ(first.value().matters[0].promised_date, "2026-12-04");

    auto again = client.submit_application(application_body());
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again.value().replay);
    EXPECT_EQ(again.value().application_number, "TEST20261129-0000001");
    EXPECT_EQ(hub.applications(), 1);
}

TEST(OutboxHubClient, TheSameIdWithOtherContentIsRejectedForGood) {
    FakeHub hub;
    auto client = client_for(hub.client_options());
    ASSERT_TRUE(client.put_blob(sha256_hex(kBlob), kBlob).ok());
    ASSERT_TRUE(client.submit_application(application_body()).ok());
    auto conflict = client.submit_application(application_body("0123456789abcdef0123456789abcdef", "李四"));
    ASSERT_FALSE(conflict.ok());
    EXPECT_EQ(conflict.verdict(), HubVerdict::Rejected);
    EXPECT_EQ(conflict.error().http_status, 409);
    EXPECT_EQ(conflict.error().code, "application-conflict");
}

TEST(OutboxHubClient, MissingBlobsAreListedSoTheKioskCanUploadThemAndRetry) {
    FakeHub hub;
    auto client = client_for(hub.client_options());
    auto missing = client.submit_application(application_body());
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().missing_blobs());
    EXPECT_EQ(missing.error().missing, std::vector<std::string>{sha256_hex(kBlob)});

    ASSERT_TRUE(client.put_blob(sha256_hex(kBlob), kBlob).ok());
    EXPECT_TRUE(client.submit_application(application_body()).ok());
}

TEST(OutboxHubClient, ServerErrorsAreRetriedAndClientErrorsAreNot) {
    FakeHub hub;
    auto client = client_for(hub.client_options());
    hub.fail_next(1, 503, "unavailable");
    auto busy = client.submit_application(application_body());
    ASSERT_FALSE(busy.ok());
    EXPECT_EQ(busy.verdict(), HubVerdict::Retry);
    EXPECT_EQ(busy.error().describe(), "retry: 503 unavailable: injected by the test");
    hub.fail_next(1, 503, "unavailable");
    auto head = client.head_blob(sha256_hex(kBlob)); // HEAD answers carry no body: the status decides
    EXPECT_EQ(head.verdict(), HubVerdict::Retry);
    EXPECT_EQ(head.error().code, "http-503");

    hub.fail_next(1, 400, "unknown-field");
    auto refused = client.submit_application(application_body());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.verdict(), HubVerdict::Rejected);
    EXPECT_EQ(refused.error().code, "unknown-field");
}

TEST(OutboxHubClient, OnlyTheContractsRefusalsOfAnApplicationAreFinal) {
    auto classify = [](int status, const std::string& body) {
        return classify_http_error(status, body, protocol::kFinalApplicationRefusals);
    };
    auto hub_says = [](const char* code) { return nlohmann::json{{"error", code}, {"message", "m"}}.dump(); };
    for (const auto& kind : protocol::kFinalApplicationRefusals) {
        auto error = classify(kind.status, hub_says(kind.code));
        EXPECT_EQ(error.verdict, HubVerdict::Rejected) << kind.code;
        EXPECT_TRUE(error.from_hub);
    }
    // Contract codes that say nothing final about the application: the HTTP layer's answers, a body
    // that did not arrive as sent, blobs to upload first, the kiosk refused rather than the application.
    for (const auto& kind : protocol::kErrorKinds) {
        bool final = std::any_of(protocol::kFinalApplicationRefusals.begin(),
                                 protocol::kFinalApplicationRefusals.end(),
                                 [&](const protocol::ErrorKind& f) { return f.code == kind.code; });
        if (!final) {
            EXPECT_EQ(classify(kind.status, hub_says(kind.code)).verdict, HubVerdict::Retry) << kind.code;
        }
    }
    // A code we do not know, a final code at another status than its own, no code at all.
    EXPECT_EQ(classify(422, hub_says("some-future-code")).verdict, HubVerdict::Retry);
    EXPECT_EQ(classify(400, hub_says("unknown-matter")).verdict, HubVerdict::Retry);
    EXPECT_EQ(classify(500, hub_says("bad-id-number")).verdict, HubVerdict::Retry);
    EXPECT_EQ(classify(422, R"({"message": "no code"})").verdict, HubVerdict::Retry);
    // What a proxy or a web server in front of the hub says.
    for (int status : {400, 404, 405, 409, 413, 414, 415, 422, 502}) {
        auto page = classify(status, "<html><body><h1>" + std::to_string(status) + "</h1></body></html>");
        EXPECT_EQ(page.verdict, HubVerdict::Retry) << status;
        EXPECT_FALSE(page.from_hub);
        EXPECT_EQ(page.code, "http-" + std::to_string(status));
        EXPECT_EQ(classify(status, "").verdict, HubVerdict::Retry) << status;
    }
    // Without a list of final refusals (blobs), nothing is final.
    EXPECT_EQ(classify_http_error(422, hub_says("unknown-matter")).verdict, HubVerdict::Retry);
}

// The error object is outside bytes that end up in log lines and the outbox's table: a code that is not
// spelled as the contract spells codes is not the hub's answer, and a long message is cut between
// characters (both found while adding fuzz_hub_answer).
TEST(OutboxHubClient, AnErrorCodeOrMessageFromTheHubStaysOneShortLine) {
    for (const std::string& code : {std::string("unknown-matter\nFAKE LOG LINE"), std::string(65, 'a'),
                                    std::string("Unknown-Matter"), std::string("未知")}) {
        auto error = classify_http_error(422, nlohmann::json{{"error", code}, {"message", "m"}}.dump(),
                                         protocol::kFinalApplicationRefusals);
        EXPECT_EQ(error.verdict, HubVerdict::Retry);
        EXPECT_FALSE(error.from_hub);
        EXPECT_EQ(error.code, "http-422");
    }
    std::string message = std::string(199, 'x') + "无法处理\x7F";
    auto error =
        classify_http_error(422, nlohmann::json{{"error", "unknown-matter"}, {"message", message}}.dump(),
                            protocol::kFinalApplicationRefusals);
    EXPECT_EQ(error.verdict, HubVerdict::Rejected);
    EXPECT_EQ(error.message, std::string(199, 'x') + "…");
}

TEST(OutboxHubClient, AProxysPagesAndTheHttpLayersAnswersToASubmissionAreRetried) {
    FakeHub hub;
    auto client = client_for(hub.client_options());
    ASSERT_TRUE(client.put_blob(sha256_hex(kBlob), kBlob).ok());
    hub.answer_next_application(404, "<html><body>404 Not Found</body></html>");
    hub.answer_next_application(405, R"({"error": "method-not-allowed", "message": "POST"})",
                                "application/json");
    hub.answer_next_application(413, "<html><body>413 Request Entity Too Large</body></html>");
    hub.answer_next_application(400, "Bad Request", "text/plain");
    hub.answer_next_application(400, "<!DOCTYPE html><title>Login required</title>");
    for (int i = 0; i < 5; ++i) {
        auto answer = client.submit_application(application_body());
        ASSERT_FALSE(answer.ok()) << i;
        EXPECT_EQ(answer.verdict(), HubVerdict::Retry) << answer.error().describe();
    }
    EXPECT_TRUE(client.submit_application(application_body()).ok());
}

TEST(OutboxHubClient, TheHubRefusingThisKioskIsRetried) {
    // Not registered yet, revoked, certificate and kiosk id disagree: staff fix that; the citizen's
    // application waits.
    for (const char* code : {"client-unknown", "client-revoked", "kiosk-mismatch", "forbidden"}) {
        auto error = classify_http_error(403, nlohmann::json{{"error", code}}.dump(),
                                         protocol::kFinalApplicationRefusals);
        EXPECT_EQ(error.verdict, HubVerdict::Retry) << code;
    }
    for (int status : {500, 502, 503, 504, 408, 429})
        EXPECT_EQ(
            classify_http_error(status, R"({"error": "x"})", protocol::kFinalApplicationRefusals).verdict,
            HubVerdict::Retry)
            << status;
}

TEST(OutboxHubClient, ARefusedConnectionIsRetried) {
    FakeHub hub;
    auto options = hub.client_options();
    options.url = "https://127.0.0.1:" + std::to_string(free_port());
    auto answer = client_for(options).head_blob(sha256_hex(kBlob));
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.verdict(), HubVerdict::Retry);
    EXPECT_EQ(answer.error().code, "connection");
}

TEST(OutboxHubClient, AHubThatDoesNotAnswerInTimeIsRetried) {
    FakeHub hub;
    auto options = hub.client_options();
    options.read_timeout_ms = 200;
    hub.stall(600ms);
    auto answer = client_for(options).head_blob(sha256_hex(kBlob));
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.verdict(), HubVerdict::Retry);
    EXPECT_EQ(answer.error().code, "timeout");
}

class LogCapture {
public:
    LogCapture() {
        log::set_observer([this](log::Level, std::string_view line) {
            std::lock_guard lock(m_mutex);
            m_lines.emplace_back(line);
        });
    }
    ~LogCapture() { log::set_observer({}); }
    bool has(const std::string& text) const {
        std::lock_guard lock(m_mutex);
        for (const auto& line : m_lines)
            if (line.find(text) != std::string::npos)
                return true;
        return false;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_lines;
};

TEST(OutboxHubClient, AHubCertifiedByAnotherCaIsNotTrustedAndThatIsLogged) {
    FakeHub impostor(FakeHub::Options{true});
    LogCapture log;
    auto answer = client_for(impostor.client_options()).head_blob(sha256_hex(kBlob));
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.verdict(), HubVerdict::Retry);
    EXPECT_EQ(answer.error().code, "tls-untrusted");
    EXPECT_TRUE(log.has("not trusted by the hall CA")) << "staff must be able to see why";
    EXPECT_TRUE(impostor.requests().empty()) << "nothing was sent to it";
}

TEST(OutboxHubClient, OnlyTheConfiguredCaIsTrusted) {
    FakeHub hub;
    auto options = hub.client_options();
    options.ca_file = TestCertificates::get().other_ca;
    auto answer = client_for(options).head_blob(sha256_hex(kBlob));
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, "tls-untrusted");
}

TEST(OutboxHubClient, ProgressIsFoundByTheReceiptToken) {
    FakeHub hub;
    auto client = client_for(hub.client_options());
    ASSERT_TRUE(client.put_blob(sha256_hex(kBlob), kBlob).ok());
    ASSERT_TRUE(client.submit_application(application_body()).ok());
    auto progress = client.status_by_token(kToken);
    ASSERT_TRUE(progress.ok()) << progress.error().describe();
    EXPECT_EQ(progress.value().application_number, "TEST20261129-0000001");
    EXPECT_EQ(progress.value().status, protocol::OverallStatus::Completed);
    EXPECT_EQ(progress.value().package_id, std::optional<std::string>("newborn"));
    ASSERT_EQ(progress.value().matters.size(), 1u);
    EXPECT_EQ(progress.value().matters[0].state, protocol::WorkItemState::Approved);
    EXPECT_EQ(progress.value().matters[0].certificate_id, std::optional<std::string>("cert-001"));
    EXPECT_FALSE(progress.value().matters[0].reason);

    auto unknown = client.status_by_token(make_query_token());
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.verdict(), HubVerdict::Rejected);
    EXPECT_EQ(unknown.error().code, "not-found");

    auto requests = hub.requests().size();
    auto malformed = client.status_by_token("OW1-../../v1/blobs");
    EXPECT_EQ(malformed.error().code, "bad-token");
    EXPECT_EQ(hub.requests().size(), requests) << "never sent";
}

TEST(OutboxHubClient, CertificatesAreFoundAndDownloadedByIdNumber) {
    FakeHub hub;
    auto client = client_for(hub.client_options());
    auto found = client.search_certificates(kApplicantIdNumber);
    ASSERT_TRUE(found.ok()) << found.error().describe();
    ASSERT_EQ(found.value().size(), 1u);
    EXPECT_EQ(found.value()[0].title, "无犯罪记录证明");
    auto pdf = client.download_certificate(found.value()[0].certificate_id, kApplicantIdNumber, "G-1");
    ASSERT_TRUE(pdf.ok()) << pdf.error().describe();
    EXPECT_EQ(pdf.value().rfind("%PDF-", 0), 0u);

    EXPECT_TRUE(client.search_certificates("110105194912310000").value().empty());
    auto wrong = client.download_certificate("cert-001", "110105194912310000", "G-1");
    EXPECT_EQ(wrong.verdict(), HubVerdict::Rejected);
    EXPECT_EQ(client.download_certificate("../admin", kApplicantIdNumber, "G-1").error().code,
              "bad-certificate-id");
    for (const auto& request : hub.requests())
        EXPECT_EQ(request.find(kApplicantIdNumber), std::string::npos) << "never in a URL: " << request;
}

TEST(OutboxHubClient, OptionsAreCheckedUpFront) {
    HubOptions options = FakeHub().client_options();
    auto bad_url = options;
    bad_url.url = "http://127.0.0.1:8443";
    EXPECT_EQ(HubClient::create(bad_url).error().code, ErrorCode::InvalidArgument);
    bad_url.url = "https://127.0.0.1:8443/api";
    EXPECT_EQ(HubClient::create(bad_url).error().code, ErrorCode::InvalidArgument);
    auto no_cert = options;
    no_cert.cert_file = "/nonexistent/kiosk.pem";
    auto created = HubClient::create(no_cert);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, ErrorCode::NotFound);
    EXPECT_NE(created.error().message.find("/nonexistent/kiosk.pem"), std::string::npos);

    bad_url.url = "https://127.0.0.1:port";
    EXPECT_EQ(HubClient::create(bad_url).error().code, ErrorCode::InvalidArgument);
}

} // namespace
} // namespace kiosk::outbox
