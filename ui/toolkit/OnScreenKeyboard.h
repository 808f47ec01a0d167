#pragma once
// The kiosk's own keyboard (the cabinet has no physical one): a phone-style keypad for digits, and
// letter rows for pinyin (with a candidate bar: tapping a candidate inserts it) or Latin text. It owns
// no text field: each key reports an action to the caller, who edits the focused field. Keys are at
// least 64 design px in both directions, a fingertip's size.

#include "ui/toolkit/CandidateSource.h"
#include "ui/toolkit/Theme.h"
#include "ui/toolkit/Widget.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

struct KeyboardAction {
    enum class Type { Insert, Backspace, Done };
    Type type = Type::Insert;
    std::string text; // Insert: UTF-8 to insert at the caret
};

// Translated by the caller (the widget knows no language).
struct KeyboardLabels {
    std::string done;      // "确定" / "Done"
    std::string backspace; // "删除" / "Delete"
    std::string space;     // "空格" / "Space"
};

class OnScreenKeyboard final : public Widget {
public:
    // Digits: 1-9, 0, backspace, an optional extra key, Done. Pinyin: a-z and "'" between syllables,
    // converted through the CandidateSource. Latin: A-Z and "-", inserted as shown (upper case, as
    // Latin names are written in the machine-readable zone of travel documents, ICAO 9303).
    // While pinyin letters are pending, Backspace removes a letter, Space inserts the first candidate
    // shown, and Done inserts the best candidate (letters no candidate covers go in as typed) before
    // reporting Done.
    enum class Mode { Digits, Pinyin, Latin };
    enum class Key { Backspace, Done, Space, PreviousPage, NextPage };

    static constexpr size_t kMaxComposition = 32; // pinyin letters held at once (PinyinEngine's cap)

    // `pinyin` may be null: Pinyin mode then works as Latin. Not owned.
    OnScreenKeyboard(const Theme& theme, CandidateSource* pinyin);

    // A height that leaves every key above the minimum (design px scaled by the theme).
    static int preferred_height(const Theme& theme, Mode mode);

    void set_mode(Mode mode);
    Mode mode() const { return m_mode; }
    void set_labels(KeyboardLabels labels) { m_labels = std::move(labels); }
    // Digits mode's key left of 0: "-" for dates, "X" for identity card numbers, "" for none.
    void set_digit_extra(std::string text);
    void on_action(std::function<void(const KeyboardAction&)> handler) { m_on_action = std::move(handler); }

    const std::string& composition() const { return m_composition; } // pinyin letters not yet converted
    std::vector<std::string> visible_candidates() const;             // on the candidate bar now

    // Key centres on screen, for tests and for drivers of the UI; nullopt when the mode has no such key.
    std::optional<Point> key_centre(std::string_view text) const; // a key that inserts `text`
    std::optional<Point> key_centre(Key key) const;
    std::optional<Point> candidate_centre(size_t visible_index) const;
    std::vector<Rect> key_bounds() const; // every key and candidate now on screen

    void draw(Painter& painter) override;
    bool on_pointer(const PointerEvent& event) override;

protected:
    void on_resize() override { layout(); }

private:
    enum class Kind { Text, Backspace, Done, Space, PreviousPage, NextPage, Candidate };
    struct Cap {
        Kind kind = Kind::Text;
        Rect rect;
        std::string text;     // Text: inserted; Candidate: the candidate
        size_t candidate = 0; // Candidate: index in the source's list
    };

    void layout();
    void layout_digits(Rect area);
    void layout_letters(Rect area);
    void layout_candidate_bar(Rect bar);
    const Cap* cap_at(Point position) const;
    void press(const Cap& cap);
    void type_letter(const std::string& letter);
    void pick(size_t index);
    void search();
    void emit(KeyboardAction::Type type, std::string text = {});
    void draw_cap(Painter& painter, const Cap& cap, bool pressed);

    const Theme& m_theme;
    CandidateSource* m_pinyin;
    Mode m_mode = Mode::Digits;
    KeyboardLabels m_labels;
    std::string m_digit_extra;
    std::function<void(const KeyboardAction&)> m_on_action;

    std::string m_composition;
    std::vector<size_t> m_page_starts; // candidate index at the start of each earlier page
    size_t m_page_start = 0;
    Rect m_bar; // candidate bar (Pinyin)
    Rect m_composition_box;
    std::vector<Cap> m_caps;
    int m_pressed = -1; // index in m_caps
};

} // namespace kiosk::ui
