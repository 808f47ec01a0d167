// Every staff screen drawn in zh-CN and en, landscape and portrait, to PNGs in the build folder
// (KIOSK_STAFF_SHOTS: build/dev/tests/unit/staff/shots) to be looked at — CJK text right, nothing
// clipped or overlapping — and the pad's keys measured: each at least 96 px, none over another.

#include "StaffSceneTest.h"

#include <filesystem>

namespace kiosk::ui::test {
namespace {

using namespace std::chrono_literals;

class StaffScreensDrawTest : public StaffSceneTest {
protected:
    struct Shape {
        Rect screen;
        const char* name;
    };
    static constexpr Shape kShapes[] = {{kScreen, "landscape"}, {kPortraitScreenSize, "portrait"}};

    // Draws the screen as it is in both languages and both shapes; `prepare` brings it there.
    template <typename Prepare>
    void shoot(const std::string& name, Prepare prepare) {
        std::filesystem::create_directories(KIOSK_STAFF_SHOTS);
        for (const Shape& shape : kShapes) {
            for (Language language : {Language::ZhCN, Language::En}) {
                SCOPED_TRACE(name + " " + shape.name);
                use_screen(shape.screen);
                m_tr->set_language(language);
                prepare();
                m_scenes->set_language(language);
                draw();
                save_png(std::string(KIOSK_STAFF_SHOTS) + "/" + name + "-" +
                         (language == Language::ZhCN ? "zh" : "en") + "-" + shape.name + ".png");
            }
        }
    }
};

TEST_F(StaffScreensDrawTest, ThePinPad) {
    shoot("staff-sign-in", [&] {
        m_desk.locked_for = 0s;
        open_pad();
    });
    shoot("staff-sign-in-wrong-pin", [&] {
        open_pad();
        press_all("1024");
        press("pin");
        press_all("123");
        press("ok");
        services::StaffSignInAnswered answer;
        answer.refusal = "wrong-pin";
        answer.tries_left = 2;
        m_scenes->handle_event(answer);
        press_all("45");
    });
    shoot("staff-sign-in-locked", [&] {
        m_desk.locked_for = 280s;
        open_pad();
    });
}

TEST_F(StaffScreensDrawTest, ThePadsKeysAreLargeAndApart) {
    for (const Shape& shape : kShapes) {
        SCOPED_TRACE(shape.name);
        use_screen(shape.screen);
        open_pad();
        std::vector<Rect> keys;
        for (const char* key :
             {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "delete", "ok", "cancel"})
            keys.push_back(pad().key_bounds(key));
        for (size_t i = 0; i < keys.size(); ++i) {
            EXPECT_GE(keys[i].w, StaffSignInScene::kKeySize);
            EXPECT_GE(keys[i].h, StaffSignInScene::kKeySize);
            EXPECT_LE(keys[i].right(), shape.screen.w);
            EXPECT_LE(keys[i].bottom(), shape.screen.h);
            for (size_t j = i + 1; j < keys.size(); ++j) {
                bool apart = keys[i].right() <= keys[j].x || keys[j].right() <= keys[i].x ||
                             keys[i].bottom() <= keys[j].y || keys[j].bottom() <= keys[i].y;
                EXPECT_TRUE(apart) << i << " over " << j;
            }
        }
        for (const char* field : {"staff-id", "pin"}) {
            Rect bounds = pad().key_bounds(field);
            for (const Rect& key : keys)
                EXPECT_TRUE(bounds.right() <= key.x || key.right() <= bounds.x || bounds.bottom() <= key.y ||
                            key.bottom() <= bounds.y)
                    << field << " under a key";
        }
    }
}

TEST_F(StaffScreensDrawTest, TheDevicePanel) {
    m_desk.device_history.last_fault_at = from_local_civil({2026, 11, 24, 16, 5});
    m_desk.device_history.last_fault_reason = "media-jam";
    m_desk.device_history.last_success_at = from_local_civil({2026, 11, 25, 9, 12});
    m_desk.device_history.counters = {{"prints", 1234}, {"faults", 3}};
    shoot("maintenance-devices", [&] {
        open_maintenance(domain::StaffRole::HallIt, StaffTab::Devices);
        domain::DeviceStatus jam{domain::DeviceKind::ReceiptPrinter,
                                 domain::DeviceState::Fault,
                                 domain::FixedBy::HallStaff,
                                 "media-jam",
                                 {}};
        m_scenes->handle_event(services::DeviceStatusChanged{jam});
        domain::DeviceStatus reader{domain::DeviceKind::IdCardReader,
                                    domain::DeviceState::Absent,
                                    domain::FixedBy::HallStaff,
                                    "unplugged",
                                    {}};
        m_scenes->handle_event(services::DeviceStatusChanged{reader});
        domain::DeviceStatus a4{domain::DeviceKind::A4Printer,
                                domain::DeviceState::Fault,
                                domain::FixedBy::Engineer,
                                "queue-stopped",
                                {}};
        m_scenes->handle_event(services::DeviceStatusChanged{a4});
    });
}

TEST_F(StaffScreensDrawTest, TheTestsTab) {
    shoot("maintenance-tests-duty", [&] { open_maintenance(domain::StaffRole::DutyStaff, StaffTab::Tests); });
    shoot("maintenance-tests-card", [&] {
        open_maintenance(domain::StaffRole::HallIt, StaffTab::Tests);
        Rect panel = maintenance().panel_bounds();
        tap({panel.x + 240, panel.y + 3 * (104 + 18) + 52});
        m_scenes->handle_event(services::CardRead{drivers::SimIdCardReader::sample_identity(0)});
    });
    shoot("maintenance-tests-scan", [&] {
        open_maintenance(domain::StaffRole::HallIt, StaffTab::Tests);
        Rect panel = maintenance().panel_bounds();
        tap({panel.x + 240, panel.y + 2 * (104 + 18) + 52});
        std::vector<uint8_t> grid(static_cast<size_t>(120) * 170 * 3);
        for (int y = 0; y < 170; ++y)
            for (int x = 0; x < 120; ++x)
                for (int c = 0; c < 3; ++c)
                    grid[(static_cast<size_t>(y) * 120 + x) * 3 + c] = ((x / 10 + y / 10) % 2) ? 0 : 255;
        m_desk.scan_page = TestScanView{"", 1240, 1754, 150, grid, 120, 170};
        m_scenes->handle_event(services::ScanCompleted{});
    });
}

TEST_F(StaffScreensDrawTest, NotSignedInAndAPendingTab) {
    shoot("maintenance-not-signed-in", [&] {
        m_desk.member.reset();
        m_scenes->start();
        m_scenes->go<SceneId::Maintenance>(StaffTab::Devices);
    });
    shoot("maintenance-consumables-pending",
          [&] { open_maintenance(domain::StaffRole::Engineer, StaffTab::Consumables); });
}

} // namespace
} // namespace kiosk::ui::test
