// A visit a restart interrupted, through the citizen's case: the case hands its drafts a snapshot at
// every change that matters and deletes it when the visit ends; after a restart the same citizen's
// card brings the visit back (item, typed values, applications already sealed, materials to scan
// again), while another citizen's card, or resume_within passing, deletes it. Real files and
// encryption, the drafts' worker, the intake's generation (its worker) for MaterialChecked.

#include "core/domain/Catalog.h"
#include "services/case/CitizenCase.h"
#include "services/intake/MaterialIntake.h"
#include "tests/unit/case/DraftTestSupport.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace kiosk::services::test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

class CaseResumeTest : public DraftTest {
protected:
    void SetUp() override {
        auto catalog =
            domain::load_catalog(std::string(KIOSK_SOURCE_DIR) + "/data/catalog/sample-catalog.json");
        ASSERT_TRUE(catalog.ok()) << catalog.error().describe();
        m_catalog = catalog.release_value();
        m_intake =
            std::make_unique<MaterialIntake>(m_catalog, m_queue, IntakeOptions{m_folder.path() / "scans"});
    }
    void TearDown() override {
        m_case.reset();
        m_drafts.reset();
        m_intake.reset();
    }

    // The kiosk (re)started: fresh drafts, loaded, and a fresh case on them.
    void start_kiosk() {
        m_case.reset();
        m_drafts = restart(0x42, &m_queue);
        m_case = std::make_unique<CitizenCase>(
            m_clock, m_options, m_catalog,
            CitizenCase::Services{nullptr, m_intake.get(), nullptr, nullptr, m_drafts.get()},
            [this](std::string_view kind, std::string_view) { m_audit.emplace_back(kind); });
        drain();
    }
    // The UI thread's loop: every queued event to the case.
    void drain() {
        while (auto event = m_queue.try_pop())
            m_case->on_event(*event);
    }
    void write_full_snapshot() {
        auto drafts = make_drafts();
        drafts->save(full_snapshot());
    }
    void scanned(const std::string& material_id, int pages) {
        AppEvent checked = MaterialChecked{material_id, pages, false, {}, {}, 36, m_intake->generation()};
        m_case->on_event(checked);
    }
    // What the next start of the kiosk would find for `holder` (claims it: only for looking).
    std::optional<CaseSnapshot> draft_on_disk(int holder = 0) {
        return restart()->claim(drivers::SimIdCardReader::sample_identity(holder));
    }
    bool audited(std::string_view kind) const {
        return std::find(m_audit.begin(), m_audit.end(), kind) != m_audit.end();
    }

    KioskOptions m_options;
    domain::Catalog m_catalog;
    AppEventQueue m_queue;
    std::unique_ptr<MaterialIntake> m_intake;
    std::unique_ptr<CaseDrafts> m_drafts;
    std::unique_ptr<CitizenCase> m_case;
    std::vector<std::string> m_audit;
};

TEST_F(CaseResumeTest, TheCaseSavesEveryChangeThatMattersAndItsEndDeletesTheDraft) {
    start_kiosk();
    auto holder = drivers::SimIdCardReader::sample_identity(0);
    holder.photo_wlt.assign(1024, 0x5a);
    m_case->identify_by_card(holder);
    ASSERT_TRUE(m_case->select("matter:residence_permit"));
    m_case->set_field("phone", "13800138000");
    scanned("photo", 1);
    m_drafts->flush();

    auto draft = draft_on_disk();
    ASSERT_TRUE(draft.has_value());
    EXPECT_EQ(draft->holder.name, "张三");
    EXPECT_TRUE(draft->holder.photo_wlt.empty()) << "the card photo was kept";
    EXPECT_EQ(draft->strength, IdentityStrength::CardRead);
    EXPECT_EQ(draft->item_key, "matter:residence_permit");
    EXPECT_EQ(draft->typed, (std::map<std::string, std::string>{{"phone", "13800138000"}}));
    EXPECT_EQ(draft->materials, (std::map<std::string, int>{{"photo", 1}}));

    m_case->end(SessionEndReason::Done);
    m_drafts->flush();
    EXPECT_FALSE(fs::exists(draft_file())) << "a visit that ended left its draft";
}

TEST_F(CaseResumeTest, AKioskStoppingMidVisitWipesMemoryButKeepsTheDraft) {
    start_kiosk();
    m_case->identify_by_card(drivers::SimIdCardReader::sample_identity(0));
    ASSERT_TRUE(m_case->select("matter:residence_permit"));
    m_case->set_field("phone", "13800138000");
    m_case->end(SessionEndReason::Shutdown); // what App does when it stops mid-visit
    m_drafts->flush();
    EXPECT_EQ(m_case->identity(), nullptr);
    EXPECT_TRUE(m_case->typed().empty());
    auto draft = draft_on_disk();
    ASSERT_TRUE(draft.has_value()) << "the restart would lose the visit";
    EXPECT_EQ(draft->typed, (std::map<std::string, std::string>{{"phone", "13800138000"}}));
    EXPECT_TRUE(audited("session.wiped"));

    start_kiosk(); // and after the restart, the same card continues
    m_case->identify_by_card(drivers::SimIdCardReader::sample_identity(0));
    EXPECT_TRUE(m_case->resume_offered());
}

// A crash or a power cut never runs the wipe at the end of the visit: the scans it left in the scan
// folder go when the kiosk starts again, before anyone is served (the draft keeps no pixels: a
// resumed visit asks for its materials again).
TEST_F(CaseResumeTest, PagesACrashLeftInTheScanFolderAreWipedAtStartUp) {
    m_intake.reset(); // the kiosk that crashed (its wipe at the end runs now, on an empty folder)
    auto left = m_folder.path() / "scans" / "birth_medical_certificate";
    std::filesystem::create_directories(left);
    std::ofstream(left / "page-001.jpg") << "a citizen's page";
    std::ofstream(left / "birth_medical_certificate.pdf") << "%PDF-1.4";
    m_intake = std::make_unique<MaterialIntake>(m_catalog, m_queue, IntakeOptions{m_folder.path() / "scans"});
    EXPECT_FALSE(std::filesystem::exists(left / "page-001.jpg"));
    EXPECT_FALSE(std::filesystem::exists(left));
}

TEST_F(CaseResumeTest, AVisitWithoutIdentityLeavesNoDraftAndDeletesNone) {
    write_full_snapshot();
    start_kiosk();
    m_case->begin();
    ASSERT_TRUE(m_case->select("package:newborn"));
    m_case->end(SessionEndReason::Timeout);
    m_drafts->flush();
    EXPECT_TRUE(m_drafts->holding()) << "a browsing visit's end took the waiting draft";
    EXPECT_TRUE(fs::exists(draft_file()));
}

TEST_F(CaseResumeTest, TheSameCardAfterARestartRestoresTheVisit) {
    write_full_snapshot();
    m_clock.advance(3min);
    start_kiosk();
    ASSERT_TRUE(m_drafts->holding());

    m_case->identify_by_card(drivers::SimIdCardReader::sample_identity(0));
    EXPECT_TRUE(m_case->resume_offered());
    ASSERT_NE(m_case->item(), nullptr);
    EXPECT_EQ(m_case->item()->key(), "matter:residence_permit");
    EXPECT_EQ(m_case->typed(), full_snapshot().typed);
    EXPECT_TRUE(m_case->materials().empty()) << "the pages were on tmpfs: they must be scanned again";
    EXPECT_EQ(m_case->to_rescan(), (std::map<std::string, int>{{"photo", 1}, {"residence_proof", 2}}));
    EXPECT_TRUE(audited("session.resumed"));

    // The application sealed before the restart shows as submitted, and is not sealed again.
    ASSERT_TRUE(m_case->select("matter:social_security_card"));
    ASSERT_NE(m_case->submission(), nullptr);
    EXPECT_EQ(m_case->submission()->state, SubmitState::Sealed);
    EXPECT_EQ(m_case->submission()->application_id, std::string(32, 'a'));
    EXPECT_EQ(m_case->submission()->query_token, "OW1-TESTTOKEN");
    EXPECT_FALSE(m_case->submit(m_clock.wall_now()).ok());

    // A material scanned again leaves the list, and the draft keeps both.
    scanned("photo", 1);
    EXPECT_EQ(m_case->to_rescan(), (std::map<std::string, int>{{"residence_proof", 2}}));
    m_drafts->flush();
    auto draft = draft_on_disk();
    ASSERT_TRUE(draft.has_value());
    EXPECT_EQ(draft->materials, (std::map<std::string, int>{{"photo", 1}, {"residence_proof", 2}}));
    EXPECT_EQ(draft->written_at, m_clock.wall_now()) << "the resumed visit's draft is not renewed";
    EXPECT_EQ(draft->sealed.size(), 1u);
}

TEST_F(CaseResumeTest, AnotherCitizensCardDeletesTheDraft) {
    write_full_snapshot();
    start_kiosk();
    m_case->identify_by_card(drivers::SimIdCardReader::sample_identity(1));
    EXPECT_FALSE(m_case->resume_offered());
    EXPECT_EQ(m_case->item(), nullptr);
    EXPECT_TRUE(m_case->typed().empty());
    EXPECT_FALSE(m_drafts->holding());
    m_drafts->flush();
    auto theirs = draft_on_disk(1); // the draft on disk is now the new citizen's own
    ASSERT_TRUE(theirs.has_value());
    EXPECT_EQ(theirs->holder.id_number, drivers::SimIdCardReader::sample_identity(1).id_number);
    EXPECT_TRUE(theirs->item_key.empty());
    EXPECT_TRUE(theirs->sealed.empty());
}

TEST_F(CaseResumeTest, TheSameCardAfterResumeWithinGetsANewVisit) {
    write_full_snapshot();
    start_kiosk();
    m_clock.advance(kResumeWithin + 1s);
    m_drafts->expire_if_due(); // what the drafts' timer does
    m_drafts->flush();
    EXPECT_FALSE(fs::exists(draft_file()));
    m_case->identify_by_card(drivers::SimIdCardReader::sample_identity(0));
    EXPECT_FALSE(m_case->resume_offered());
    EXPECT_EQ(m_case->item(), nullptr);
}

TEST_F(CaseResumeTest, ACardReadBeforeTheDraftWasLoadedStillClaimsIt) {
    write_full_snapshot();
    m_drafts = make_drafts(0x42, &m_queue);
    m_case = std::make_unique<CitizenCase>(
        m_clock, m_options, m_catalog,
        CitizenCase::Services{nullptr, m_intake.get(), nullptr, nullptr, m_drafts.get()}, nullptr);
    auto resume = m_drafts->pause();
    m_drafts->load();
    m_case->identify_by_card(drivers::SimIdCardReader::sample_identity(0)); // the card was quicker
    EXPECT_FALSE(m_case->resume_offered());
    resume();
    m_drafts->flush();
    drain(); // DraftLoaded
    EXPECT_TRUE(m_case->resume_offered());
    ASSERT_NE(m_case->item(), nullptr);
    EXPECT_EQ(m_case->item()->key(), "matter:residence_permit");
}

TEST_F(CaseResumeTest, StartingOverDeletesTheDraftAndKeepsTheCitizenIdentified) {
    write_full_snapshot();
    start_kiosk();
    m_case->identify_by_card(drivers::SimIdCardReader::sample_identity(0));
    ASSERT_TRUE(m_case->resume_offered());
    m_case->start_over();
    EXPECT_FALSE(m_case->resume_offered());
    ASSERT_NE(m_case->identity(), nullptr);
    EXPECT_EQ(m_case->item(), nullptr);
    EXPECT_TRUE(m_case->typed().empty());
    EXPECT_TRUE(m_case->to_rescan().empty());
    m_drafts->flush();
    EXPECT_FALSE(fs::exists(draft_file()));
    // What was sealed stays sealed: applying for it again shows it instead.
    ASSERT_TRUE(m_case->select("matter:social_security_card"));
    ASSERT_NE(m_case->submission(), nullptr);
    EXPECT_EQ(m_case->submission()->state, SubmitState::Sealed);
}

} // namespace
} // namespace kiosk::services::test
