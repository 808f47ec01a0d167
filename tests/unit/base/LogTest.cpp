// Logging for staff and engineers: every line reaches the observer, and anything wrapped in
// Personal{} prints as "[redacted]" so a citizen's data never lands in a log.

#include "kiosk/base/Log.h"

#include <gtest/gtest.h>
#include <string>
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

} // namespace
} // namespace kiosk
