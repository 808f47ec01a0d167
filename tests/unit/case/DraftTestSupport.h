#pragma once
// Shared by the drafts tests: a scratch folder with an outbox key, a FakeClock, CaseDrafts made on them
// (real files, real encryption), and a snapshot of a visit with something in every field.

#include "core/base/Clock.h"
#include "drivers/idcard/SimIdCardReader.h"
#include "services/case/CaseDrafts.h"
#include "tests/unit/outbox/OutboxTestSupport.h"

#include <chrono>
#include <filesystem>
#include <gtest/gtest.h>
#include <memory>

namespace kiosk::services::test {

class DraftTest : public ::testing::Test {
protected:
    // The drafts of this kiosk, as the app makes them; key_byte 0x43 is another kiosk's key.
    std::unique_ptr<CaseDrafts> make_drafts(unsigned char key_byte = 0x42, AppEventQueue* queue = nullptr) {
        auto key_folder = m_folder.path() / ("key-" + std::to_string(key_byte));
        std::filesystem::create_directories(key_folder);
        auto outbox = outbox::test::make_outbox_options(key_folder, key_byte);
        auto made = CaseDrafts::create({drafts_folder(), outbox.key_file, kResumeWithin}, m_clock, queue);
        EXPECT_TRUE(made.ok()) << made.error().describe();
        return made.ok() ? made.release_value() : nullptr;
    }
    // A fresh start of the kiosk: new drafts, loaded.
    std::unique_ptr<CaseDrafts> restart(unsigned char key_byte = 0x42, AppEventQueue* queue = nullptr) {
        auto drafts = make_drafts(key_byte, queue);
        drafts->load();
        drafts->flush();
        return drafts;
    }
    std::filesystem::path drafts_folder() const { return m_folder.path() / "drafts"; }
    std::filesystem::path draft_file() const { return drafts_folder() / "case.draft"; }

    CaseSnapshot full_snapshot() const {
        CaseSnapshot snapshot;
        snapshot.written_at = m_clock.wall_now();
        snapshot.holder = drivers::SimIdCardReader::sample_identity(0);
        snapshot.holder.photo_wlt.clear();
        snapshot.strength = IdentityStrength::CardRead;
        snapshot.item_key = "matter:residence_permit";
        snapshot.typed = {{"current_address", "广东省深圳市南山区科技园"}, {"phone", "13800138000"}};
        snapshot.materials = {{"photo", 1}, {"residence_proof", 2}};
        snapshot.sealed = {{"matter:social_security_card", {std::string(32, 'a'), "OW1-TESTTOKEN"}}};
        return snapshot;
    }

    static constexpr std::chrono::seconds kResumeWithin{600};
    outbox::test::TempFolder m_folder;
    FakeClock m_clock{from_local_civil({2026, 11, 25, 9, 30})};
};

} // namespace kiosk::services::test
