#include "ui/scenes/staff/StaffSignInScene.h"

#include "core/base/LocalizedText.h"
#include "ui/scenes/staff/StaffDesk.h"

#include <algorithm>

namespace kiosk::ui {

namespace {
constexpr const char* kDot = "\u25CF"; // ●, one per PIN digit
} // namespace

StaffSignInScene::StaffSignInScene(SceneContext& context) : SceneWith<>(context) {
    m_background.on_tap([this] { touched(); });
    m_staff_field.on_click([this] {
        touched();
        m_field = Field::StaffId;
        refresh();
    });
    m_pin_field.on_click([this] {
        touched();
        m_field = Field::Pin;
        refresh();
    });
    for (int i = 0; i < 9; ++i)
        m_keys[i].on_click([this, i] { type(static_cast<char>('1' + i)); });
    m_keys[9].on_click([this] { clear_field(); });
    m_keys[10].on_click([this] { type('0'); });
    m_keys[11].on_click([this] { erase(); });
    m_ok.on_click([this] { ok(); });
    m_cancel.on_click([this] { close(); });

    m_root.add(m_background); // first: under everything
    for (Label* label : {&m_title, &m_staff_label, &m_pin_label, &m_message, &m_badge_hint})
        m_root.add(*label);
    m_root.add(m_staff_field);
    m_root.add(m_pin_field);
    for (auto& key : m_keys) {
        key.set_kind(Button::Kind::Secondary);
        m_root.add(key);
    }
    m_root.add(m_ok);
    m_root.add(m_cancel);
}

StaffSignInScene::~StaffSignInScene() {
    wipe();
}

void StaffSignInScene::on_enter(const NoArgument&) {
    m_last_touch = m_ctx.clock.now();
    if (!m_ctx.staff) {
        m_message_key = "staff.signin.unavailable";
        m_message_is_error = true;
        return;
    }
    auto locked_for = m_ctx.staff->pin_locked_for();
    if (locked_for.count() > 0)
        m_locked_until = m_ctx.clock.now() + locked_for;
}

void StaffSignInScene::on_exit() {
    wipe();
}

void StaffSignInScene::wipe() {
    secure_wipe(m_pin);
    m_pin.clear();
    secure_wipe(m_staff_id);
    m_staff_id.clear();
    m_pin_field.set_text({}); // dots only, but how many is the PIN's length
}

bool StaffSignInScene::locked() const {
    return m_locked_until && m_ctx.clock.now() < *m_locked_until;
}

std::chrono::seconds StaffSignInScene::locked_left() const {
    if (!locked())
        return std::chrono::seconds(0);
    return std::chrono::ceil<std::chrono::seconds>(*m_locked_until - m_ctx.clock.now());
}

Rect StaffSignInScene::key_bounds(std::string_view key) const {
    if (key.size() == 1 && key[0] >= '1' && key[0] <= '9')
        return m_keys[key[0] - '1'].bounds();
    if (key == "0")
        return m_keys[10].bounds();
    if (key == "clear")
        return m_keys[9].bounds();
    if (key == "delete")
        return m_keys[11].bounds();
    if (key == "ok")
        return m_ok.bounds();
    if (key == "cancel")
        return m_cancel.bounds();
    if (key == "staff-id")
        return m_staff_field.bounds();
    if (key == "pin")
        return m_pin_field.bounds();
    return {};
}

void StaffSignInScene::touched() {
    m_last_touch = m_ctx.clock.now();
}

void StaffSignInScene::type(char digit) {
    touched();
    std::string& field = m_field == Field::StaffId ? m_staff_id : m_pin;
    size_t limit = m_field == Field::StaffId ? kMaxStaffIdLength : kMaxPinLength;
    if (field.size() < limit)
        field.push_back(digit);
    refresh();
}

void StaffSignInScene::erase() {
    touched();
    std::string& field = m_field == Field::StaffId ? m_staff_id : m_pin;
    if (!field.empty())
        field.pop_back();
    refresh();
}

void StaffSignInScene::clear_field() {
    touched();
    if (m_field == Field::StaffId) {
        m_staff_id.clear();
    } else {
        secure_wipe(m_pin);
        m_pin.clear();
    }
    refresh();
}

void StaffSignInScene::ok() {
    touched();
    if (!m_ctx.staff || m_checking || locked())
        return;
    if (m_staff_id.empty() || (m_field == Field::StaffId && m_pin.empty())) {
        m_field = m_staff_id.empty() ? Field::StaffId : Field::Pin; // OK moves on to what is missing
        return refresh();
    }
    if (m_pin.empty())
        return refresh();
    m_checking = true;
    m_message_key = "staff.signin.checking";
    m_message_is_error = false;
    std::string pin = m_pin; // the desk's copy: it wipes it after the check
    secure_wipe(m_pin);      // the pad keeps none after a try
    m_pin.clear();
    m_ctx.staff->check_pin(m_staff_id, std::move(pin));
    refresh();
}

void StaffSignInScene::close() {
    m_ctx.nav->end_session(services::SessionEndReason::Cancelled); // back to the first screen
}

bool StaffSignInScene::on_event(const services::AppEvent& event) {
    const auto* answer = std::get_if<services::StaffSignInAnswered>(&event);
    if (!answer)
        return false;
    m_checking = false;
    if (answer->staff) {
        m_ctx.nav->go<SceneId::Maintenance>(StaffTab::Devices);
        return true;
    }
    m_field = Field::Pin;
    m_message_is_error = true;
    m_tries_left = answer->tries_left;
    auto locked_for =
        std::max(answer->locked_for, m_ctx.staff ? m_ctx.staff->pin_locked_for() : std::chrono::seconds(0));
    if (answer->refusal == "locked" || locked_for.count() > 0) {
        m_locked_until = m_ctx.clock.now() + locked_for;
        m_message_key = "staff.signin.locked";
    } else if (answer->refusal == "wrong-pin") {
        m_message_key = m_tries_left >= 0 ? "staff.signin.wrong_pin_tries" : "staff.signin.wrong_pin";
    } else {
        m_message_key = "staff.signin.refused";
    }
    refresh();
    return true;
}

bool StaffSignInScene::on_tick() {
    if (m_ctx.clock.now() - m_last_touch >= kIdle) {
        close();
        return true;
    }
    if (!m_locked_until)
        return false;
    if (!locked()) {
        m_locked_until.reset();
        if (m_message_key == "staff.signin.locked")
            m_message_key.clear();
        refresh();
        return true;
    }
    long minutes = std::chrono::ceil<std::chrono::minutes>(locked_left()).count();
    if (minutes == m_minutes_shown)
        return false;
    refresh();
    return true;
}

// Texts and states from what the pad holds: called after every key and answer, and by layout.
void StaffSignInScene::refresh() {
    const Theme& theme = m_ctx.theme;
    m_title.set_text(tr("staff.signin.title"));
    m_staff_label.set_text(tr("staff.signin.staff_id"));
    m_pin_label.set_text(tr("staff.signin.pin"));
    m_badge_hint.set_text(tr("staff.signin.badge_hint"));
    m_staff_field.set_text(m_staff_id);
    std::string dots;
    for (size_t i = 0; i < m_pin.size(); ++i)
        dots += kDot;
    m_pin_field.set_text(dots);
    m_staff_field.set_kind(m_field == Field::StaffId ? Button::Kind::Primary : Button::Kind::Secondary);
    m_pin_field.set_kind(m_field == Field::Pin ? Button::Kind::Primary : Button::Kind::Secondary);
    m_keys[9].set_text(tr("staff.signin.clear"));
    m_keys[11].set_text(tr("staff.signin.delete"));
    for (int i = 0; i < 9; ++i)
        m_keys[i].set_text(std::string(1, static_cast<char>('1' + i)));
    m_keys[10].set_text("0");
    m_ok.set_text(tr(m_checking ? "staff.signin.checking" : "staff.signin.ok"));
    m_ok.set_enabled(m_ctx.staff && !m_checking && !locked());
    m_cancel.set_text(tr("staff.signin.cancel"));

    m_minutes_shown = -1;
    std::string message;
    if (m_message_key == "staff.signin.locked") {
        m_minutes_shown = std::chrono::ceil<std::chrono::minutes>(locked_left()).count();
        message = m_ctx.tr.format("staff.signin.locked", {{"minutes", std::to_string(m_minutes_shown)}});
    } else if (m_message_key == "staff.signin.wrong_pin_tries") {
        message = m_ctx.tr.format("staff.signin.wrong_pin_tries", {{"tries", std::to_string(m_tries_left)}});
    } else if (!m_message_key.empty()) {
        message = tr(m_message_key);
    } else if (locked()) { // locked before the pad opened: say so at once
        m_minutes_shown = std::chrono::ceil<std::chrono::minutes>(locked_left()).count();
        message = m_ctx.tr.format("staff.signin.locked", {{"minutes", std::to_string(m_minutes_shown)}});
        m_message_is_error = true;
    }
    m_message.set_text(std::move(message));
    m_message.set_style({theme.font_body, true, m_message_is_error ? theme.danger : theme.text_muted});
}

void StaffSignInScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_background.set_bounds(content);
    bool portrait = content.h > content.w;
    Rect area = content.inset(theme.px(theme.margin));
    int gap = theme.px(20);
    int key_h = theme.px(portrait ? 130 : 116);
    // The pad: 3 keys wide, 4 rows and the OK/Cancel row; on the right (landscape) or below (portrait).
    int key_w = std::min(theme.px(portrait ? 260 : 190), (area.w - 2 * gap) / 3);
    int pad_w = 3 * key_w + 2 * gap;
    int pad_h = 5 * key_h + 4 * gap + theme.px(12);
    Rect form = area, pad;
    if (portrait) {
        pad = {area.x + (area.w - pad_w) / 2, area.bottom() - pad_h, pad_w, pad_h};
        form.h = pad.y - area.y - theme.px(40);
    } else {
        pad = {area.right() - pad_w - theme.px(40), area.y + (area.h - pad_h) / 2, pad_w, pad_h};
        form.w = std::min(theme.px(900), pad.x - area.x - theme.px(80));
        form.x += theme.px(40);
    }
    for (int i = 0; i < 12; ++i) {
        int row = i / 3, column = i % 3;
        m_keys[i].set_bounds({pad.x + column * (key_w + gap), pad.y + row * (key_h + gap), key_w, key_h});
        m_keys[i].set_font_size(i == 9 || i == 11 ? theme.font_button : theme.font_title);
    }
    int half = (pad_w - gap) / 2;
    int last_y = pad.bottom() - key_h;
    m_cancel.set_bounds({pad.x, last_y, half, key_h});
    m_ok.set_bounds({pad.x + pad_w - half, last_y, half, key_h});

    TextStyle label{theme.font_body, false, theme.text_muted};
    m_title.set_style({theme.font_title, true, theme.text});
    m_title.set_bounds(form.take_top(theme.px(90)));
    form.take_top(theme.px(24));
    m_staff_label.set_style(label);
    m_staff_label.set_bounds(form.take_top(theme.px(50)));
    m_staff_field.set_bounds(form.take_top(theme.px(theme.button_height)));
    m_staff_field.set_font_size(theme.font_title);
    form.take_top(theme.px(24));
    m_pin_label.set_style(label);
    m_pin_label.set_bounds(form.take_top(theme.px(50)));
    m_pin_field.set_bounds(form.take_top(theme.px(theme.button_height)));
    m_pin_field.set_font_size(theme.font_title);
    form.take_top(theme.px(24));
    m_message.set_bounds(form.take_top(theme.px(100)));
    form.take_top(theme.px(16));
    m_badge_hint.set_style({theme.font_body, false, theme.text_muted});
    m_badge_hint.set_bounds(form.take_top(theme.px(50)));
    refresh();
}

} // namespace kiosk::ui
