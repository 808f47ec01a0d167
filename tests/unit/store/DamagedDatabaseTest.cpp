// A damaged store (power cut on bad flash, a copied-over file) is detected when it is opened and
// reported as Corrupt, naming the file: never used, never a crash.

#include "StoreTestSupport.h"
#include "core/base/Clock.h"
#include "core/store/AuditLog.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>

namespace kiosk::store {
namespace {

using test::open_or_fail;
using test::TempDir;

std::string random_bytes(size_t count, unsigned seed) {
    std::mt19937 generator(seed); // fixed seed: the same damage on every run
    std::string bytes(count, '\0');
    for (auto& byte : bytes)
        byte = static_cast<char>(generator() & 0xff);
    return bytes;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void overwrite(const std::string& path, std::streamoff offset, const std::string& bytes) {
    std::fstream file(path, std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(offset);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A store with a few dozen pages of audit entries, closed (so the WAL is folded into the file).
void make_store_with_many_pages(const std::string& path) {
    auto database = open_or_fail(path);
    ASSERT_TRUE(database);
    FakeClock clock;
    AuditLog audit(*database, clock);
    for (int i = 0; i < 400; ++i)
        ASSERT_TRUE(audit.append("device.status", "scanner ready, entry " + std::string(200, 'x')).ok());
}

void expect_corrupt(const std::string& path) {
    auto database = Database::open(path);
    ASSERT_FALSE(database.ok()) << "a damaged file was opened";
    EXPECT_EQ(database.error().code, ErrorCode::Corrupt) << database.error().describe();
    EXPECT_NE(database.error().message.find(path), std::string::npos) << database.error().message;
}

TEST(DamagedDatabase, FileOfRandomBytesIsCorrupt) {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    std::ofstream(path, std::ios::binary) << random_bytes(64 * 1024, 1);
    std::string before = read_all(path);

    expect_corrupt(path);
    EXPECT_EQ(read_all(path), before) << "opening must not write into a damaged file";
}

TEST(DamagedDatabase, PagesOverwrittenInTheMiddleAreCorrupt) {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    make_store_with_many_pages(path);
    auto size = static_cast<std::streamoff>(std::filesystem::file_size(path));
    ASSERT_GT(size, 20 * 4096) << "the store should span many pages";
    overwrite(path, (size / 2) / 4096 * 4096, random_bytes(3 * 4096, 2));
    std::string before = read_all(path);

    expect_corrupt(path);
    EXPECT_EQ(read_all(path), before) << "opening must not write into a damaged file";
}

TEST(DamagedDatabase, TruncatedFileIsCorrupt) {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    make_store_with_many_pages(path);
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);

    expect_corrupt(path);
}

TEST(DamagedDatabase, EmptyFileIsAFreshStore) {
    // Zero bytes is a valid, empty SQLite database (e.g. a file pre-created by the OS image).
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    std::ofstream(path, std::ios::binary).close();
    EXPECT_TRUE(open_or_fail(path));
}

} // namespace
} // namespace kiosk::store
