#pragma once
// A real kiosk-hub for tests: certificates from scripts/hub-ca, the sample catalog and the shipped
// templates, a SQLite store in a fresh folder, and the HTTPS server with mutual TLS on a free
// loopback port, in this process. Clients speak to it over real TLS like a kiosk does.

#include "core/base/Config.h"
#include "hub/HubClient.h"
#include "hub/HubServer.h"
#include "hub/HubService.h"
#include "hub/SqliteHubStore.h"

#include <httplib.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

namespace kiosk::hub::test {

// "Now" for every test hub: Friday 2026-11-27, 10:30 in Shanghai (02:30 UTC), half an hour after the
// test applications' submitted_at. Promised dates and "overdue" are computed against it, never
// against the machine's date (the date matrix, tests/dates, runs these tests at other dates).
inline const WallTime kHubNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} +
                                std::chrono::hours(2) + std::chrono::minutes(30);

// The certificates every hub test uses, made once per test program (scripts/hub-ca takes ~0.3 s).
// Clients: kiosk-dev-kiosk-01, kiosk-kiosk-02 (registered), kiosk-revoked-kiosk (registered, then
// revoked), kiosk-stranger (never registered), dept-public_security, dept-health, admin-alice.
const std::string& certificates_dir();

// The kiosk's side of the link to a test hub at `url`: the hall CA pinned, kiosk-dev-kiosk-01's
// certificate, short timeouts.
kiosk::HubOptions kiosk_link(const std::string& url); // the kiosk's HubOptions, not the hub's

class HubInstance {
public:
    // A fresh data folder; `holidays` lines become the holidays file when not empty.
    explicit HubInstance(std::string holidays = {});
    ~HubInstance();

    void start(); // (again) on the same data folder: what a restart of kiosk-hub sees
    void stop();

    const std::string& data_dir() const { return m_data_dir; }
    std::string url() const { return "https://127.0.0.1:" + std::to_string(m_server->port()); }
    // A connected client with `name`'s certificate (e.g. "kiosk-dev-kiosk-01", "rogue-kiosk").
    std::unique_ptr<httplib::SSLClient> client(const std::string& name) const;
    HubStore& store() { return *m_store; }
    // The hub's clock: it stands still at kHubNow until a test moves it, whatever today's date is.
    FakeClock& clock() { return m_clock; }
    // SELECT COUNT(*) FROM `table` (through the hub's own connection).
    long count(const std::string& table);

    HubOptions options;
    ServerLimits limits; // the server's; a change applies from the next start()
    int port() const { return m_server->port(); }

private:
    std::string m_data_dir;
    std::string m_holidays_path;
    FakeClock m_clock{kHubNow};
    std::unique_ptr<SqliteHubStore> m_store;
    std::unique_ptr<HubService> m_service;
    std::unique_ptr<HubServer> m_server;
    std::thread m_thread;
};

// A valid receipt token whose body is derived from `seed` (is_receipt_token holds).
std::string receipt_token(unsigned seed);
// 32 lowercase hex digits derived from `seed`.
std::string application_id(unsigned seed);
// A valid resident ID number (check character right) and its holder's name for test applications.
inline constexpr const char* kIdNumber = "650102198511020069";
inline constexpr const char* kHolderName = "阿依古丽·买买提";

// An application of `package` (or of `matters` alone) from dev-kiosk-01; one material per content.
nlohmann::json application(unsigned seed, const std::string& package, const std::vector<std::string>& matters,
                           const std::vector<std::string>& contents = {},
                           const std::string& submitted_at = "2026-11-27T02:00:00Z");

// Uploads `bytes` as a blob with kiosk-dev-kiosk-01; answers its sha256.
std::string put_blob(HubInstance& hub, const std::string& bytes);

// One answer of the hub: status 0 when the request never got one (TLS refused, connection failed).
struct Answer {
    int status = 0;
    nlohmann::json body;
    std::string raw;
};
Answer post_json(httplib::SSLClient& client, const std::string& path, const nlohmann::json& body);
Answer post_text(httplib::SSLClient& client, const std::string& path, const std::string& body);
Answer get(httplib::SSLClient& client, const std::string& path);

} // namespace kiosk::hub::test
