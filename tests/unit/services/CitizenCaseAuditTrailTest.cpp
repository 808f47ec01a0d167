// A session's record as staff find it in the kiosk's store: the session wired to the SQLite audit log
// the way the app wires it leaves "session.started" and "session.wiped" entries, and not one byte of
// the cardholder's data in the database file.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "drivers/idcard/SimIdCardReader.h"
#include "services/case/CitizenCase.h"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace kiosk::services {
namespace {

using namespace std::chrono_literals;

// A fresh folder under $TMPDIR, removed with its contents when the object goes.
class ScratchFolder {
public:
    ScratchFolder() {
        auto base = std::filesystem::temp_directory_path() / "onewindow-session-XXXXXX";
        std::string pattern = base.string();
        if (mkdtemp(pattern.data()))
            m_path = pattern;
    }
    ~ScratchFolder() {
        std::error_code ignored;
        if (!m_path.empty())
            std::filesystem::remove_all(m_path, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    bool ok() const { return !m_path.empty(); }
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

const WallTime november_25_2025_0130_utc = WallTime{} + 1764034200s;

TEST(CitizenCaseAuditTrail, WipeIsOnRecordAndNoPersonalDataReachesTheDatabaseFile) {
    ScratchFolder folder;
    ASSERT_TRUE(folder.ok());
    std::string path = folder.file("kiosk.db");
    const domain::Identity cardholder = drivers::SimIdCardReader::sample_identity(0);
    FakeClock clock(november_25_2025_0130_utc);
    {
        auto opened = store::Database::open(path);
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        auto database = opened.release_value();
        store::AuditLog audit(*database, clock);
        KioskOptions options;
        domain::Catalog catalog;
        CitizenCase session(clock, options, catalog, {}, [&](std::string_view kind, std::string_view detail) {
            auto appended = audit.append(kind, detail);
            EXPECT_TRUE(appended.ok()) << appended.error().describe();
        });

        session.identify_by_card(cardholder);
        clock.advance(3min);
        session.end(SessionEndReason::Done);

        auto entries = audit.recent(10);
        ASSERT_TRUE(entries.ok()) << entries.error().describe();
        ASSERT_EQ(entries->size(), 2u);
        EXPECT_EQ(entries->at(0).kind, "session.wiped");
        EXPECT_EQ(entries->at(0).detail, "reason=done duration_s=180 wiped=identity,selection");
        EXPECT_EQ(entries->at(0).at_utc, "2025-11-25T01:33:00Z");
        EXPECT_EQ(entries->at(1).kind, "session.started");
        EXPECT_EQ(entries->at(1).at_utc, "2025-11-25T01:30:00Z");
    } // closing the last connection folds the WAL into the main file

    // Everything the store holds, as bytes: the main file and anything left beside it.
    std::string stored;
    for (const char* suffix : {"", "-wal", "-journal"}) {
        if (!std::filesystem::exists(path + suffix))
            continue;
        auto bytes = read_file(path + suffix);
        ASSERT_TRUE(bytes.ok()) << bytes.error().describe();
        stored += bytes.value();
    }
    ASSERT_NE(stored.find("session.wiped"), std::string::npos) << "searching the wrong bytes";
    for (const std::string* field : {&cardholder.name, &cardholder.id_number, &cardholder.address,
                                     &cardholder.birth_date, &cardholder.issuer})
        EXPECT_EQ(stored.find(*field), std::string::npos) << "found in the database file: " << *field;
}

} // namespace
} // namespace kiosk::services
