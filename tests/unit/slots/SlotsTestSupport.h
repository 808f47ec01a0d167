#pragma once
// The scratch folder, factory config and generated versions the config-slot tests share.
#include "services/slots/ConfigSlots.h"
#include "services/slots/SlotFiles.h"
#include "tests/soak/SlotContent.h"

#include <gtest/gtest.h>
#include <optional>

namespace kiosk::slots {
namespace fs = std::filesystem;
using testing::read_bytes;

// Few files per version here (fsync'd one by one); the soak installs 45 and more.
inline constexpr int kFiles = 4;
inline void write_content(const fs::path& folder, std::int64_t version) {
    testing::write_content(folder, version, kFiles);
}
inline std::optional<std::int64_t> content_version(const fs::path& folder, std::string& why) {
    return testing::content_version(folder, why, kFiles);
}

class ConfigSlotsTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "configslots-XXXXXX").string();
        ASSERT_TRUE(mkdtemp(pattern.data()));
        m_root = pattern;
        m_factory = m_root / "factory";
        write_content(m_factory, 0);
    }
    void TearDown() override { fs::remove_all(m_root); }

    std::unique_ptr<ConfigSlots> open(SlotsOptions options = {}) {
        auto slots = ConfigSlots::open(m_root / "state", m_factory, m_clock, std::move(options));
        EXPECT_TRUE(slots.ok()) << (slots.ok() ? "" : slots.error().describe());
        return slots.ok() ? slots.release_value() : nullptr;
    }
    fs::path stage(std::int64_t version) {
        fs::path staged = m_root / ("staged-" + std::to_string(version) + "-" + std::to_string(++m_staged));
        write_content(staged, version);
        return staged;
    }
    Result<ActiveSlot> install(ConfigSlots& slots, std::int64_t version) {
        return slots.install(stage(version), SlotInfo{"bundle-" + std::to_string(version), version});
    }
    fs::path config() const { return m_root / "state" / "config"; }
    std::string link() const { return fs::read_symlink(config() / "current").string(); }
    std::int64_t current_version() const {
        std::string why;
        auto version = content_version(config() / "current", why);
        EXPECT_TRUE(version) << why;
        return version.value_or(-1);
    }
    Outcome last_outcome(const ConfigSlots& slots) const { return slots.state().history.back().outcome; }

    fs::path m_root;
    fs::path m_factory;
    FakeClock m_clock{std::chrono::system_clock::from_time_t(1796000000)}; // 2026-11-30T00:53:20Z
    int m_staged = 0;
};

inline void PrintTo(Step step, std::ostream* out) {
    *out << to_string(step);
}

} // namespace kiosk::slots
