// A visit's draft on disk (services/case/CaseDrafts.h): written encrypted and whole, read back
// by the next start of the kiosk, and deleted — never trusted — when it is too old, under another
// key, cut short or damaged. Real files, real encryption, the drafts' own worker.

#include "core/base/Log.h"
#include "tests/unit/case/DraftTestSupport.h"

#include <fstream>
#include <string>
#include <vector>

namespace kiosk::services::test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using outbox::test::contains;
using outbox::test::file_bytes;

class CaseDraftsTest : public DraftTest {
protected:
    void SetUp() override {
        log::set_observer([this](log::Level, std::string_view line) { m_log.emplace_back(line); });
    }
    void TearDown() override { log::set_observer(nullptr); }

    // Writes the full snapshot as the kiosk before the restart would.
    void write_full_snapshot() {
        auto drafts = make_drafts();
        drafts->save(full_snapshot());
        drafts->flush();
        ASSERT_TRUE(fs::exists(draft_file()));
    }
    void expect_nothing_personal_logged() {
        auto holder = drivers::SimIdCardReader::sample_identity(0);
        for (const auto& line : m_log)
            for (const std::string* field : {&holder.name, &holder.id_number, &holder.address})
                EXPECT_FALSE(contains(line, *field)) << line;
    }

    std::vector<std::string> m_log;
};

TEST_F(CaseDraftsTest, ADraftComesBackWholeForItsHolderAfterARestart) {
    write_full_snapshot();
    std::string bytes = file_bytes(draft_file());
    for (const char* plain :
         {"张三", "440304198806157315", "13800138000", "OW1-TESTTOKEN", "residence_permit"})
        EXPECT_FALSE(contains(bytes, plain)) << "the draft holds '" << plain << "' in plain text";
    EXPECT_EQ(fs::status(drafts_folder()).permissions() & fs::perms::all, fs::perms::owner_all);

    m_clock.advance(5min);
    auto drafts = restart();
    EXPECT_EQ(drafts->loaded(), CaseDrafts::Loaded::Held);
    auto claimed = drafts->claim(drivers::SimIdCardReader::sample_identity(0));
    ASSERT_TRUE(claimed.has_value());
    auto expected = full_snapshot();
    expected.written_at -= 5min;
    EXPECT_EQ(snapshot_to_json(*claimed), snapshot_to_json(expected));
    EXPECT_FALSE(drafts->holding());
    expect_nothing_personal_logged();
}

TEST_F(CaseDraftsTest, NoDraftIsAbsent) {
    auto drafts = restart();
    EXPECT_EQ(drafts->loaded(), CaseDrafts::Loaded::Absent);
    EXPECT_FALSE(drafts->claim(drivers::SimIdCardReader::sample_identity(0)).has_value());
}

TEST_F(CaseDraftsTest, ADraftOlderThanResumeWithinIsDeletedAtStart) {
    write_full_snapshot();
    m_clock.advance(kResumeWithin + 1s);
    auto drafts = restart();
    EXPECT_EQ(drafts->loaded(), CaseDrafts::Loaded::Expired);
    EXPECT_FALSE(fs::exists(draft_file()));
    EXPECT_FALSE(drafts->holding());
}

TEST_F(CaseDraftsTest, ADraftFromTheFutureIsDeletedToo) {
    write_full_snapshot();
    m_clock.advance(-(kResumeWithin + 1s)); // the clock was set back after the draft was written
    EXPECT_EQ(restart()->loaded(), CaseDrafts::Loaded::Expired);
    EXPECT_FALSE(fs::exists(draft_file()));
}

TEST_F(CaseDraftsTest, ADraftUnderAnotherKeyIsDeleted) {
    write_full_snapshot();
    auto drafts = restart(0x43);
    EXPECT_EQ(drafts->loaded(), CaseDrafts::Loaded::Unreadable);
    EXPECT_FALSE(fs::exists(draft_file()));
    expect_nothing_personal_logged();
}

TEST_F(CaseDraftsTest, ATruncatedOrDamagedDraftIsDeleted) {
    for (int damage = 0; damage < 4; ++damage) {
        SCOPED_TRACE(damage);
        write_full_snapshot();
        std::string bytes = file_bytes(draft_file());
        if (damage == 0)
            bytes.resize(bytes.size() / 2);
        else if (damage == 1)
            bytes.resize(10); // shorter than a nonce and a tag
        else if (damage == 2)
            bytes[bytes.size() / 2] ^= 0x01;
        else
            bytes.clear();
        std::ofstream(draft_file(), std::ios::binary | std::ios::trunc) << bytes;
        auto drafts = restart();
        EXPECT_EQ(drafts->loaded(), CaseDrafts::Loaded::Unreadable);
        EXPECT_FALSE(fs::exists(draft_file()));
    }
    expect_nothing_personal_logged();
}

TEST_F(CaseDraftsTest, ATemporaryFileOfAnInterruptedWriteIsNeverADraft) {
    write_full_snapshot();
    auto temp = drafts_folder() / "case.draft.tmp-0123456789ab";
    std::ofstream(temp, std::ios::binary) << "half a draft";
    auto drafts = restart();
    EXPECT_EQ(drafts->loaded(), CaseDrafts::Loaded::Held);
    EXPECT_FALSE(fs::exists(temp));
}

TEST_F(CaseDraftsTest, AnotherHoldersCardDeletesTheHeldDraft) {
    write_full_snapshot();
    auto drafts = restart();
    EXPECT_FALSE(drafts->claim(drivers::SimIdCardReader::sample_identity(1)).has_value());
    EXPECT_FALSE(drafts->holding());
    drafts->flush();
    EXPECT_FALSE(fs::exists(draft_file()));
    // Gone for its own holder too.
    EXPECT_FALSE(drafts->claim(drivers::SimIdCardReader::sample_identity(0)).has_value());
}

TEST_F(CaseDraftsTest, AHeldDraftGoesWhenResumeWithinPasses) {
    write_full_snapshot();
    auto drafts = restart();
    m_clock.advance(kResumeWithin - 1s);
    drafts->expire_if_due();
    EXPECT_TRUE(drafts->holding());
    m_clock.advance(2s);
    drafts->expire_if_due();
    EXPECT_FALSE(drafts->holding());
    drafts->flush();
    EXPECT_FALSE(fs::exists(draft_file()));
}

TEST_F(CaseDraftsTest, ACardAfterResumeWithinGetsNothing) {
    write_full_snapshot();
    auto drafts = restart();
    m_clock.advance(kResumeWithin + 1s); // the timer has not run yet: the claim checks the time itself
    EXPECT_FALSE(drafts->claim(drivers::SimIdCardReader::sample_identity(0)).has_value());
    drafts->flush();
    EXPECT_FALSE(fs::exists(draft_file()));
}

TEST_F(CaseDraftsTest, OnlyTheLatestOfSeveralQueuedSnapshotsIsWritten) {
    auto drafts = make_drafts();
    auto resume = drafts->pause();
    for (int i = 1; i <= 5; ++i) {
        auto snapshot = full_snapshot();
        snapshot.typed["phone"] = "1380013800" + std::to_string(i);
        drafts->save(std::move(snapshot));
    }
    resume();
    drafts->flush();
    EXPECT_EQ(drafts->writes(), 1);
    auto claimed = restart()->claim(drivers::SimIdCardReader::sample_identity(0));
    ASSERT_TRUE(claimed.has_value());
    EXPECT_EQ(claimed->typed.at("phone"), "13800138005");
}

TEST_F(CaseDraftsTest, DiscardDeletesTheDraftAndWhatWasStillQueued) {
    auto drafts = make_drafts();
    drafts->save(full_snapshot());
    drafts->flush();
    ASSERT_TRUE(fs::exists(draft_file()));
    auto resume = drafts->pause();
    drafts->save(full_snapshot());
    drafts->discard();
    resume();
    drafts->flush();
    EXPECT_FALSE(fs::exists(draft_file()));
    EXPECT_EQ(drafts->writes(), 1);
}

TEST_F(CaseDraftsTest, ASaveAfterADiscardIsWrittenAfterTheDelete) {
    auto drafts = make_drafts();
    auto resume = drafts->pause();
    drafts->save(full_snapshot());
    drafts->discard(); // the first visit ended
    auto next = full_snapshot();
    next.item_key = "package:newborn";
    drafts->save(std::move(next)); // the next one began
    resume();
    drafts->flush();
    auto claimed = restart()->claim(drivers::SimIdCardReader::sample_identity(0));
    ASSERT_TRUE(claimed.has_value());
    EXPECT_EQ(claimed->item_key, "package:newborn");
}

TEST_F(CaseDraftsTest, TheSnapshotReaderRefusesWhatItDoesNotKnow) {
    std::string json = snapshot_to_json(full_snapshot());
    ASSERT_TRUE(snapshot_from_json(json).ok());
    for (std::string bad : {std::string("{}"), std::string("[1]"), std::string("not json"),
                            json.substr(0, json.size() - 1), "{\"extra\":1," + json.substr(1)}) {
        auto read = snapshot_from_json(bad);
        ASSERT_FALSE(read.ok()) << bad;
        EXPECT_EQ(read.error().code, ErrorCode::InvalidData);
        EXPECT_FALSE(contains(read.error().message, "440304198806157315"));
    }
}

} // namespace
} // namespace kiosk::services::test
