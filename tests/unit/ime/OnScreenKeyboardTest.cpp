// The on-screen keyboard driven by taps at its keys, converting pinyin with the real engine: how a
// citizen types a phone number, a date and a Chinese name at the kiosk.

#include "KeyboardTestSupport.h"

using namespace kiosk::ui;
using kiosk::ui::test::KeyboardTest;
using Key = OnScreenKeyboard::Key;
using Mode = OnScreenKeyboard::Mode;
using Type = KeyboardAction::Type;

TEST_F(KeyboardTest, DigitsInsertThemselvesAndBackspaceRemovesTheLast) {
    m_keyboard->set_mode(Mode::Digits);
    tap_keys("138");
    tap_key(Key::Backspace);
    ASSERT_EQ(m_actions.size(), 4u);
    EXPECT_EQ(m_actions[0].text, "1");
    EXPECT_EQ(m_actions[2].text, "8");
    EXPECT_EQ(m_actions[3].type, Type::Backspace);
    EXPECT_EQ(typed(), "13");
}

TEST_F(KeyboardTest, TheDigitExtraKeyServesDatesAndHasNoKeyWhenUnset) {
    m_keyboard->set_mode(Mode::Digits);
    EXPECT_FALSE(m_keyboard->key_centre("-"));
    m_keyboard->set_digit_extra("-");
    tap_keys("2024-05-01");
    EXPECT_EQ(typed(), "2024-05-01");
    tap_key(Key::Done);
    EXPECT_EQ(m_actions.back().type, Type::Done);
    EXPECT_FALSE(m_keyboard->key_centre("a"));
}

TEST_F(KeyboardTest, PinyinLettersComposeAndTheTappedCandidateIsInserted) {
    m_keyboard->set_mode(Mode::Pinyin);
    tap_keys("zhang");
    EXPECT_TRUE(m_actions.empty()); // letters stay in the composition, not in the field
    EXPECT_EQ(m_keyboard->composition(), "zhang");
    tap_candidate("张");
    ASSERT_EQ(m_actions.size(), 1u);
    EXPECT_EQ(m_actions[0].type, Type::Insert);
    EXPECT_EQ(m_actions[0].text, "张");
    EXPECT_EQ(m_keyboard->composition(), "");
    EXPECT_TRUE(m_keyboard->visible_candidates().empty());
}

TEST_F(KeyboardTest, APartialPickKeepsTheRestOfTheNameForTheNextPick) {
    m_keyboard->set_mode(Mode::Pinyin);
    tap_keys("zhangsan");
    tap_candidate("张");
    EXPECT_EQ(m_keyboard->composition(), "san");
    tap_candidate("三");
    EXPECT_EQ(typed(), "张三");
    EXPECT_EQ(m_keyboard->composition(), "");
}

TEST_F(KeyboardTest, AWholeNameCandidateInsertsTheNameAtOnce) {
    m_keyboard->set_mode(Mode::Pinyin);
    tap_keys("zhangsan");
    tap_candidate("张三");
    EXPECT_EQ(typed(), "张三");
    ASSERT_EQ(m_actions.size(), 1u);
}

TEST_F(KeyboardTest, BackspaceRemovesComposedLettersBeforeTheFieldsText) {
    m_keyboard->set_mode(Mode::Pinyin);
    tap_keys("wanb");
    tap_key(Key::Backspace);
    EXPECT_EQ(m_keyboard->composition(), "wan");
    tap_keys("g");
    tap_candidate("王");
    tap_key(Key::Backspace);
    ASSERT_EQ(m_actions.size(), 2u);
    EXPECT_EQ(m_actions[1].type, Type::Backspace);
    EXPECT_EQ(typed(), "");
}

TEST_F(KeyboardTest, SpaceTakesTheFirstCandidateWhileComposingAndIsASpaceOtherwise) {
    m_keyboard->set_mode(Mode::Pinyin);
    tap_keys("li");
    std::string first = m_keyboard->visible_candidates().at(0);
    tap_key(Key::Space);
    tap_key(Key::Space);
    EXPECT_EQ(typed(), first + " ");
}

TEST_F(KeyboardTest, DoneConvertsPendingLettersThenFinishes) {
    m_keyboard->set_mode(Mode::Pinyin);
    tap_keys("zhangsan");
    tap_key(Key::Done);
    ASSERT_EQ(m_actions.size(), 2u);
    EXPECT_EQ(m_actions[0].text, "张三");
    EXPECT_EQ(m_actions[1].type, Type::Done);
}

TEST_F(KeyboardTest, LettersThatSpellNoSyllableAreInsertedAsTypedOnDone) {
    m_keyboard->set_mode(Mode::Pinyin);
    tap_keys("v");
    EXPECT_TRUE(m_keyboard->visible_candidates().empty());
    tap_key(Key::Done);
    EXPECT_EQ(typed(), "v");
    EXPECT_EQ(m_actions.back().type, Type::Done);
}

TEST_F(KeyboardTest, TheCandidateBarPagesForwardAndBack) {
    m_keyboard->set_mode(Mode::Pinyin);
    tap_keys("li");
    EXPECT_FALSE(m_keyboard->key_centre(Key::PreviousPage));
    auto first_page = m_keyboard->visible_candidates();
    ASSERT_GE(first_page.size(), 5u);
    tap_key(Key::NextPage);
    auto second_page = m_keyboard->visible_candidates();
    ASSERT_FALSE(second_page.empty());
    EXPECT_NE(second_page.front(), first_page.front());
    tap_candidate(second_page.front()); // a candidate of a later page inserts itself
    EXPECT_EQ(typed(), second_page.front());

    tap_keys("li");
    tap_key(Key::NextPage);
    tap_key(Key::PreviousPage);
    EXPECT_EQ(m_keyboard->visible_candidates(), first_page);
}

TEST_F(KeyboardTest, TheCompositionStopsAtTheEnginesCap) {
    m_keyboard->set_mode(Mode::Pinyin);
    for (int i = 0; i < 10; ++i)
        tap_keys("zhang");
    EXPECT_EQ(m_keyboard->composition().size(), OnScreenKeyboard::kMaxComposition);
    EXPECT_FALSE(m_keyboard->visible_candidates().empty());
}

TEST_F(KeyboardTest, AnApostropheSeparatesSyllablesButNeverLeadsOrRepeats) {
    m_keyboard->set_mode(Mode::Pinyin);
    tap_keys("'xi''an");
    EXPECT_EQ(m_keyboard->composition(), "xi'an");
    tap_candidate("西安");
    EXPECT_EQ(typed(), "西安");
}

TEST_F(KeyboardTest, LatinLettersInsertAsShown) {
    m_keyboard->set_mode(Mode::Latin);
    EXPECT_FALSE(m_keyboard->key_centre("a"));
    tap_keys("LI-NA");
    tap_key(Key::Space);
    EXPECT_EQ(typed(), "LI-NA ");
    EXPECT_TRUE(m_keyboard->visible_candidates().empty());
}

TEST_F(KeyboardTest, SlidingOffAKeyTypesNothingAndTheGapsSwallowTouches) {
    m_keyboard->set_mode(Mode::Digits);
    Point one = *m_keyboard->key_centre("1"), two = *m_keyboard->key_centre("2");
    EXPECT_TRUE(m_keyboard->on_pointer({PointerEvent::Type::Down, one}));
    EXPECT_TRUE(m_keyboard->on_pointer({PointerEvent::Type::Move, two}));
    EXPECT_TRUE(m_keyboard->on_pointer({PointerEvent::Type::Up, two}));
    EXPECT_TRUE(m_actions.empty());
    tap({kLandscape.x + 2, kLandscape.y + 2}); // padding, no key
    EXPECT_TRUE(m_actions.empty());
}

TEST_F(KeyboardTest, EveryKeyIsAFingertipWideInEveryModeAndOrientation) {
    const int min = m_theme.px(64);
    for (Mode mode : {Mode::Digits, Mode::Pinyin, Mode::Latin}) {
        for (int width : {1920, 1080}) { // landscape and portrait cabinets
            m_keyboard->set_mode(mode);
            m_keyboard->set_bounds({0, 0, width, OnScreenKeyboard::preferred_height(m_theme, mode)});
            if (mode == Mode::Pinyin)
                tap_keys("zhang"); // candidates on the bar, and its page arrow
            auto keys = m_keyboard->key_bounds();
            ASSERT_GE(keys.size(), mode == Mode::Digits ? 12u : 30u);
            for (const Rect& key : keys) {
                EXPECT_GE(key.w, min) << "mode " << static_cast<int>(mode) << " width " << width;
                EXPECT_GE(key.h, min) << "mode " << static_cast<int>(mode) << " width " << width;
                EXPECT_GE(key.x, 0);
                EXPECT_LE(key.right(), width);
            }
        }
    }
}
