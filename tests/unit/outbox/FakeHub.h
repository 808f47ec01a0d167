#pragma once
// A stand-in for kiosk-hub on 127.0.0.1, following hub/openapi.yaml closely enough for the
// client's side: real TLS (httplib::SSLServer) with client certificates checked against the hall CA,
// content-addressed blobs, idempotent applications, kiosk-mismatch (kiosk_id against the certificate's
// CN), missing-blobs, status by token, certificates.
// Faults on demand: answer the next requests with a status, stall, or claim every blob is present.
// The real hub's own tests live in tests/hub/; the lead's end-to-end tests run the kiosk against it.

#include "core/base/Config.h"

#include <atomic>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class SSLServer;
}

namespace kiosk::outbox::test {

// A hall CA, the hub's server certificate (SAN DNS:localhost, IP:127.0.0.1), a kiosk client
// certificate (CN "kiosk:dev-kiosk-01"), and a second, unrelated CA with its own server certificate.
// Made once per test program with the openssl CLI, as scripts/hub-ca does for the demo.
struct TestCertificates {
    std::filesystem::path folder;
    std::string ca, server_cert, server_key, kiosk_cert, kiosk_key;
    std::string other_ca, other_server_cert, other_server_key;
    static const TestCertificates& get(); // fails the test (empty paths) when openssl is missing
};

class FakeHub {
public:
    struct Options {
        bool use_other_ca = false; // serve the unrelated CA's server certificate
    };
    FakeHub() : FakeHub(Options{}) {}
    explicit FakeHub(Options options);
    ~FakeHub();

    int port() const { return m_port; }
    std::string url() const { return "https://127.0.0.1:" + std::to_string(m_port); }
    // Hub options for a kiosk trusting the hall CA, with short timeouts.
    HubOptions client_options() const;

    // The next n requests are answered with `status` and a contract error body.
    void fail_next(int n, int status, std::string code = "unavailable");
    // Each request waits this long before answering (to trip the client's read timeout).
    void stall(std::chrono::milliseconds delay) { m_stall_ms = static_cast<int>(delay.count()); }
    // HEAD says every blob is present: the kiosk skips uploads and POST meets missing-blobs.
    void claim_all_blobs_present(bool claim) { m_claim_blobs = claim; }
    // Refuse applications with 422 and this code (e.g. "unknown-matter"); "" stops refusing.
    void refuse_applications(std::string code);
    // The next POST /v1/applications is answered with exactly this (a proxy's HTML page, a bare 400,
    // the HTTP layer's 405 …); several calls queue several answers.
    void answer_next_application(int status, std::string body, std::string content_type = "text/html");
    // Every POST of this application id is answered with `status` and a contract error body with
    // `code`, until called again with status 0.
    void fail_application(const std::string& application_id, int status, std::string code = "internal");
    // Drops the connection of the next n POST /v1/applications *after* storing them (an answer lost
    // on the way back: the kiosk's retry must come back as a replay, never a second application).
    void lose_next_answers(int n) { m_lose_answers = n; }

    // What the hub holds.
    int applications() const;
    int blobs() const;
    std::vector<std::string> requests() const; // "POST /v1/applications 201", in order
    std::string last_client_cn() const;
    std::string application_body(const std::string& application_id) const;

private:
    void install_routes();

    Options m_options;
    std::unique_ptr<httplib::SSLServer> m_server;
    std::thread m_thread;
    int m_port = 0;

    mutable std::mutex m_mutex;
    std::map<std::string, std::string> m_blobs;        // sha256 -> bytes
    std::map<std::string, std::string> m_applications; // id -> body as received
    std::map<std::string, std::string> m_numbers;      // id -> application number
    std::map<std::string, std::string> m_tokens;       // token -> application id
    std::deque<std::pair<int, std::string>> m_failures;
    struct RawAnswer {
        int status = 0;
        std::string body, content_type;
    };
    std::deque<RawAnswer> m_application_answers;
    std::map<std::string, std::pair<int, std::string>> m_failing_applications;
    std::vector<std::string> m_requests;
    std::string m_client_cn;
    std::string m_refusal;
    std::atomic<int> m_stall_ms{0};
    std::atomic<bool> m_claim_blobs{false};
    std::atomic<int> m_lose_answers{0};
};

} // namespace kiosk::outbox::test
