#pragma once
// Line breaking for mixed Chinese and Latin text: a line may break after any CJK character or at a
// space, never before closing punctuation (，。、）…) nor after opening punctuation (（《…) — the basic
// rules of Chinese typesetting (JLREQ/CLREQ "kinsoku"). SDL_ttf's own wrapping breaks only at spaces.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// Width in pixels of a UTF-8 string in the font being laid out.
using MeasureFn = std::function<int(std::string_view)>;

std::vector<std::string> break_lines(std::string_view text, int max_width, const MeasureFn& measure);

// Cuts the text to fit max_width, ending in "…" when it had to cut.
std::string ellipsize(std::string_view text, int max_width, const MeasureFn& measure);

// Decodes one UTF-8 code point at text[i]; advances i. Invalid bytes decode as U+FFFD.
char32_t next_code_point(std::string_view text, size_t& i);

} // namespace kiosk::ui
