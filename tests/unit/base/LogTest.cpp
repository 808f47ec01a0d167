// Logging for staff and engineers: every line reaches the observer, and anything wrapped in
// Personal{} prints as "[redacted]" so a citizen's data never lands in a log.

#include "core/base/Log.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {
namespace {

class LogTest : public ::testing::Test {
protected:
    void SetUp() override {
        log::set_observer([this](log::Level level, std::string_view line) {
            m_lines.emplace_back(level, std::string(line));
        });
    }
    void TearDown() override { log::set_observer(nullptr); }

    std::vector<std::pair<log::Level, std::string>> m_lines;
};

TEST_F(LogTest, ObserverReceivesFormattedLinesWithTheirLevel) {
    log::info("printer {} ready, {} sheets", "a4", 250);
    log::warn("toner low: {}%", 8);
    log::error("scanner fault: {}", "jam");
    ASSERT_EQ(m_lines.size(), 3u);
    EXPECT_EQ(m_lines[0], std::make_pair(log::Level::Info, std::string("printer a4 ready, 250 sheets")));
    EXPECT_EQ(m_lines[1], std::make_pair(log::Level::Warn, std::string("toner low: 8%")));
    EXPECT_EQ(m_lines[2], std::make_pair(log::Level::Error, std::string("scanner fault: jam")));
}

TEST_F(LogTest, PersonalValuesAreRedacted) {
    std::string name = "张三";
    std::string id_number = "11010519491231002X";
    log::info("card read for {}", log::Personal<std::string>{name});
    log::warn("id {} rejected for {}", log::Personal{id_number}, log::Personal{name});
    ASSERT_EQ(m_lines.size(), 2u);
    EXPECT_EQ(m_lines[0].second, "card read for [redacted]");
    EXPECT_EQ(m_lines[1].second, "id [redacted] rejected for [redacted]");
    for (const auto& [level, line] : m_lines) {
        EXPECT_EQ(line.find(name), std::string::npos) << line;
        EXPECT_EQ(line.find(id_number), std::string::npos) << line;
    }
}

TEST_F(LogTest, RemovedObserverReceivesNothing) {
    log::set_observer(nullptr);
    log::info("nobody listens");
    EXPECT_TRUE(m_lines.empty());
}

TEST_F(LogTest, DebugLinesReachTheObserverToo) {
    log::debug("frame {} took {} ms", 12, 3);
    ASSERT_EQ(m_lines.size(), 1u);
    EXPECT_EQ(m_lines[0], std::make_pair(log::Level::Debug, std::string("frame 12 took 3 ms")));
}

TEST_F(LogTest, ObserverSeesEveryLineWhateverTheOutputLevel) {
    // The observer is how tests prove nothing personal is ever formatted, so a quiet log level must
    // not hide lines from it.
    log::set_level(log::Level::Error);
    log::info("quiet on stderr");
    log::set_level(log::Level::Info);
    ASSERT_EQ(m_lines.size(), 1u);
    EXPECT_EQ(m_lines[0].second, "quiet on stderr");
}

// A citizen-derived type with no formatter of its own.
struct Payload {
    std::string text;
};

TEST_F(LogTest, AnyPersonalTypeIsRedactedAndFormatSpecsApplyToTheMarker) {
    Payload qr{"https://gov.example/apply?id=440304198806157315"};
    int age = 37;
    std::vector<uint8_t> photo{0x57, 0x4c, 0x54};
    log::info("qr {} age {} photo {}", log::Personal{qr}, log::Personal{age}, log::Personal{photo});
    log::info("[{:>12}]", log::Personal{age});
    ASSERT_EQ(m_lines.size(), 2u);
    EXPECT_EQ(m_lines[0].second, "qr [redacted] age [redacted] photo [redacted]");
    EXPECT_EQ(m_lines[1].second, "[  [redacted]]");
    for (const auto& [level, line] : m_lines) {
        EXPECT_EQ(line.find("440304"), std::string::npos) << line;
        EXPECT_EQ(line.find("37"), std::string::npos) << line;
    }
}

TEST_F(LogTest, LinesFromManyThreadsAllArrive) {
    constexpr int threads = 4, per_thread = 250;
    std::mutex mutex;
    std::map<std::string, int> counts;
    log::set_observer([&](log::Level, std::string_view line) {
        std::lock_guard lock(mutex);
        ++counts[std::string(line)];
    });
    std::vector<std::thread> writers;
    writers.reserve(threads);
    for (int t = 0; t < threads; ++t)
        writers.emplace_back([t] {
            for (int i = 0; i < per_thread; ++i)
                log::debug("writer {} line {}", t, i);
        });
    for (auto& writer : writers)
        writer.join();
    log::set_observer(nullptr);
    std::lock_guard lock(mutex);
    EXPECT_EQ(counts.size(), static_cast<size_t>(threads * per_thread));
    for (const auto& [line, count] : counts)
        EXPECT_EQ(count, 1) << line;
}

} // namespace
} // namespace kiosk
