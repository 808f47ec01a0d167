// hub_bench: sustained applications per second against a running kiosk-hub over mutual TLS, from
// several kiosk threads each on one keep-alive connection (scripts/bench-hub starts the hub).
//   hub_bench URL CERT_DIR KIOSK_ID THREADS SECONDS MATERIAL_BYTES
// Each application: MATERIAL_BYTES > 0 uploads one fresh material of that size first (PUT blob), then
// POST /v1/applications of the newborn package (four matters, four work items). Prints figures only.
#include "core/base/Digest.h"
#include "core/domain/QrPayload.h"
#include "hub/Digest.h"
#include "hub/HubClient.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <httplib.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::string token_for(unsigned long long serial) {
    static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    std::string body;
    for (int i = 0; i < 15; ++i) {
        body += alphabet[serial % 32];
        serial /= 32;
    }
    body += kiosk::domain::receipt_token_check(body);
    return "OW1-" + body.substr(0, 4) + "-" + body.substr(4, 4) + "-" + body.substr(8, 4) + "-" +
           body.substr(12, 4);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 7) {
        std::fprintf(stderr, "usage: hub_bench URL CERT_DIR KIOSK_ID THREADS SECONDS MATERIAL_BYTES\n");
        return 2;
    }
    std::string url = argv[1], certs = argv[2], kiosk_id = argv[3];
    int threads = std::stoi(argv[4]);
    double seconds = std::stod(argv[5]);
    size_t material_bytes = std::stoul(argv[6]);
    kiosk::hub::ClientTls tls{certs + "/ca.pem", certs + "/kiosk-" + kiosk_id + ".pem",
                              certs + "/kiosk-" + kiosk_id + ".key"};
    // Tokens and ids differ between runs against the same hub.
    unsigned long long run = std::stoull(kiosk::hub::random_hex(6), nullptr, 16) << 16;

    std::atomic<unsigned long long> serial{0};
    std::atomic<long> failures{0};
    std::mutex latencies_mutex;
    std::vector<double> latencies_ms;
    auto deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    auto started = Clock::now();

    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            auto client = kiosk::hub::connect_hub(url, tls);
            if (!client.ok()) {
                std::fprintf(stderr, "hub_bench: %s\n", client.error().message.c_str());
                ++failures;
                return;
            }
            client.value()->set_keep_alive(true);
            std::string material(material_bytes, '\0');
            for (size_t i = 0; i < material.size(); ++i)
                material[i] = static_cast<char>((i * 131) ^ (i >> 9));
            std::vector<double> mine;
            while (Clock::now() < deadline) {
                unsigned long long n = run + serial++;
                auto begin = Clock::now();
                nlohmann::json materials = nlohmann::json::array();
                if (material_bytes > 0) {
                    // A fresh material each time: the first 8 bytes are the serial.
                    std::memcpy(material.data(), &n, std::min<size_t>(8, material.size()));
                    std::string sha = kiosk::sha256_hex(material);
                    auto put = client.value()->Put("/v1/blobs/" + sha, material, "application/octet-stream");
                    if (!put || put->status >= 300) {
                        ++failures;
                        continue;
                    }
                    materials.push_back({{"material_id", "birth_medical_certificate"},
                                         {"sha256", sha},
                                         {"bytes", material.size()},
                                         {"content_type", "application/pdf"},
                                         {"pages", 2}});
                }
                nlohmann::json request = {
                    {"application_id", kiosk::sha256_hex("bench " + std::to_string(n)).substr(0, 32)},
                    {"query_token", token_for(n)},
                    {"kiosk_id", kiosk_id},
                    {"catalog_version", "2026.11-sample-1"},
                    {"submitted_at", "2026-11-27T02:00:00Z"},
                    {"package_id", "newborn"},
                    {"matter_ids",
                     {"birth_certificate_registration", "newborn_household_registration",
                      "newborn_medical_insurance", "social_security_card"}},
                    {"applicant",
                     {{"id_type", "resident_id"},
                      {"id_number", "650102198511020069"},
                      {"name", "阿依古丽·买买提"},
                      {"phone", "13800000000"}}},
                    {"form", {{"newborn_name", "买买提·艾力"}, {"phone", "13800000000"}}},
                    {"consent", {{"version", "consent-v1"}, {"accepted_at", "2026-11-27T01:59:40Z"}}},
                    {"materials", materials}};
                auto post = client.value()->Post("/v1/applications", request.dump(), "application/json");
                if (!post || post->status != 201) {
                    if (failures++ == 0)
                        std::fprintf(stderr, "hub_bench: first failure: %s\n",
                                     post ? post->body.c_str() : httplib::to_string(post.error()).c_str());
                    continue;
                }
                mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
            }
            std::lock_guard lock(latencies_mutex);
            latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
        });
    }
    for (auto& worker : workers)
        worker.join();
    double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    std::sort(latencies_ms.begin(), latencies_ms.end());
    auto percentile = [&](double p) {
        return latencies_ms.empty() ? 0.0
                                    : latencies_ms[std::min(latencies_ms.size() - 1,
                                                            static_cast<size_t>(p * latencies_ms.size()))];
    };
    std::printf("threads %d, material %zu bytes: %zu applications in %.1f s = %.1f applications/s "
                "(%.1f MB/s of materials); latency p50 %.1f ms, p99 %.1f ms; %ld failures\n",
                threads, material_bytes, latencies_ms.size(), elapsed, latencies_ms.size() / elapsed,
                latencies_ms.size() * material_bytes / elapsed / 1e6, percentile(0.5), percentile(0.99),
                failures.load());
    return failures.load() == 0 ? 0 : 1;
}
