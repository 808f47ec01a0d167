#pragma once
// Display formats shared by scenes: time, date, working days, department lists.

#include "core/base/Clock.h"
#include "core/domain/Catalog.h"
#include "ui/toolkit/Translator.h"

#include <string>
#include <vector>

namespace kiosk::ui {

std::string format_time(const CivilTime& time);                       // "09:30"
std::string format_date(const CivilTime& time, const Translator& tr); // "2026年11月25日 星期三"
std::string format_working_days(int days, const Translator& tr);
std::string join_departments(const std::vector<const domain::Department*>& departments, Language language);

} // namespace kiosk::ui
