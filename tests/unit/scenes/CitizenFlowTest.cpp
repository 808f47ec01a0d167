// The citizen flow is one table of scenes: every screen the kiosk can show has exactly one line in it,
// with a unique name (used by --scene, the scene trace and golden file names), and the first line is
// the attract screen where every session starts and ends.

#include "SceneHarness.h"

#include <algorithm>
#include <iterator>
#include <set>

namespace kiosk::ui::test {
namespace {

constexpr SceneId kEverySceneId[] = {SceneId::Attract,  SceneId::Language,     SceneId::Home,
                                     SceneId::Identify, SceneId::Catalog,      SceneId::Checklist,
                                     SceneId::Scan,     SceneId::Form,         SceneId::Confirm,
                                     SceneId::Progress, SceneId::Certificates, SceneId::OutOfService};
static_assert(std::size(kEverySceneId) == static_cast<size_t>(SceneId::OutOfService) + 1,
              "a SceneId was added: list it here");

using CitizenFlowTest = SceneTest;

TEST_F(CitizenFlowTest, EverySceneIdHasExactlyOneEntry) {
    auto flow = citizen_flow();
    for (SceneId id : kEverySceneId) {
        auto entries =
            std::count_if(flow.begin(), flow.end(), [&](const SceneEntry& e) { return e.id == id; });
        EXPECT_EQ(entries, 1) << "SceneId " << static_cast<int>(id);
    }
    EXPECT_EQ(flow.size(), std::size(kEverySceneId));
}

TEST_F(CitizenFlowTest, SceneNamesAreUniqueAndNonEmpty) {
    std::set<std::string> names;
    for (const SceneEntry& entry : citizen_flow()) {
        ASSERT_NE(entry.name, nullptr);
        EXPECT_FALSE(std::string(entry.name).empty());
        EXPECT_TRUE(names.insert(entry.name).second) << "duplicate scene name " << entry.name;
        EXPECT_NE(entry.create, nullptr) << entry.name;
    }
}

TEST_F(CitizenFlowTest, TheFlowStartsAtTheAttractScreen) {
    EXPECT_EQ(citizen_flow().front().id, SceneId::Attract);
    m_scenes->start();
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_STREQ(m_scenes->current_name(), "attract");
    EXPECT_EQ(m_trace, std::vector<std::string>{"scene attract"});
}

TEST_F(CitizenFlowTest, GoingToEachSceneTracesItsName) {
    m_scenes->start();
    for (const SceneEntry& entry : citizen_flow()) {
        SCOPED_TRACE(entry.name);
        m_trace.clear();
        m_scenes->go(entry.id);
        EXPECT_EQ(m_scenes->current_id(), entry.id);
        EXPECT_STREQ(m_scenes->current_name(), entry.name);
        EXPECT_EQ(m_trace, std::vector<std::string>{std::string("scene ") + entry.name});
        draw();
    }
}

TEST_F(CitizenFlowTest, EachSceneCanBeOpenedByNameForScreenshots) {
    for (const SceneEntry& entry : citizen_flow()) {
        SCOPED_TRACE(entry.name);
        m_trace.clear();
        ASSERT_TRUE(m_scenes->start_at(entry.name));
        EXPECT_EQ(m_scenes->current_id(), entry.id);
        EXPECT_EQ(m_trace.back(), std::string("scene ") + entry.name);
        m_scenes->tick();
        draw();
    }
    EXPECT_FALSE(m_scenes->start_at("no-such-scene"));
}

TEST_F(CitizenFlowTest, TheSceneTraceHoldsNoPersonalData) {
    start_identified_session_at_home();
    m_scenes->go(SceneId::Catalog);
    m_scenes->go(SceneId::Checklist, "package:newborn");
    m_scenes->end_session(services::SessionEndReason::Done);
    const auto identity = drivers::SimIdCardReader::sample_identity(0);
    for (const std::string& line : m_trace) {
        EXPECT_EQ(line.rfind("scene ", 0), 0u) << line;
        EXPECT_EQ(line.find(identity.name), std::string::npos) << line;
        EXPECT_EQ(line.find(identity.id_number), std::string::npos) << line;
    }
}

} // namespace
} // namespace kiosk::ui::test
