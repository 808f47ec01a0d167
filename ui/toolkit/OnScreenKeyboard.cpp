#include "ui/toolkit/OnScreenKeyboard.h"

#include "ui/toolkit/Painter.h"
#include "ui/toolkit/TextLayout.h"

#include <algorithm>

namespace kiosk::ui {

namespace {

constexpr int kGap = 12;           // design px between keys
constexpr int kPadding = 16;       // design px around the key area
constexpr int kMinKey = 64;        // design px: the smallest key a fingertip hits reliably
constexpr int kBarHeight = 96;     // design px: candidate bar
constexpr int kCandidateFont = 40; // design px
constexpr int kCandidatePad = 22;  // design px each side of a candidate
constexpr int kPageButton = 88;    // design px: the candidate bar's page arrows
constexpr size_t kMaxOnBar = 24;   // candidates fetched per page (more never fit)
constexpr const char* kLetterRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

size_t code_points(std::string_view text) {
    size_t count = 0;
    for (size_t i = 0; i < text.size(); ++count)
        next_code_point(text, i);
    return count;
}

} // namespace

OnScreenKeyboard::OnScreenKeyboard(const Theme& theme, CandidateSource* pinyin)
    : m_theme(theme), m_pinyin(pinyin) {}

int OnScreenKeyboard::preferred_height(const Theme& theme, Mode mode) {
    int rows = 4 * 104 + 3 * kGap + 2 * kPadding;
    return theme.px(mode == Mode::Pinyin ? rows + kBarHeight + kGap : rows);
}

void OnScreenKeyboard::set_mode(Mode mode) {
    m_mode = mode;
    m_composition.clear();
    if (m_pinyin)
        m_pinyin->reset();
    m_page_starts.clear();
    m_page_start = 0;
    layout();
}

void OnScreenKeyboard::set_digit_extra(std::string text) {
    m_digit_extra = std::move(text);
    layout();
}

std::vector<std::string> OnScreenKeyboard::visible_candidates() const {
    std::vector<std::string> out;
    for (const auto& cap : m_caps) {
        if (cap.kind == Kind::Candidate)
            out.push_back(cap.text);
    }
    return out;
}

std::optional<Point> OnScreenKeyboard::key_centre(std::string_view text) const {
    for (const auto& cap : m_caps) {
        if (cap.kind == Kind::Text && cap.text == text)
            return cap.rect.centre();
    }
    return std::nullopt;
}

std::optional<Point> OnScreenKeyboard::key_centre(Key key) const {
    Kind kind = key == Key::Backspace      ? Kind::Backspace
                : key == Key::Done         ? Kind::Done
                : key == Key::Space        ? Kind::Space
                : key == Key::PreviousPage ? Kind::PreviousPage
                                           : Kind::NextPage;
    for (const auto& cap : m_caps) {
        if (cap.kind == kind)
            return cap.rect.centre();
    }
    return std::nullopt;
}

std::optional<Point> OnScreenKeyboard::candidate_centre(size_t visible_index) const {
    for (const auto& cap : m_caps) {
        if (cap.kind == Kind::Candidate && visible_index-- == 0)
            return cap.rect.centre();
    }
    return std::nullopt;
}

std::vector<Rect> OnScreenKeyboard::key_bounds() const {
    std::vector<Rect> out;
    for (const auto& cap : m_caps)
        out.push_back(cap.rect);
    return out;
}

void OnScreenKeyboard::layout() {
    m_caps.clear();
    m_pressed = -1;
    m_bar = {};
    Rect area = bounds().inset(m_theme.px(kPadding));
    if (area.w <= 0 || area.h <= 0)
        return;
    if (m_mode == Mode::Digits)
        return layout_digits(area);
    if (m_mode == Mode::Pinyin) {
        layout_candidate_bar(area.take_top(m_theme.px(kBarHeight)));
        area.take_top(m_theme.px(kGap));
    }
    layout_letters(area);
}

// 1 2 3 | Done
// 4 5 6 |
// 7 8 9 |
// x 0 ⌫ |   (x: the extra key)
void OnScreenKeyboard::layout_digits(Rect area) {
    int gap = m_theme.px(kGap);
    int row_h = std::max(m_theme.px(kMinKey), (area.h - 3 * gap) / 4);
    int key_w = std::clamp((area.w - 3 * gap) / 4, m_theme.px(kMinKey), m_theme.px(280));
    int left = area.x + (area.w - (4 * key_w + 3 * gap)) / 2;
    auto cell = [&](int row, int column) {
        return Rect{left + column * (key_w + gap), area.y + row * (row_h + gap), key_w, row_h};
    };
    for (int digit = 1; digit <= 9; ++digit)
        m_caps.push_back({Kind::Text, cell((digit - 1) / 3, (digit - 1) % 3), std::to_string(digit)});
    if (!m_digit_extra.empty())
        m_caps.push_back({Kind::Text, cell(3, 0), m_digit_extra});
    m_caps.push_back({Kind::Text, cell(3, 1), "0"});
    m_caps.push_back({Kind::Backspace, cell(3, 2), {}});
    Rect done = cell(0, 3);
    done.h = 4 * row_h + 3 * gap;
    m_caps.push_back({Kind::Done, done, {}});
}

// Ten columns; the second and third rows are indented like a physical keyboard's.
void OnScreenKeyboard::layout_letters(Rect area) {
    int gap = m_theme.px(kGap);
    int row_h = std::max(m_theme.px(kMinKey), (area.h - 3 * gap) / 4);
    int unit = (area.w + gap) / 10; // one key and the gap after it
    auto span = [&](int row, double from_units, double units) {
        return Rect{area.x + static_cast<int>(from_units * unit), area.y + row * (row_h + gap),
                    static_cast<int>(units * unit) - gap, row_h};
    };
    bool latin = m_mode == Mode::Latin || !m_pinyin;
    const double indent[] = {0, 0.5, 1.5};
    for (int row = 0; row < 3; ++row) {
        std::string_view letters = kLetterRows[row];
        for (size_t i = 0; i < letters.size(); ++i) {
            char c = latin ? static_cast<char>(letters[i] - 'a' + 'A') : letters[i];
            m_caps.push_back(
                {Kind::Text, span(row, indent[row] + static_cast<double>(i), 1), std::string(1, c)});
        }
    }
    m_caps.push_back({Kind::Backspace, span(2, 8.5, 1.5), {}});
    m_caps.push_back({Kind::Text, span(3, 0, 1.5), latin ? "-" : "'"});
    m_caps.push_back({Kind::Space, span(3, 1.5, 5), {}});
    m_caps.push_back({Kind::Done, span(3, 6.5, 3.5), {}});
}

// [composition | candidates … | ‹ ›]: as many candidates as fit (CJK glyphs are one em wide, so the
// width is known without measuring), the rest on later pages.
void OnScreenKeyboard::layout_candidate_bar(Rect bar) {
    m_bar = bar;
    int page_w = m_theme.px(kPageButton);
    Rect next{bar.right() - page_w, bar.y, page_w, bar.h};
    Rect previous{next.x - page_w, bar.y, page_w, bar.h};
    Rect row{bar.x, bar.y, previous.x - bar.x, bar.h};
    m_composition_box = row.take_left(std::min(row.w / 4, m_theme.px(360)));
    if (!m_pinyin || m_composition.empty())
        return;
    int font = m_theme.px(kCandidateFont), pad = m_theme.px(kCandidatePad);
    size_t shown = 0;
    for (auto& text : m_pinyin->candidates(m_page_start, kMaxOnBar)) {
        int w = std::max(m_theme.px(kMinKey), static_cast<int>(code_points(text)) * font + 2 * pad);
        if (w > row.w && shown > 0)
            break;
        Rect box = row.take_left(std::min(w, row.w));
        m_caps.push_back({Kind::Candidate, box, std::move(text), m_page_start + shown});
        ++shown;
    }
    if (!m_page_starts.empty())
        m_caps.push_back({Kind::PreviousPage, previous, {}});
    if (m_page_start + shown < m_pinyin->candidate_count())
        m_caps.push_back({Kind::NextPage, next, {}});
}

const OnScreenKeyboard::Cap* OnScreenKeyboard::cap_at(Point position) const {
    for (const auto& cap : m_caps) {
        if (cap.rect.contains(position))
            return &cap;
    }
    return nullptr;
}

bool OnScreenKeyboard::on_pointer(const PointerEvent& event) {
    const Cap* cap = cap_at(event.position);
    switch (event.type) {
    case PointerEvent::Type::Down:
        m_pressed = cap ? static_cast<int>(cap - m_caps.data()) : -1;
        return true; // the gaps between keys are keyboard too, not holes to the form behind
    case PointerEvent::Type::Move:
        if (m_pressed >= 0 && cap != &m_caps[static_cast<size_t>(m_pressed)])
            m_pressed = -1; // slid off the key: no key fires
        return true;
    case PointerEvent::Type::Up:
        if (m_pressed >= 0 && cap == &m_caps[static_cast<size_t>(m_pressed)]) {
            Cap pressed = *cap; // press() may lay the keys out again
            m_pressed = -1;
            press(pressed);
        }
        m_pressed = -1;
        return true;
    }
    return false;
}

void OnScreenKeyboard::press(const Cap& cap) {
    bool composing = m_mode == Mode::Pinyin && m_pinyin;
    switch (cap.kind) {
    case Kind::Text:
        if (composing && ((cap.text >= "a" && cap.text <= "z") || cap.text == "'"))
            return type_letter(cap.text);
        return emit(KeyboardAction::Type::Insert, cap.text);
    case Kind::Backspace:
        if (composing && !m_composition.empty()) {
            m_composition.pop_back();
            return search();
        }
        return emit(KeyboardAction::Type::Backspace);
    case Kind::Space:
        // Space takes the first candidate while composing, as on every pinyin keyboard.
        if (composing && !m_composition.empty())
            return pick(m_page_start);
        return emit(KeyboardAction::Type::Insert, " ");
    case Kind::Done:
        if (composing && !m_composition.empty())
            pick(0);
        if (!m_composition.empty()) { // letters no candidate covers go in as typed
            emit(KeyboardAction::Type::Insert, m_composition);
            set_mode(m_mode);
        }
        return emit(KeyboardAction::Type::Done);
    case Kind::Candidate:
        return pick(cap.candidate);
    case Kind::PreviousPage:
        if (!m_page_starts.empty()) {
            m_page_start = m_page_starts.back();
            m_page_starts.pop_back();
        }
        return layout();
    case Kind::NextPage: {
        size_t shown = visible_candidates().size();
        m_page_starts.push_back(m_page_start);
        m_page_start += shown;
        return layout();
    }
    }
}

void OnScreenKeyboard::type_letter(const std::string& letter) {
    if (m_composition.size() >= kMaxComposition)
        return;
    // "'" only separates syllables: not first, not twice.
    if (letter == "'" && (m_composition.empty() || m_composition.back() == '\''))
        return;
    m_composition += letter;
    search();
}

void OnScreenKeyboard::search() {
    if (m_composition.empty())
        m_pinyin->reset();
    else
        m_pinyin->search(m_composition);
    m_page_starts.clear();
    m_page_start = 0;
    layout();
}

void OnScreenKeyboard::pick(size_t index) {
    auto picked = m_pinyin->choose(index);
    if (!picked) // no candidate there (the letters spell no syllable): nothing to insert
        return;
    m_composition = picked->remaining;
    m_page_starts.clear();
    m_page_start = 0;
    layout(); // the source now offers the remaining letters' candidates
    emit(KeyboardAction::Type::Insert, picked->text);
}

void OnScreenKeyboard::emit(KeyboardAction::Type type, std::string text) {
    if (m_on_action)
        m_on_action(KeyboardAction{type, std::move(text)});
}

void OnScreenKeyboard::draw(Painter& painter) {
    painter.fill_rect(bounds(), m_theme.background);
    painter.fill_rect({bounds().x, bounds().y, bounds().w, m_theme.px(2)}, m_theme.border);
    if (m_mode == Mode::Pinyin) {
        painter.fill_rounded_rect(m_bar, m_theme.px(m_theme.radius), m_theme.surface);
        TextStyle letters{m_theme.font_heading, true, m_theme.primary};
        painter.draw_text_in(m_composition, letters, m_composition_box.inset(m_theme.px(20), 0));
    }
    for (size_t i = 0; i < m_caps.size(); ++i)
        draw_cap(painter, m_caps[i], static_cast<int>(i) == m_pressed);
}

void OnScreenKeyboard::draw_cap(Painter& painter, const Cap& cap, bool pressed) {
    const Theme& theme = m_theme;
    int radius = theme.px(theme.radius);
    Rect box = cap.rect;
    TextStyle style{theme.font_heading, false, theme.text};
    std::string_view label = cap.text;
    switch (cap.kind) {
    case Kind::Candidate:
        if (pressed)
            painter.fill_rounded_rect(box.inset(theme.px(6)), radius, theme.surface_pressed);
        // The first shown is what Space takes: it stands out.
        style = {kCandidateFont, cap.candidate == m_page_start,
                 cap.candidate == m_page_start ? theme.primary : theme.text};
        painter.draw_text_in(label, style, box, Align::Center);
        return;
    case Kind::PreviousPage:
    case Kind::NextPage:
        if (pressed)
            painter.fill_rounded_rect(box.inset(theme.px(6)), radius, theme.surface_pressed);
        style = {theme.font_title, true, theme.primary};
        painter.draw_text_in(cap.kind == Kind::NextPage ? "›" : "‹", style, box, Align::Center);
        return;
    case Kind::Done:
        painter.fill_rounded_rect(box, radius, pressed ? theme.primary_pressed : theme.primary);
        style = {theme.font_button, true, theme.text_on_primary};
        painter.draw_text_in(m_labels.done, style, box.inset(theme.px(8), 0), Align::Center);
        return;
    case Kind::Backspace:
        label = m_labels.backspace;
        style = {theme.font_button, true, theme.text};
        break;
    case Kind::Space:
        label = m_labels.space;
        style = {theme.font_button, false, theme.text_muted};
        break;
    case Kind::Text:
        style = {m_mode == Mode::Digits ? theme.font_title : theme.font_heading, false, theme.text};
        break;
    }
    painter.fill_rounded_rect(box, radius, theme.border);
    painter.fill_rounded_rect(box.inset(theme.px(2)), radius - theme.px(2),
                              pressed ? theme.surface_pressed : theme.surface);
    painter.draw_text_in(label, style, box.inset(theme.px(8), 0), Align::Center);
}

} // namespace kiosk::ui
