#pragma once
// The on-screen keyboard over the real pinyin engine, with every action it reports recorded.

#include "services/ime/PinyinEngine.h"
#include "ui/scenes/PinyinCandidates.h"
#include "ui/toolkit/OnScreenKeyboard.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui::test {

class KeyboardTest : public ::testing::Test {
protected:
    static constexpr Rect kLandscape{0, 1080 - 600, 1920, 600};

    void SetUp() override {
        auto engine = services::PinyinEngine::open();
        ASSERT_TRUE(engine.ok()) << engine.error().describe();
        m_engine = engine.release_value();
        m_candidates.emplace(*m_engine);
        m_keyboard.emplace(m_theme, &*m_candidates);
        m_keyboard->set_labels({"确定", "删除", "空格"});
        m_keyboard->on_action([this](const KeyboardAction& action) { m_actions.push_back(action); });
        m_keyboard->set_bounds(kLandscape);
    }

    void tap(Point at) {
        ASSERT_TRUE(m_keyboard->on_pointer({PointerEvent::Type::Down, at}));
        ASSERT_TRUE(m_keyboard->on_pointer({PointerEvent::Type::Up, at}));
    }
    void tap_keys(std::string_view keys) {
        for (char key : keys) {
            auto centre = m_keyboard->key_centre(std::string(1, key));
            ASSERT_TRUE(centre) << "no key " << key;
            tap(*centre);
        }
    }
    void tap_key(OnScreenKeyboard::Key key) {
        auto centre = m_keyboard->key_centre(key);
        ASSERT_TRUE(centre);
        tap(*centre);
    }
    // Taps the candidate showing `text` on the bar; fails when it is not shown.
    void tap_candidate(std::string_view text) {
        auto shown = m_keyboard->visible_candidates();
        auto it = std::find(shown.begin(), shown.end(), text);
        ASSERT_NE(it, shown.end()) << text << " not on the candidate bar";
        tap(*m_keyboard->candidate_centre(static_cast<size_t>(it - shown.begin())));
    }
    // What the field would hold after the actions so far (backspace removes one code point).
    std::string typed() const {
        std::string text;
        for (const auto& action : m_actions) {
            if (action.type == KeyboardAction::Type::Insert)
                text += action.text;
            else if (action.type == KeyboardAction::Type::Backspace && !text.empty()) {
                size_t cut = text.size() - 1;
                while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
                    --cut;
                text.resize(cut);
            }
        }
        return text;
    }

    Theme m_theme;
    std::unique_ptr<services::PinyinEngine> m_engine;
    std::optional<PinyinCandidates> m_candidates;
    std::optional<OnScreenKeyboard> m_keyboard;
    std::vector<KeyboardAction> m_actions;
};

} // namespace kiosk::ui::test
