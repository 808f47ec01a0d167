// A store that must not be written: opened read-only on purpose (staff tools), a file an operator
// made read-only, or a folder the kiosk cannot write in. Writes fail with ReadOnly, never crash.

#include "StoreTestSupport.h"
#include "core/base/Clock.h"
#include "core/store/AuditLog.h"
#include "core/store/Counters.h"

#include <functional>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kiosk::store {
namespace {

using test::open_or_fail;
using test::TempDir;

constexpr DatabaseOptions read_only{.read_only = true};

// Fills a store with one audit entry and one counter, then closes it.
void make_store(const std::string& path) {
    auto database = open_or_fail(path);
    ASSERT_TRUE(database);
    FakeClock clock;
    ASSERT_TRUE(AuditLog(*database, clock).append("config.applied", "bundle 12").ok());
    ASSERT_TRUE(Counters(*database).increment("sessions").ok());
}

TEST(ReadOnlyDatabase, ReadOnlyOptionReadsButRefusesWrites) {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    make_store(path);

    auto database = open_or_fail(path, read_only);
    ASSERT_TRUE(database);
    EXPECT_TRUE(database->read_only());
    FakeClock clock;
    AuditLog audit(*database, clock);
    Counters counters(*database);

    ASSERT_EQ(audit.recent(10).value().size(), 1u);
    EXPECT_EQ(counters.get("sessions").value(), 1);

    auto appended = audit.append("session.started", "");
    ASSERT_FALSE(appended.ok());
    EXPECT_EQ(appended.error().code, ErrorCode::ReadOnly) << appended.error().describe();
    EXPECT_NE(appended.error().message.find(path), std::string::npos);
    auto incremented = counters.increment("sessions");
    ASSERT_FALSE(incremented.ok());
    EXPECT_EQ(incremented.error().code, ErrorCode::ReadOnly) << incremented.error().describe();
    auto transaction = database->begin();
    ASSERT_FALSE(transaction.ok());
    EXPECT_EQ(transaction.error().code, ErrorCode::ReadOnly);
}

TEST(ReadOnlyDatabase, ReadOnlyOpenOfAMissingFileIsNotFound) {
    TempDir dir;
    auto database = Database::open(dir.file("never-created.db"), read_only);
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error().code, ErrorCode::NotFound);
}

// The mode bits decide, not only access(): tests run as root, where chmod 0444 would not stop a write.
TEST(ReadOnlyDatabase, FileMadeReadOnlyIsRefusedForWritingButOpensReadOnly) {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    make_store(path);
    ASSERT_EQ(::chmod(path.c_str(), 0444), 0);

    auto database = Database::open(path);
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error().code, ErrorCode::ReadOnly);
    EXPECT_NE(database.error().message.find(path), std::string::npos) << database.error().message;
    EXPECT_NE(database.error().message.find("0444"), std::string::npos) << database.error().message;

    auto reader = open_or_fail(path, read_only);
    ASSERT_TRUE(reader);
    EXPECT_EQ(Counters(*reader).get("sessions").value(), 1);
}

// Runs `body` without root's power to write anywhere: in a child process as user "nobody" when the
// tests run as root, in this process otherwise. Returns body's result, or -1 if privileges could
// not be dropped.
int run_unprivileged(const std::function<int()>& body) {
    if (::geteuid() != 0)
        return body();
    pid_t child = ::fork();
    if (child == 0) {
        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
            ::_exit(255);
        ::_exit(body());
    }
    int status = 0;
    if (child < 0 || ::waitpid(child, &status, 0) != child || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status) == 255 ? -1 : WEXITSTATUS(status);
}

TEST(ReadOnlyDatabase, FolderNotWritableIsReadOnly) {
    TempDir dir;
    std::string folder = dir.file("locked-folder");
    ASSERT_EQ(::mkdir(folder.c_str(), 0555), 0);
    ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0); // let "nobody" reach it
    std::string path = folder + "/kiosk.db";

    int code = run_unprivileged([&] {
        auto database = Database::open(path);
        if (database.ok())
            return 100;
        bool names_folder = database.error().message.find("not writable") != std::string::npos;
        return static_cast<int>(database.error().code) + (names_folder ? 0 : 50);
    });
    if (code == -1)
        GTEST_SKIP() << "running as root and cannot switch to user nobody, so root ignores the folder mode";
    EXPECT_EQ(code, static_cast<int>(ErrorCode::ReadOnly))
        << "100: opened; +50: message lacks 'not writable'";
}

} // namespace
} // namespace kiosk::store
