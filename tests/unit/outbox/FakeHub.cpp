#include "FakeHub.h"
#include "services/outbox/SecretBox.h"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace kiosk::outbox::test {
namespace {

// The openssl CLI, as scripts/hub-ca will use it: EC P-256 keys, two-day certificates.
const char* const kMakeCertificates = R"(set -e
cd "$1"
ca() { openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
         -keyout "$1.key" -out "$1.pem" -subj "/CN=$2" 2>/dev/null; }
leaf() { # name CN ca extensions
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.csr" \
      -subj "/CN=$2" 2>/dev/null
  printf '%s\n' "$4" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days 2 \
      -extfile "$1.ext" -out "$1.pem" 2>/dev/null; }
ca hall-ca "Test Hall CA"
ca other-ca "Some Other CA"
leaf server localhost hall-ca "subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth"
leaf kiosk "kiosk:dev-kiosk-01" hall-ca "extendedKeyUsage=clientAuth"
leaf other-server localhost other-ca "subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth"
)";

struct CertificateFolder {
    TestCertificates certificates;
    CertificateFolder() {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base && *base ? base : "/tmp") + "/outbox-certs-XXXXXX";
        if (!mkdtemp(pattern.data()))
            return;
        auto& c = certificates;
        c.folder = pattern;
        std::ofstream(c.folder / "make.sh") << kMakeCertificates;
        std::string command = "bash " + (c.folder / "make.sh").string() + " " + c.folder.string();
        if (std::system(command.c_str()) != 0)
            return;
        auto at = [&](const char* name) { return (c.folder / name).string(); };
        c.ca = at("hall-ca.pem");
        c.server_cert = at("server.pem");
        c.server_key = at("server.key");
        c.kiosk_cert = at("kiosk.pem");
        c.kiosk_key = at("kiosk.key");
        c.other_ca = at("other-ca.pem");
        c.other_server_cert = at("other-server.pem");
        c.other_server_key = at("other-server.key");
    }
    ~CertificateFolder() {
        std::error_code ignored;
        if (!certificates.folder.empty())
            std::filesystem::remove_all(certificates.folder, ignored);
    }
};

std::string error_body(const std::string& code, const std::string& message) {
    return nlohmann::json{{"error", code}, {"message", message}}.dump();
}

std::string peer_common_name(const httplib::Request& request) {
    if (!request.ssl)
        return "";
    X509* certificate = SSL_get0_peer_certificate(request.ssl);
    if (!certificate)
        return "";
    char name[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, name, sizeof name);
    return name;
}

} // namespace

const TestCertificates& TestCertificates::get() {
    static CertificateFolder folder;
    if (folder.certificates.ca.empty())
        ADD_FAILURE() << "could not make test certificates with the openssl CLI";
    return folder.certificates;
}

FakeHub::FakeHub(Options options) : m_options(options) {
    const auto& certificates = TestCertificates::get();
    const auto& cert = options.use_other_ca ? certificates.other_server_cert : certificates.server_cert;
    const auto& key = options.use_other_ca ? certificates.other_server_key : certificates.server_key;
    // The hall CA verifies client certificates: a client without one fails the handshake.
    m_server = std::make_unique<httplib::SSLServer>(cert.c_str(), key.c_str(), certificates.ca.c_str());
    if (!m_server->is_valid()) {
        ADD_FAILURE() << "fake hub: TLS server did not start";
        return;
    }
    install_routes();
    m_port = m_server->bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    while (!m_server->is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeHub::~FakeHub() {
    if (m_server)
        m_server->stop();
    if (m_thread.joinable())
        m_thread.join();
}

HubOptions FakeHub::client_options() const {
    const auto& certificates = TestCertificates::get();
    HubOptions options;
    options.url = url();
    options.ca_file = certificates.ca;
    options.cert_file = certificates.kiosk_cert;
    options.key_file = certificates.kiosk_key;
    options.connect_timeout_ms = 1000;
    options.read_timeout_ms = 1000;
    return options;
}

void FakeHub::fail_next(int n, int status, std::string code) {
    std::lock_guard lock(m_mutex);
    for (int i = 0; i < n; ++i)
        m_failures.emplace_back(status, code);
}

void FakeHub::refuse_applications(std::string code) {
    std::lock_guard lock(m_mutex);
    m_refusal = std::move(code);
}

void FakeHub::answer_next_application(int status, std::string body, std::string content_type) {
    std::lock_guard lock(m_mutex);
    m_application_answers.push_back({status, std::move(body), std::move(content_type)});
}

void FakeHub::fail_application(const std::string& application_id, int status, std::string code) {
    std::lock_guard lock(m_mutex);
    if (status == 0)
        m_failing_applications.erase(application_id);
    else
        m_failing_applications[application_id] = {status, std::move(code)};
}

int FakeHub::applications() const {
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_applications.size());
}

int FakeHub::blobs() const {
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_blobs.size());
}

std::vector<std::string> FakeHub::requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
}

std::string FakeHub::last_client_cn() const {
    std::lock_guard lock(m_mutex);
    return m_client_cn;
}

std::string FakeHub::application_body(const std::string& application_id) const {
    std::lock_guard lock(m_mutex);
    auto found = m_applications.find(application_id);
    return found == m_applications.end() ? "" : found->second;
}

void FakeHub::install_routes() {
    auto& server = *m_server;
    server.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
        if (int stall = m_stall_ms.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(stall));
        std::lock_guard lock(m_mutex);
        m_client_cn = peer_common_name(request);
        if (m_client_cn.rfind("kiosk:", 0) != 0) {
            response.status = 403;
            response.set_content(error_body("client-unknown", "not a kiosk"), "application/json");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (!m_failures.empty()) {
            auto [status, code] = m_failures.front();
            m_failures.pop_front();
            response.status = status;
            response.set_content(error_body(code, "injected by the test"), "application/json");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
        std::lock_guard lock(m_mutex);
        auto path = request.path.rfind("/v1/blobs/", 0) == 0 ? std::string("/v1/blobs/…") : request.path;
        m_requests.push_back(request.method + " " + path + " " + std::to_string(response.status));
    });

    // HEAD comes here too (cpp-httplib answers HEAD with the GET handler, without the body).
    server.Get(R"(/v1/blobs/([0-9a-f]{64}))",
               [this](const httplib::Request& request, httplib::Response& response) {
                   std::lock_guard lock(m_mutex);
                   bool present = m_claim_blobs || m_blobs.count(request.matches[1]) > 0;
                   response.status = present ? 200 : 404;
               });
    server.Put(
        R"(/v1/blobs/([0-9a-f]{64}))", [this](const httplib::Request& request, httplib::Response& response) {
            std::string sha256 = request.matches[1];
            if (sha256_hex(request.body) != sha256) {
                response.status = 422;
                response.set_content(error_body("hash-mismatch", "body does not match"), "application/json");
                return;
            }
            std::lock_guard lock(m_mutex);
            response.status = m_blobs.count(sha256) ? 200 : 201;
            m_blobs[sha256] = request.body;
            response.set_content(nlohmann::json{{"sha256", sha256}, {"bytes", request.body.size()}}.dump(),
                                 "application/json");
        });
    server.Post("/v1/applications", [this](const httplib::Request& request, httplib::Response& response) {
        {
            std::lock_guard lock(m_mutex);
            if (!m_application_answers.empty()) {
                auto answer = m_application_answers.front();
                m_application_answers.pop_front();
                response.status = answer.status;
                response.set_content(answer.body, answer.content_type);
                return;
            }
        }
        auto json = nlohmann::json::parse(request.body, nullptr, false);
        if (!json.is_object() || !json.contains("application_id")) {
            response.status = 400;
            response.set_content(error_body("malformed-json", "not an application"), "application/json");
            return;
        }
        std::string id = json["application_id"];
        bool lose_answer = false;
        {
            std::lock_guard lock(m_mutex);
            if (json.value("kiosk_id", "") != m_client_cn.substr(m_client_cn.find(':') + 1)) {
                response.status = 403;
                response.set_content(error_body("kiosk-mismatch", "kiosk_id is not the certificate's kiosk"),
                                     "application/json");
                return;
            }
            if (auto failing = m_failing_applications.find(id); failing != m_failing_applications.end()) {
                response.status = failing->second.first;
                response.set_content(error_body(failing->second.second, "this application fails (test)"),
                                     "application/json");
                return;
            }
            if (!m_refusal.empty()) {
                response.status = 422;
                response.set_content(error_body(m_refusal, "refused by the test"), "application/json");
                return;
            }
            nlohmann::json missing = nlohmann::json::array();
            for (const auto& material : json["materials"])
                if (!m_blobs.count(material["sha256"]))
                    missing.push_back(material["sha256"]);
            if (!missing.empty()) {
                response.status = 422;
                response.set_content(nlohmann::json{{"error", "missing-blobs"}, {"missing", missing}}.dump(),
                                     "application/json");
                return;
            }
            auto known = m_applications.find(id);
            if (known != m_applications.end() && known->second != request.body) {
                response.status = 409;
                response.set_content(error_body("application-conflict", "different content"),
                                     "application/json");
                return;
            }
            response.status = known == m_applications.end() ? 201 : 200;
            if (known == m_applications.end()) {
                m_applications[id] = request.body;
                char number[32];
                snprintf(number, sizeof number, "TEST20261129-%07zu", m_applications.size());
                m_numbers[id] = number;
                m_tokens[json["query_token"]] = id;
            }
            nlohmann::json matters = nlohmann::json::array();
            for (const auto& matter : json["matter_ids"])
                matters.push_back({{"matter_id", matter},
                                   {"department_id", "civil_affairs"},
                                   {"work_item_id", "wi-" + matter.get<std::string>()},
                                   {"promised_date", "2026-12-04"}});
            response.set_content(nlohmann::json{{"application_id", id},
                                                {"application_number", m_numbers[id]},
                                                {"status", "accepted"},
                                                {"matters", matters}}
                                     .dump(),
                                 "application/json");
            lose_answer = m_lose_answers > 0 && m_lose_answers-- > 0;
        }
        if (lose_answer) // stored, but the answer comes too late for the kiosk's read timeout
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    });
    server.Get(R"(/v1/status/(.+))", [this](const httplib::Request& request, httplib::Response& response) {
        std::lock_guard lock(m_mutex);
        auto found = m_tokens.find(request.matches[1]);
        if (found == m_tokens.end()) {
            response.status = 404;
            response.set_content(error_body("not-found", "no such application"), "application/json");
            return;
        }
        auto application = nlohmann::json::parse(m_applications[found->second]);
        nlohmann::json matters = nlohmann::json::array();
        for (const auto& matter : application["matter_ids"])
            matters.push_back({{"matter_id", matter},
                               {"department_id", "civil_affairs"},
                               {"state", "approved"},
                               {"promised_date", "2026-12-04"},
                               {"overdue", false},
                               {"decided_at", "2026-11-30T02:00:00Z"},
                               {"reason", nullptr},
                               {"certificate_id", "cert-001"}});
        response.set_content(nlohmann::json{{"application_number", m_numbers[found->second]},
                                            {"submitted_at", application["submitted_at"]},
                                            {"package_id", application["package_id"]},
                                            {"status", "completed"},
                                            {"matters", matters}}
                                 .dump(),
                             "application/json");
    });
    server.Post("/v1/certificates/search", [](const httplib::Request& request, httplib::Response& response) {
        auto json = nlohmann::json::parse(request.body, nullptr, false);
        nlohmann::json list = nlohmann::json::array();
        if (json.is_object() && json.value("id_number", "") == "11010519491231002X")
            list.push_back({{"certificate_id", "cert-001"},
                            {"application_number", "TEST20261129-0000001"},
                            {"matter_id", "criminal_record_certificate"},
                            {"title", "无犯罪记录证明"},
                            {"issued_at", "2026-11-30T02:00:00Z"}});
        response.set_content(nlohmann::json{{"certificates", list}}.dump(), "application/json");
    });
    server.Post(R"(/v1/certificates/([^/]+)/download)", [](const httplib::Request& request,
                                                           httplib::Response& response) {
        auto json = nlohmann::json::parse(request.body, nullptr, false);
        if (request.matches[1] != "cert-001" || !json.is_object() ||
            json.value("id_number", "") != "11010519491231002X") {
            response.status = 404;
            response.set_content(error_body("not-found", "no such certificate"), "application/json");
            return;
        }
        response.set_content("%PDF-1.7 certificate", "application/pdf");
    });
}

} // namespace kiosk::outbox::test
