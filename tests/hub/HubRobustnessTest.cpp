// Bytes from outside never crash the hub or half-write anything: a mutation run over the application
// parser (core/protocol, as the hub reads a body; the fuzz target's poor cousin that runs in every
// suite), and races between clients that submit or decide the same thing at the same moment.
#include "core/protocol/Applications.h"
#include "core/protocol/FieldReader.h"
#include "tests/hub/HubTestSupport.h"

#include <atomic>
#include <filesystem>
#include <gtest/gtest.h>
#include <random>
#include <thread>

namespace kiosk::hub::test {
namespace {

TEST(HubRobustness, MutatedApplicationsAreParsedOrRefusedWith400) {
    std::string valid = application(1, "newborn", {"birth_certificate_registration"}, {"scan"}).dump();
    std::mt19937 random(20261129);
    int accepted = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string body = valid;
        int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !body.empty(); ++e) {
            size_t at = random() % body.size();
            switch (random() % 4) {
            case 0:
                body[at] = static_cast<char>(random() % 256);
                break;
            case 1:
                body.erase(at, 1 + random() % 8);
                break;
            case 2:
                body.insert(at, 1, "{}[]\",:0-e\\"[random() % 11]);
                break;
            default:
                body.resize(at);
                break;
            }
        }
        auto json = protocol::parse_json_object(body);
        auto request = json.ok() ? protocol::parse_application_request(json.value())
                                 : Result<protocol::ApplicationRequest>(json.error());
        if (request.ok()) {
            ++accepted;
            continue;
        }
        // What the hub answers: 400 malformed-json, unknown-field or invalid-field.
        Reply refused = json.ok() ? bad_body(request.error()) : error_reply(protocol::kMalformedJson, "");
        ASSERT_EQ(refused.status, 400) << body;
        ASSERT_TRUE(refused.body.contains("error")) << body;
        ASSERT_FALSE(refused.body.dump().empty()); // the message is valid UTF-8 JSON even for bad keys
    }
    EXPECT_GT(accepted, 0); // some edits (inside strings) leave a well-formed request
}

TEST(HubRobustness, TheSameApplicationFromTwoConnectionsAtOnceIsOneApplication) {
    HubInstance hub;
    auto request = application(5, "newborn", {"birth_certificate_registration", "social_security_card"});
    std::atomic<int> created{0}, replayed{0};
    std::vector<std::thread> kiosks;
    for (int i = 0; i < 8; ++i)
        kiosks.emplace_back([&] {
            auto answer = post_json(*hub.client("kiosk-dev-kiosk-01"), "/v1/applications", request);
            (answer.status == 201 ? created : replayed) += answer.status == 201 || answer.status == 200;
            EXPECT_TRUE(answer.status == 201 || answer.status == 200) << answer.status << " " << answer.raw;
        });
    for (auto& kiosk : kiosks)
        kiosk.join();
    EXPECT_EQ(created, 1);
    EXPECT_EQ(replayed, 7);
    EXPECT_EQ(hub.count("applications"), 1);
    EXPECT_EQ(hub.count("work_items"), 2);
}

TEST(HubRobustness, TwoOfficersDecidingAtOnceMakeOneDecisionAndOneCertificate) {
    HubInstance hub;
    auto accepted = post_json(*hub.client("kiosk-dev-kiosk-01"), "/v1/applications",
                              application(6, "", {"no_criminal_record_certificate"}));
    ASSERT_EQ(accepted.status, 201);
    std::string item = accepted.body["matters"][0]["work_item_id"];
    std::atomic<int> ok{0}, conflict{0};
    std::vector<std::thread> officers;
    for (const char* who : {"dept-public_security", "admin-alice", "dept-public_security"})
        officers.emplace_back([&, who] {
            auto answer = post_json(*hub.client(who), "/v1/work-items/" + item + "/decision",
                                    {{"decision", "approve"}, {"officer", who}});
            if (answer.status == 200)
                ++ok;
            else if (answer.status == 409)
                ++conflict;
        });
    for (auto& officer : officers)
        officer.join();
    EXPECT_EQ(ok, 1);
    EXPECT_EQ(conflict, 2);
    EXPECT_EQ(hub.count("certificates"), 1);
    EXPECT_EQ(hub.count("audit WHERE kind = 'certificate.issued'"), 1);
    // The losers' renderings are gone: one PDF on disk.
    int pdfs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(hub.options.data_dir + "/certificates"))
        pdfs += entry.path().extension() == ".pdf";
    EXPECT_EQ(pdfs, 1);
}

TEST(HubRobustness, RegistryAndUploadsAreAudited) {
    HubInstance hub; // registers six clients and revokes one
    put_blob(hub, "a material");
    put_blob(hub, "a material");
    EXPECT_EQ(hub.count("audit WHERE kind = 'client.added'"), 6);
    EXPECT_EQ(hub.count("audit WHERE kind = 'client.revoked' AND detail = 'kiosk:revoked-kiosk'"), 1);
    EXPECT_EQ(hub.count("audit WHERE kind = 'blob.stored' AND actor = 'kiosk:dev-kiosk-01'"), 1);
}

} // namespace
} // namespace kiosk::hub::test
