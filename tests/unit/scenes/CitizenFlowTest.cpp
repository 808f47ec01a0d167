// The citizen flow is one table of scenes: every screen the kiosk can show has exactly one line in it,
// with a unique name (used by --scene, the scene trace and golden file names), and the first line is
// the attract screen where every session starts and ends.

#include "SceneHarness.h"

#include <algorithm>
#include <iterator>
#include <set>

namespace kiosk::ui::test {
namespace {

constexpr SceneId kEverySceneId[] = {SceneId::Attract,     SceneId::Language,     SceneId::Home,
                                     SceneId::Identify,    SceneId::Catalog,      SceneId::Checklist,
                                     SceneId::Scan,        SceneId::Form,         SceneId::Confirm,
                                     SceneId::Progress,    SceneId::Certificates, SceneId::Problem,
                                     SceneId::StaffSignIn, SceneId::Maintenance,  SceneId::OutOfService};
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
        go_with_default(entry.id);
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

TEST_F(CitizenFlowTest, ScreenshotArgumentsAreParsedForTheSceneOrRefusedWithAReason) {
    ASSERT_TRUE(m_scenes->start_at("identify", "passport"));
    EXPECT_EQ(m_scenes->current_id(), SceneId::Identify);
    ASSERT_TRUE(m_scenes->start_at("catalog", "matters"));
    EXPECT_EQ(m_scenes->current_id(), SceneId::Catalog);

    auto refused = m_scenes->start_at("identify", "fingerprint");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("qr or passport"), std::string::npos) << refused.error().message;
    EXPECT_EQ(m_scenes->current_id(), SceneId::Catalog);         // nothing moved
    EXPECT_FALSE(m_scenes->start_at("home", "package:newborn")); // home takes no argument
}

TEST_F(CitizenFlowTest, EachSceneTakesTheArgumentItsRowNamesAndNoOther) {
    const SceneArgument every[] = {NoArgument{},
                                   Farewell::None,
                                   IdentifyBy::Qr,
                                   CatalogShelf::Packages,
                                   ItemKey{"package:newborn"},
                                   ReceiptToken{"t"},
                                   Problem::CardInvalid,
                                   StaffTab::Devices};
    static_assert(std::size(every) == std::variant_size_v<SceneArgument>);
    for (const SceneEntry& entry : citizen_flow()) {
        SCOPED_TRACE(entry.name);
        int taken = 0;
        for (const auto& argument : every)
            taken += takes(entry.id, argument) ? 1 : 0;
        EXPECT_EQ(taken, 1);
        EXPECT_TRUE(takes(entry.id, parse_argument(entry.id, "").value())); // the default fits
    }
    EXPECT_TRUE(takes(SceneId::Checklist, ItemKey{"matter:residence_permit"}));
    EXPECT_FALSE(takes(SceneId::Scan, ItemKey{"package:newborn"})); // scan works on the case's item
}

TEST_F(CitizenFlowTest, ARunTimeSceneWithTheWrongArgumentIsRefusedAndTheScreenStays) {
    start_identified_session_at_home();
    m_scenes->go_to(SceneId::Identify, ItemKey{"package:newborn"});
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    m_scenes->go_to(SceneId::Identify, IdentifyBy::Passport);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Identify);
}

TEST_F(CitizenFlowTest, TheSceneTraceHoldsNoPersonalData) {
    start_identified_session_at_home();
    m_scenes->go<SceneId::Catalog>(CatalogShelf::Packages);
    m_scenes->go<SceneId::Checklist>({"package:newborn"});
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
