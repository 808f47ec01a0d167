// The progress query at the kiosk against a real kiosk-hub (in this process, mutual TLS on loopback):
// the citizen scans their receipt's code, the scene asks the hub through HubQueries, and tells each
// matter in plain words — after a department's decision too. A code the hub does not know and a hub
// that is down are two different answers.

#include "SceneHarness.h"

#include "services/hubquery/HubQueries.h"
#include "tests/hub/HubTestSupport.h"
#include "ui/scenes/ProgressScene.h"

#include <cstdlib>
#include <thread>

namespace kiosk::ui::test {
namespace {

using hub::test::HubInstance;

class ProgressSceneTest : public SceneTest {
protected:
    void connect(const std::string& url) {
        m_queries = std::make_unique<services::HubQueries>(hub::test::kiosk_link(url), m_queue);
        m_context->hub = m_queries.get();
    }
    void TearDown() override {
        SceneTest::TearDown();
        m_queries.reset();
    }
    // Scans `token` on the QR identify screen and runs the main loop until the hub has answered.
    std::vector<std::string> query(const std::string& token) {
        m_scenes->start();
        m_scenes->go<SceneId::Identify>(IdentifyBy::Qr);
        m_scenes->handle_event(services::QrScanned{token});
        EXPECT_EQ(m_scenes->current_id(), SceneId::Progress);
        auto& scene = dynamic_cast<ProgressScene&>(m_scenes->current());
        for (int i = 0; i < 1000 && scene.lines() == std::vector<std::string>{m_tr->tr("progress.querying")};
             ++i) {
            while (auto event = m_queue.try_pop())
                m_scenes->handle_event(*event);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        draw();
        return scene.lines();
    }
    // Submits a newborn application as the kiosk would; answers its number.
    std::string submit(HubInstance& hub, unsigned seed) {
        auto body =
            hub::test::application(seed, "newborn",
                                   {"birth_certificate_registration", "newborn_household_registration",
                                    "newborn_medical_insurance", "social_security_card"});
        auto answer = hub::test::post_json(*hub.client("kiosk-dev-kiosk-01"), "/v1/applications", body);
        EXPECT_EQ(answer.status, 201) << answer.raw;
        return answer.body.value("application_number", "");
    }

    std::unique_ptr<services::HubQueries> m_queries;
};

TEST_F(ProgressSceneTest, EachMatterIsToldInPlainWordsAndADecisionShowsUp) {
    HubInstance hub;
    std::string number = submit(hub, 7);
    connect(hub.url());
    std::string token = hub::test::receipt_token(7);

    auto lines = query(token);
    ASSERT_EQ(lines.size(), 2u + 4u) << "number, status, then the newborn package's four matters";
    EXPECT_NE(lines[0].find(number), std::string::npos) << lines[0];
    EXPECT_EQ(lines[1], m_tr->tr("progress.status.in_progress"));
    for (size_t i = 2; i < lines.size(); ++i)
        EXPECT_NE(lines[i].find(m_tr->tr("progress.state.pending")), std::string::npos) << lines[i];
    EXPECT_NE(lines[2].find("出生医学证明"), std::string::npos) << lines[2]; // the catalog's name, not an id

    // The police approve the household registration; the next query says so.
    auto police = hub.client("dept-public_security");
    auto decided = hub::test::post_json(*police, "/v1/work-items/" + number + "-2/decision",
                                        {{"decision", "approve"}, {"officer", "王警官"}});
    ASSERT_EQ(decided.status, 200) << decided.raw;
    lines = query(token);
    ASSERT_EQ(lines.size(), 6u);
    EXPECT_NE(lines[3].find(m_tr->tr("progress.state.approved")), std::string::npos) << lines[3];
    EXPECT_NE(lines[2].find(m_tr->tr("progress.state.pending")), std::string::npos) << lines[2];
    if (const char* shots = std::getenv("KIOSK_TEST_SHOTS"))
        save_frame(std::string(shots) + "/progress.ppm");
}

TEST_F(ProgressSceneTest, AnUnknownCodeIsNotFound) {
    HubInstance hub;
    connect(hub.url());
    EXPECT_EQ(query(hub::test::receipt_token(99)),
              std::vector<std::string>{m_tr->tr("progress.failure.not_found")});
}

TEST_F(ProgressSceneTest, AHubThatIsDownIsUnreachableNotNotFound) {
    std::string url;
    {
        HubInstance hub;
        url = hub.url();
    } // stopped: nothing listens on its port now
    connect(url);
    EXPECT_EQ(query(hub::test::receipt_token(7)),
              std::vector<std::string>{m_tr->tr("progress.failure.unreachable")});
}

} // namespace
} // namespace kiosk::ui::test
