#pragma once
// The words every staff screen shares, as translation keys: the roles, the tabs, the one status
// vocabulary of the device panel (ready / busy / needs staff / needs engineer / absent) and the plain
// words for the reason keywords the drivers report (PrinterReasons.cpp, SaneStatus.cpp, SamReader,
// SerialQrScanner, DeviceHub) with the guided fix for the faults hall staff clear themselves.
// Translation keys are dotted lower_case names, so the keyword "media-jam" has the key
// "device.reason.media_jam" (the table in StaffWords.cpp names each one whole).

#include "core/domain/DeviceStatus.h"
#include "core/domain/StaffRole.h"
#include "ui/scenes/SceneArguments.h"
#include "ui/toolkit/Geometry.h"
#include "ui/toolkit/Theme.h"
#include "ui/toolkit/Translator.h"

#include <string>
#include <string_view>

namespace kiosk::ui {

const char* role_key(domain::StaffRole role); // "staff.role.duty", "staff.role.hall_it", …
const char* tab_key(StaffTab tab);            // "staff.tab.devices", …

// A device's status as staff read it.
enum class StatusWord { Ready, Busy, NeedsStaff, NeedsEngineer, Absent };
// A fault that recovers by itself (FixedBy::Auto: retrying, warming up) reads as busy.
StatusWord status_word(const domain::DeviceStatus& status);
const char* status_key(StatusWord word); // "staff.status.ready", …
Color status_colour(StatusWord word, const Theme& theme);

// The reason keyword in plain words; an unknown keyword is shown as it is, inside a sentence that
// says so ("staff.reason_unknown"). Empty for an empty keyword.
std::string reason_words(const Translator& tr, std::string_view keyword);
// The guided fix for a fault hall staff clear themselves ("staff.fix.media_jam"); nullptr when the
// keyword has none.
const char* fix_key(std::string_view keyword);

// The device's name ("staff.device.receipt_printer").
const char* device_key(domain::DeviceKind kind);

} // namespace kiosk::ui
