#include "tests/hub/HubTestSupport.h"
#include "core/domain/QrPayload.h"
#include "hub/Digest.h"
#include "hub/SqliteHubStore.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace kiosk::hub::test {
namespace {

std::string make_temp_dir(const char* name) {
    std::string pattern = (std::filesystem::temp_directory_path() / (std::string(name) + "-XXXXXX")).string();
    if (!mkdtemp(pattern.data()))
        std::abort();
    return pattern;
}

// The folder and its removal at exit, in one static object.
struct CertificatesDir {
    CertificatesDir() : path(make_temp_dir("hub-ca")) {
        std::string command = std::string(KIOSK_SOURCE_DIR) + "/scripts/hub-ca " + path +
                              " --kiosk dev-kiosk-01 --kiosk kiosk-02 --kiosk revoked-kiosk --kiosk stranger"
                              " --dept public_security --dept health --admin alice";
        if (std::system(command.c_str()) != 0)
            std::abort();
    }
    ~CertificatesDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::string path;
};

} // namespace

const std::string& certificates_dir() {
    static const CertificatesDir dir;
    return dir.path;
}

kiosk::HubOptions kiosk_link(const std::string& url) {
    const std::string& certificates = certificates_dir();
    kiosk::HubOptions options;
    options.url = url;
    options.ca_file = certificates + "/ca.pem";
    options.cert_file = certificates + "/kiosk-dev-kiosk-01.pem";
    options.key_file = certificates + "/kiosk-dev-kiosk-01.key";
    options.connect_timeout_ms = 2000;
    options.read_timeout_ms = 5000;
    return options;
}

HubInstance::HubInstance(std::string holidays) : m_data_dir(make_temp_dir("hub-data")) {
    options.data_dir = m_data_dir + "/data";
    options.max_blob_bytes = 2 << 20;
    if (!holidays.empty()) {
        m_holidays_path = m_data_dir + "/holidays.txt";
        std::ofstream(m_holidays_path) << holidays;
    }
    std::filesystem::create_directories(options.data_dir);
    start();
    for (const char* cn : {"kiosk:dev-kiosk-01", "kiosk:kiosk-02", "kiosk:revoked-kiosk",
                           "dept:public_security", "dept:health", "admin:alice"})
        EXPECT_TRUE(m_store->add_client(cn, "test").ok());
    EXPECT_TRUE(m_store->revoke_client("kiosk:revoked-kiosk", "test").ok());
}

HubInstance::~HubInstance() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(m_data_dir, ignored);
}

void HubInstance::start() {
    auto store = SqliteHubStore::open(options.data_dir + "/hub.sqlite", m_clock);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    m_store = store.release_value();
    auto catalog = domain::load_catalog(std::string(KIOSK_SOURCE_DIR) + "/data/catalog/sample-catalog.json");
    ASSERT_TRUE(catalog.ok()) << catalog.error().describe();
    auto templates = print::TemplateSet::load(std::string(KIOSK_SOURCE_DIR) + "/data/templates");
    ASSERT_TRUE(templates.ok()) << templates.error().describe();
    WorkingDays working_days;
    if (!m_holidays_path.empty()) {
        auto loaded = WorkingDays::load(m_holidays_path);
        ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
        working_days = loaded.release_value();
    }
    auto service = HubService::create(options, *m_store, catalog.release_value(), templates.release_value(),
                                      std::move(working_days), m_clock);
    ASSERT_TRUE(service.ok()) << service.error().describe();
    m_service = service.release_value();
    const std::string& ca = certificates_dir();
    ServerOptions server_options;
    server_options.cert_file = ca + "/server.pem";
    server_options.key_file = ca + "/server.key";
    server_options.client_ca_file = ca + "/ca.pem";
    server_options.limits = limits;
    auto server = HubServer::create(server_options, *m_service);
    ASSERT_TRUE(server.ok()) << server.error().describe();
    m_server = server.release_value();
    ASSERT_TRUE(m_server->bind().ok());
    m_thread = std::thread([this] { (void)m_server->run(); });
}

void HubInstance::stop() {
    if (!m_server)
        return;
    m_server->stop();
    m_thread.join();
    m_server.reset();
    m_service.reset();
    m_store.reset();
}

std::unique_ptr<httplib::SSLClient> HubInstance::client(const std::string& name) const {
    const std::string& ca = certificates_dir();
    auto client = connect_hub(url(), {ca + "/ca.pem", ca + "/" + name + ".pem", ca + "/" + name + ".key"});
    EXPECT_TRUE(client.ok());
    return client.release_value();
}

long HubInstance::count(const std::string& table) {
    // A second connection to the same file, as a staff tool would open it.
    auto database =
        store::Database::open(options.data_dir + "/hub.sqlite", SqliteHubStore::database_options());
    EXPECT_TRUE(database.ok());
    auto query = database.value()->prepare("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(query.ok());
    EXPECT_TRUE(query.value().step().value_or(false));
    return static_cast<long>(query.value().column_int(0));
}

std::string receipt_token(unsigned seed) {
    static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    std::string body;
    unsigned value = seed * 2654435761u + 12345;
    for (int i = 0; i < 15; ++i) {
        body += alphabet[value % 32];
        value = value * 1103515245u + 12345;
    }
    body += domain::receipt_token_check(body);
    return "OW1-" + body.substr(0, 4) + "-" + body.substr(4, 4) + "-" + body.substr(8, 4) + "-" +
           body.substr(12, 4);
}

std::string application_id(unsigned seed) {
    return sha256_hex("application " + std::to_string(seed)).substr(0, 32);
}

nlohmann::json application(unsigned seed, const std::string& package, const std::vector<std::string>& matters,
                           const std::vector<std::string>& contents, const std::string& submitted_at) {
    nlohmann::json materials = nlohmann::json::array();
    for (const auto& content : contents)
        materials.push_back({{"material_id", "resident_id"},
                             {"sha256", sha256_hex(content)},
                             {"bytes", content.size()},
                             {"content_type", "application/pdf"},
                             {"pages", 1}});
    return {{"application_id", application_id(seed)},
            {"query_token", receipt_token(seed)},
            {"kiosk_id", "dev-kiosk-01"},
            {"catalog_version", "2026.11-sample-1"},
            {"submitted_at", submitted_at},
            {"package_id", package.empty() ? nlohmann::json() : nlohmann::json(package)},
            {"matter_ids", matters},
            {"applicant",
             {{"id_type", "resident_id"},
              {"id_number", kIdNumber},
              {"name", kHolderName},
              {"phone", "13800000000"}}},
            {"form", {{"purpose", "就业"}}},
            {"consent", {{"version", "consent-v1"}, {"accepted_at", "2026-11-27T01:59:40Z"}}},
            {"materials", materials}};
}

std::string put_blob(HubInstance& hub, const std::string& bytes) {
    std::string sha = sha256_hex(bytes);
    auto answer =
        hub.client("kiosk-dev-kiosk-01")->Put("/v1/blobs/" + sha, bytes, "application/octet-stream");
    EXPECT_TRUE(answer && (answer->status == 201 || answer->status == 200));
    return sha;
}

} // namespace kiosk::hub::test

namespace kiosk::hub::test {

Answer post_json(httplib::SSLClient& client, const std::string& path, const nlohmann::json& body) {
    return post_text(client, path, body.dump());
}

Answer post_text(httplib::SSLClient& client, const std::string& path, const std::string& body) {
    auto result = client.Post(path, body, "application/json");
    if (!result)
        return {};
    return {result->status, nlohmann::json::parse(result->body, nullptr, false), result->body};
}

Answer get(httplib::SSLClient& client, const std::string& path) {
    auto result = client.Get(path);
    if (!result)
        return {};
    return {result->status, nlohmann::json::parse(result->body, nullptr, false), result->body};
}

} // namespace kiosk::hub::test
