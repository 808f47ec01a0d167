#pragma once
// What the staff panels of this folder share (ConsumablesPanel, OutboxPanel, ServicePanel, AboutPanel):
// the role a button needs, the line that answers an action, and the staff screens' formats. Internal
// to ui/scenes/staff.
//
// Widgets of a panel live as long as the panel and keep the click handler they were given once: a
// relayout after an action changes their texts, bounds and visibility, never a handler (a handler
// must not be replaced while it runs).

#include "core/base/Clock.h"
#include "core/base/LocalizedText.h"
#include "core/base/Result.h"
#include "core/domain/StaffRole.h"
#include "ui/scenes/staff/StaffDesk.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Label.h"
#include "ui/toolkit/Theme.h"
#include "ui/toolkit/Translator.h"
#include "ui/toolkit/Widget.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// Touch targets of the staff panels: at least 64 px at any scale (issue 14), 80 at scale 1.
int staff_button_height(const Theme& theme);

// A button that calls one desk action: enabled when the signed-in member's role may take it;
// otherwise greyed, and `hint` says the role it needs ("需要大厅信息技术人员权限"). The hint is empty
// when the button is enabled.
void gate_button(Button& button, Label& hint, const StaffDesk& desk, const Translator& tr,
                 domain::StaffAction action);

// The line under a panel after an action: done, refused (the role), or not done with the desk's one
// line for staff; empty before the first action. A word goes with every colour.
void show_answer(Label& line, const std::optional<Result<void>>& answer, const Translator& tr,
                 const Theme& theme);

// A wall time in local time: "15:40" on the day of `now`, "11-24 15:40" on another.
std::string format_staff_time(WallTime at, WallTime now, const Translator& tr);
// "2 小时 5 分" / "2 h 5 min"; under a minute: "不到 1 分钟" / "under a minute".
std::string format_age(std::chrono::seconds age, const Translator& tr);
// "12.3 GB", "840 MB": powers of 1024, one decimal under 100.
std::string format_bytes(std::int64_t bytes);
// A printer's reason keyword ("media-low", "media-jam-error") in words; an unknown keyword as it is.
std::string printer_reason_text(std::string_view keyword, const Translator& tr);
// Every text a panel's root shows, in the order its widgets were added: labels that say something,
// buttons, and an open dialog's title, message and buttons. For StaffPanel::texts() and tests.
std::vector<std::string> staff_panel_texts(const Container& root);
// A key of the translation table in both languages (a notice the attract screen shows in either).
LocalizedText both_languages(Translator& tr, std::string_view key);

} // namespace kiosk::ui
