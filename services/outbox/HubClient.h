#pragma once
// The kiosk's side of the kiosk-hub API (hub/openapi.yaml; the messages are core/protocol's): HTTPS
// with mutual TLS, our client certificate presented, the hall CA pinned as the only CA trusted for the
// hub's certificate (host name checked). A 2xx answer that does not read as the contract says is a
// Retry "bad-response" (a proxy's page, or a hub bug: an application submit is idempotent anyway).
//
// Every call ends in one of three verdicts, because that is all a caller has to decide:
//   Accepted  2xx: the value is there.
//   Rejected  the hub refused this for good, and said so as the contract defines it: a 4xx whose body
//             is the hub's JSON error object with a code the call lists as final, at that code's own
//             status (submit_application: protocol::kFinalApplicationRefusals; the two lookups by
//             token or certificate id: not-found). Also the few requests the client refuses itself
//             before sending (a malformed hash, token or certificate id).
//   Retry     everything else: no answer (timeout, refused connection, TLS failure, our own TLS files
//             unreadable), 5xx, every 403 (the hub refuses this kiosk, not the request: staff fix
//             that), 404/405/413/414/415 and other codes the HTTP layer or a proxy makes, a 4xx
//             without the hub's JSON (a proxy's HTML page), a code this client does not know.
// Treating an unknown answer as Retry is the safe side: a Rejected application waits for staff,
// a retried one is delivered once whatever happens, because a submission is idempotent by its id.
// 422 missing-blobs is its own case: Retry in form, but HubError::missing lists the blobs to upload
// before the same request is sent again.
//
// Thread-safe: each call opens its own connection (the kiosk sends a handful of requests a minute,
// and a citizen's status query must not wait behind a 16 MiB upload on a shared one).

#include "core/base/Config.h"
#include "core/base/Result.h"
#include "core/protocol/Applications.h"
#include "core/protocol/Certificates.h"
#include "core/protocol/Errors.h"
#include "core/protocol/FieldReader.h"
#include "core/protocol/PrintGrants.h"
#include "core/protocol/Routes.h"
#include "core/protocol/Status.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kiosk::outbox {

enum class HubVerdict { Accepted, Rejected, Retry };
const char* to_string(HubVerdict verdict); // "accepted", "rejected", "retry"

struct HubError {
    HubVerdict verdict = HubVerdict::Retry; // Rejected or Retry
    int http_status = 0;                    // 0 when no HTTP answer came (connection, TLS, timeout)
    std::string code;    // the hub's "error" ("missing-blobs", "bad-token"), or ours ("connection", "tls")
    std::string message; // one line for staff and logs; never personal data
    std::vector<std::string> missing; // 422 missing-blobs: the sha256s the hub still needs
    bool from_hub = false;            // the body was the hub's JSON error object (protocol::parse_error_body)

    bool missing_blobs() const {
        return http_status == protocol::kMissingBlobs.status && code == protocol::kMissingBlobs.code;
    }
    bool retryable() const { return verdict == HubVerdict::Retry; }
    // A Retry that says nothing about the request but about the hub or this kiosk, so that the next
    // application would meet it too: no answer at all (connection, TLS, timeout), a gateway's 502/503/
    // 504 without the hub's JSON (the hub is not behind it), 429, a 403 other than kiosk-mismatch
    // (this kiosk is unknown or revoked). The uploader pauses the whole queue for these.
    bool hub_wide() const;
    // What kind of failure it was, to tell the same failure again from another: "500 internal",
    // "404 http-404", "0 timeout" (no message: it may vary).
    std::string kind() const { return std::to_string(http_status) + " " + code; }
    std::string describe() const; // "retry: 503 unavailable: hub is restarting"
};

// A hub answer: the value on Accepted, a HubError otherwise.
template <typename T>
class [[nodiscard]] HubResult {
public:
    HubResult(T value) : m_value(std::in_place_index<0>, std::move(value)) {}
    HubResult(HubError error) : m_value(std::in_place_index<1>, std::move(error)) {}
    bool ok() const { return m_value.index() == 0; }
    HubVerdict verdict() const { return ok() ? HubVerdict::Accepted : error().verdict; }
    T& value() { return std::get<0>(m_value); }
    const T& value() const { return std::get<0>(m_value); }
    const HubError& error() const { return std::get<1>(m_value); }

private:
    std::variant<T, HubError> m_value;
};

struct BlobStored {
    std::string sha256;
    std::int64_t bytes = 0;
    bool already_there = false; // 200 rather than 201
};

// The hub's answer to an application, and whether it was a replay: 200, the hub already had this
// application (an earlier attempt got through), rather than 201.
struct SubmitReceipt : protocol::ApplicationAccepted {
    bool replay = false;
};

using ApplicationProgress = protocol::ApplicationStatus;
using CertificateSummary = protocol::CertificateSummary;

// A print grant, or the hub's word that another print stands in the way.
struct PrintGrantAnswer {
    protocol::PrintGrant grant; // when refusal is empty
    std::string refusal;        // "", "already-printed", "print-in-progress", "print-unknown"
    protocol::PrintHeld held;   // with a refusal: which kiosk, and when
};

class HubClient {
public:
    // Checks the options (url: protocol::parse_hub_url, the three TLS files present);
    // InvalidArgument/NotFound otherwise.
    static Result<HubClient> create(const HubOptions& options);

    // HEAD /v1/blobs/{sha256}: true when the hub already holds the blob.
    HubResult<bool> head_blob(const std::string& sha256) const;
    // PUT /v1/blobs/{sha256} with the plaintext bytes.
    HubResult<BlobStored> put_blob(const std::string& sha256, const std::string& bytes) const;
    // POST /v1/applications with the body exactly as sealed (so retries are replays, not conflicts).
    HubResult<SubmitReceipt> submit_application(const std::string& body) const;
    // GET /v1/status/{query_token}. Rejected with code "not-found" for an unknown token (the hub's own
    // 404 not-found; a proxy's 404 page is Retry).
    HubResult<ApplicationProgress> status_by_token(const std::string& query_token) const;
    // POST /v1/certificates/search (the ID number goes in the body, never in a URL).
    HubResult<std::vector<CertificateSummary>> search_certificates(const std::string& id_number) const;
    // POST /v1/certificates/{id}/print-grant (docs/specs/hub-contract.md §6.1): Accepted with the grant,
    // or with `refusal` set when the hub holds the certificate (already-printed, print-in-progress,
    // print-unknown: which kiosk and when). Rejected "not-found" / "nothing-to-reprint"; else Retry.
    HubResult<PrintGrantAnswer> request_print_grant(const std::string& certificate_id,
                                                    const protocol::PrintGrantRequest& request) const;
    // POST /v1/print-grants/{grant}/outcome. Rejected (final: stop sending it) for not-found and
    // outcome-recorded; Retry for everything else, which the caller sends again later.
    HubResult<bool> report_print_outcome(const std::string& grant_id,
                                         const protocol::PrintOutcomeReport& report) const;
    // POST /v1/certificates/{id}/download under this kiosk's open grant: the PDF bytes; Rejected
    // "not-found" as status_by_token, "no-print-grant" when the grant is not live.
    HubResult<std::string> download_certificate(const std::string& certificate_id,
                                                const std::string& id_number,
                                                const std::string& grant_id) const;

    const HubOptions& options() const { return m_options; }

private:
    HubClient(HubOptions options, protocol::HubEndpoint endpoint)
        : m_options(std::move(options)), m_endpoint(std::move(endpoint)) {}

    struct Response {
        int status = 0;
        std::string body;
    };
    // One request on a fresh connection: Retry HubError when no HTTP answer came back.
    HubResult<Response> request(const char* method, const std::string& path, const std::string& body,
                                const char* content_type) const;
    struct JsonAnswer {
        int status = 0;
        nlohmann::json body;
    };
    // The body as a JSON object when the status is 2xx; the classified HubError otherwise.
    HubResult<JsonAnswer> json_request(const char* method, const std::string& path, const std::string& body,
                                       std::span<const protocol::ErrorKind> final_refusals) const;

    HubOptions m_options;
    protocol::HubEndpoint m_endpoint;
};

// The verdict of a non-2xx answer (see the top of this file): Rejected only for a 4xx whose body reads
// as the hub's error object with one of `final_refusals` at its own status; Retry otherwise (a 422
// missing-blobs included: recognised by HubError::missing_blobs()).
HubError classify_http_error(int status, const std::string& body,
                             std::span<const protocol::ErrorKind> final_refusals = {});

} // namespace kiosk::outbox
