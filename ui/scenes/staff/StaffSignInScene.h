#pragma once
// The staff PIN pad (maintenance mode, opened by the attract screen's hidden gesture): the staff
// number and the PIN (shown as dots) typed on a 3×4 digit pad, OK and Cancel. OK hands both to the
// desk (StaffDesk::check_pin: Argon2id, off the UI thread) and says "checking…"; the answer is a
// StaffSignInAnswered event: signed in opens the maintenance screen on its devices tab; refused says
// why — a wrong PIN (with the tries left when the desk tells), or the pad locked with the minutes
// left, counting down from StaffDesk::pin_locked_for(), during which OK is off. Cancel, or 30 s
// without a touch, returns to the attract screen. A staff badge is scanned instead of typed (the QR
// scanner; the scene manager's wiring), which the pad says.
//
// The PIN lives in this scene only between the keys and OK: it is wiped after each try and when the
// pad closes. Not part of a citizen's visit (no citizen inactivity, no back/home bar).

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Label.h"
#include "ui/toolkit/TapArea.h"

#include <array>
#include <chrono>
#include <optional>
#include <string>

namespace kiosk::ui {

class StaffSignInScene final : public SceneWith<> {
public:
    static constexpr std::chrono::seconds kIdle{30};
    static constexpr size_t kMaxStaffIdLength = 16; // characters
    static constexpr size_t kMaxPinLength = 12;     // digits
    static constexpr int kKeySize = 96;             // design px: the least side of a key

    explicit StaffSignInScene(SceneContext& context);
    ~StaffSignInScene() override;
    void on_enter(const NoArgument& argument) override;
    bool on_event(const services::AppEvent& event) override;
    void on_exit() override;
    bool on_tick() override;
    void layout(Rect content) override;
    bool in_session() const override { return false; }
    bool ticks() const override { return true; }

    // What the pad holds and says, for tests.
    const std::string& typed_staff_id() const { return m_staff_id; }
    size_t typed_pin_length() const { return m_pin.size(); }
    bool checking() const { return m_checking; }
    bool locked() const;
    const std::string& message() const { return m_message.text(); }
    // Where a key is: "0"…"9", "clear", "delete", "ok", "cancel", and the fields "staff-id", "pin".
    Rect key_bounds(std::string_view key) const;

private:
    enum class Field { StaffId, Pin };
    void touched();
    void type(char digit);
    void erase();
    void clear_field();
    void ok();
    void close();
    void wipe();
    void refresh();
    std::chrono::seconds locked_left() const;

    Field m_field = Field::StaffId;
    std::string m_staff_id;
    std::string m_pin;
    bool m_checking = false;
    std::string m_message_key; // what the message line says ("" none); locked: redone every tick
    int m_tries_left = -1;
    bool m_message_is_error = false;
    std::optional<SteadyTime> m_locked_until;
    long m_minutes_shown = -1;
    SteadyTime m_last_touch{};

    TapArea m_background; // a touch between keys still counts as a touch
    Label m_title, m_staff_label, m_pin_label, m_badge_hint;
    Label m_message{std::string(), TextStyle{}, Align::Start, true}; // wrapped
    Button m_staff_field{Button::Kind::Secondary};
    Button m_pin_field{Button::Kind::Secondary};
    std::array<Button, 12> m_keys; // 1-9, clear, 0, delete
    Button m_ok{Button::Kind::Primary};
    Button m_cancel{Button::Kind::Secondary};
};

} // namespace kiosk::ui
