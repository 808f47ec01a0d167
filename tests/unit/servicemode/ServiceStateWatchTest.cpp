// The running kiosk picks up a service state another program wrote: the watch reads the row on the
// store worker at start and every interval, and delivers only rows whose revision changed; after the
// watch is gone nothing is delivered. Real SQLite file, real worker; waits have deadlines.

#include "services/staff/mode/ServiceStateWatch.h"
#include "core/store/Database.h"
#include "core/store/ServiceStateStore.h"

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <mutex>

namespace kiosk::services {
namespace {

using namespace std::chrono_literals;

class Deliveries {
public:
    void add(store::StoredServiceState state) {
        std::lock_guard lock(m_mutex);
        m_rows.push_back(std::move(state));
        m_changed.notify_all();
    }
    // Waits until `count` rows arrived (or 5 s passed); answers a copy.
    std::vector<store::StoredServiceState> wait_for(size_t count) {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, 5s, [&] { return m_rows.size() >= count; });
        return m_rows;
    }
    size_t size() {
        std::lock_guard lock(m_mutex);
        return m_rows.size();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<store::StoredServiceState> m_rows;
};

TEST(ServiceStateWatch, DeliversAtStartAndEachChangeAnotherProgramMakes) {
    std::string pattern = (std::filesystem::temp_directory_path() / "servicewatch-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(pattern.data()));
    std::string path = pattern + "/kiosk.db";
    SystemClock clock;
    auto kiosk_db = store::Database::open(path); // used only on the store worker once the watch starts
    auto tool_db = store::Database::open(path);  // kiosk-devctl
    ASSERT_TRUE(kiosk_db.ok() && tool_db.ok());
    Deliveries deliveries;
    Worker worker("store");
    {
        ServiceStateWatch watch(
            worker, [&] { return kiosk_db.value().get(); }, clock,
            [&](store::StoredServiceState state) { deliveries.add(std::move(state)); }, 20ms);
        watch.start();
        auto rows = deliveries.wait_for(1);
        ASSERT_EQ(rows.size(), 1U); // at start: never saved, in service
        EXPECT_TRUE(rows[0].in_service);
        EXPECT_EQ(rows[0].revision, 0);

        store::ServiceStateStore tool(*tool_db.value(), clock);
        ASSERT_TRUE(tool.save({false, "staff", "", {"暂停", "Closed"}, "S1024", ""}).ok());
        rows = deliveries.wait_for(2);
        ASSERT_EQ(rows.size(), 2U);
        EXPECT_FALSE(rows[1].in_service);
        EXPECT_EQ(rows[1].notice.en, "Closed");
        EXPECT_EQ(rows[1].revision, 1);

        std::this_thread::sleep_for(100ms); // five more rounds, no change: nothing more delivered
        EXPECT_EQ(deliveries.size(), 2U);
    } // the watch goes; the worker still runs its pending round
    store::ServiceStateStore tool(*tool_db.value(), clock);
    ASSERT_TRUE(tool.save({}).ok());
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(deliveries.size(), 2U);
    std::filesystem::remove_all(pattern);
}

TEST(ServiceStateWatch, SkipsRoundsWhileTheDatabaseIsNotOpen) {
    SystemClock clock;
    Deliveries deliveries;
    std::atomic<int> asked{0};
    Worker worker("store");
    {
        ServiceStateWatch watch(
            worker,
            [&]() -> store::Database* {
                ++asked;
                return nullptr;
            },
            clock, [&](store::StoredServiceState state) { deliveries.add(std::move(state)); }, 10ms);
        watch.start();
        for (int i = 0; i < 500 && asked < 3; ++i)
            std::this_thread::sleep_for(10ms);
    }
    EXPECT_GE(asked.load(), 3);
    EXPECT_EQ(deliveries.size(), 0U);
}

} // namespace
} // namespace kiosk::services
