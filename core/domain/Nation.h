#pragma once
// Ethnic group (民族) codes of GB 3304 as the resident ID card carries them
// (docs/specs/idcard-sam.md §2.9): 01–56 for the 56 groups, 97 其他 (other) and 98 外国血统中国籍人士
// (citizen of foreign origin).

#include <string_view>

namespace kiosk::domain {

// The Chinese name without the 族 suffix ("汉", "蒙古", …); nullptr for a code GB 3304 does not
// define (0, 57, 58, 99 …).
const char* nation_name(int code);

// The code for a name from nation_name(); a trailing "族" is accepted ("汉族" → 1). -1 when unknown,
// including the misspellings found in public tables (德昴, 基洛, 傈傈, 毛难).
int nation_code(std::string_view name);

} // namespace kiosk::domain
