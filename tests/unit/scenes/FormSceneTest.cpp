// The application form: a citizen identified by card fills in the newborn package's form. What the
// card holds is shown, not asked (the ID number masked); the rest is typed on the on-screen keyboard
// (digits for phones and dates, pinyin through the real Google Pinyin engine for names) or picked
// from big buttons; each field says why its value cannot be sent, and "Review and submit" waits for
// every field. Values live in the session: kept across the review screen and back, gone at its end.

#include "SceneHarness.h"
#include "services/intake/MaterialIntake.h"

#include "services/ime/PinyinEngine.h"
#include "ui/scenes/FormScene.h"
#include "ui/scenes/PinyinCandidates.h"

#include <algorithm>

namespace kiosk::ui::test {
namespace {

using Key = OnScreenKeyboard::Key;

// The engine keeps its decoder in a process global: opened once for the whole test binary.
CandidateSource* shared_pinyin() {
    static std::unique_ptr<services::PinyinEngine> engine = [] {
        auto opened = services::PinyinEngine::open();
        return opened.ok() ? opened.release_value() : nullptr;
    }();
    static std::unique_ptr<PinyinCandidates> candidates =
        engine ? std::make_unique<PinyinCandidates>(*engine) : nullptr;
    return candidates.get();
}

// Notes where scenes navigate, then lets the scene manager do it.
class RecordingNavigator final : public Navigator {
public:
    explicit RecordingNavigator(SceneManager& scenes) : m_scenes(scenes) {}
    void go_to(SceneId id, SceneArgument argument) override {
        gone.emplace_back(id, argument);
        m_scenes.go_to(id, std::move(argument));
    }
    void back() override { m_scenes.back(); }
    void end_session(services::SessionEndReason reason) override { m_scenes.end_session(reason); }
    void set_language(Language language) override { m_scenes.set_language(language); }

    std::vector<std::pair<SceneId, SceneArgument>> gone;

private:
    SceneManager& m_scenes;
};

class FormSceneTest : public SceneTest {
protected:
    void SetUp() override {
        SceneTest::SetUp();
        m_context->pinyin = shared_pinyin();
        ASSERT_NE(m_context->pinyin, nullptr) << "the pinyin engine did not open";
        m_navigator.emplace(*m_scenes);
        m_context->nav = &*m_navigator;
    }

    FormScene& scene() { return dynamic_cast<FormScene&>(m_scenes->current()); }

    void open_newborn_form() {
        start_identified_session_at_home();
        ASSERT_TRUE(m_citizen->select("package:newborn"));
        m_scenes->go<SceneId::Form>();
        ASSERT_EQ(m_scenes->current_id(), SceneId::Form);
        draw();
        m_navigator->gone.clear(); // attract → home
    }

    // Taps the field's row, dragging the list first when the row is out of sight.
    void edit(const std::string& field_id) {
        auto ids = scene().field_ids();
        auto it = std::find(ids.begin(), ids.end(), field_id);
        ASSERT_NE(it, ids.end()) << field_id;
        size_t index = static_cast<size_t>(it - ids.begin());
        const ListView& list = scene().fields_list();
        Rect row = list.row_bounds(index), box = list.bounds();
        int shift = row.bottom() > box.bottom() ? row.bottom() - box.bottom()
                    : row.y < box.y             ? row.y - box.y
                                                : 0;
        if (shift != 0) {
            Point from = box.centre();
            m_scenes->handle_pointer({PointerEvent::Type::Down, from});
            m_scenes->handle_pointer({PointerEvent::Type::Move, {from.x, from.y - shift}});
            m_scenes->handle_pointer({PointerEvent::Type::Up, {from.x, from.y - shift}});
            row = list.row_bounds(index);
        }
        tap(row.centre());
        ASSERT_EQ(scene().editing(), field_id);
        draw();
    }

    void tap_keys(std::string_view keys) {
        for (char key : keys) {
            auto centre = scene().keyboard().key_centre(std::string(1, key));
            ASSERT_TRUE(centre) << "no key " << key;
            tap(*centre);
        }
    }
    void tap_key(Key key) {
        auto centre = scene().keyboard().key_centre(key);
        ASSERT_TRUE(centre);
        tap(*centre);
    }
    void tap_candidate(std::string_view text) {
        auto shown = scene().keyboard().visible_candidates();
        auto it = std::find(shown.begin(), shown.end(), text);
        ASSERT_NE(it, shown.end()) << text << " not on the candidate bar";
        tap(*scene().keyboard().candidate_centre(static_cast<size_t>(it - shown.begin())));
    }
    void tap_choice(std::string_view text) {
        for (size_t i = 0; i < FormScene::kMaxChoices; ++i) {
            const Button& button = scene().choice_button(i);
            if (button.visible() && button.text() == text)
                return tap(button.bounds().centre());
        }
        FAIL() << "no choice " << text;
    }
    std::string form(const std::string& field_id) const {
        auto values = m_citizen->form(); // as it will be sent
        auto it = values.find(field_id);
        return it == values.end() ? std::string() : it->second;
    }

    // Everything the newborn package asks that the card did not answer.
    void fill_newborn_form() {
        edit("newborn_name");
        tap_keys("zhangsan");
        tap_key(Key::Done);
        edit("newborn_birth_date");
        tap_keys("20241103");
        edit("phone");
        tap_keys("13800138000");
        edit("relationship");
        tap_choice("母亲");
        draw();
    }

    std::optional<RecordingNavigator> m_navigator;
};

TEST_F(FormSceneTest, AsksEachFieldOnceAndShowsWhatTheCardHoldsReadOnly) {
    open_newborn_form();
    auto ids = scene().field_ids();
    EXPECT_EQ(ids, (std::vector<std::string>{"applicant_name", "applicant_id_number", "newborn_name",
                                             "newborn_birth_date", "phone", "applicant_address",
                                             "relationship", "mailing_address"}));
    EXPECT_EQ(scene().shown_value("applicant_name"), "张三");
    EXPECT_EQ(scene().shown_value("applicant_id_number"), domain::mask_id_number("440304198806157315"));
    EXPECT_EQ(scene().shown_value("applicant_id_number").find("198806157"), std::string::npos);
    const auto& rows = scene().fields_list().rows();
    EXPECT_EQ(rows[0].trailing, m_tr->tr("form.from_card"));
    EXPECT_EQ(rows[1].subtitle, domain::mask_id_number("440304198806157315"));
    // Nothing to type there: the first field to fill in is the newborn's name.
    EXPECT_EQ(scene().editing(), "newborn_name");
    edit("applicant_id_number");
    EXPECT_FALSE(scene().keyboard().visible());
    EXPECT_TRUE(m_citizen->typed().empty()) << "what the card holds is not copied into the typed values";
    EXPECT_FALSE(scene().next_button().enabled());
}

TEST_F(FormSceneTest, APhoneTypedOnTheKeypadIsStored) {
    open_newborn_form();
    edit("phone");
    EXPECT_EQ(scene().keyboard().mode(), OnScreenKeyboard::Mode::Digits);
    tap_keys("13800138000");
    EXPECT_EQ(form("phone"), "13800138000");
    EXPECT_EQ(scene().problem_text("phone"), "");
    tap_keys("9"); // a twelfth digit is not taken
    EXPECT_EQ(form("phone"), "13800138000");
    tap_key(Key::Backspace);
    EXPECT_EQ(form("phone"), "1380013800");
}

TEST_F(FormSceneTest, ATenDigitPhoneBlocksNextAndSaysWhy) {
    open_newborn_form();
    fill_newborn_form();
    ASSERT_TRUE(scene().next_button().enabled()) << scene().next_button().text();
    edit("phone");
    tap_key(Key::Backspace);
    draw();
    EXPECT_EQ(form("phone"), "1380013800");
    EXPECT_EQ(scene().problem_text("phone"), m_tr->tr("form.problem.phone"));
    auto ids = scene().field_ids();
    size_t phone = static_cast<size_t>(std::find(ids.begin(), ids.end(), "phone") - ids.begin());
    EXPECT_NE(scene().fields_list().rows()[phone].subtitle.find(m_tr->tr("form.problem.phone")),
              std::string::npos);
    EXPECT_FALSE(scene().next_button().enabled());
    tap(scene().next_button().bounds().centre());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Form);
    EXPECT_TRUE(m_navigator->gone.empty());
}

TEST_F(FormSceneTest, EightDigitsMakeADateAndAnImpossibleDateIsRefused) {
    open_newborn_form();
    edit("newborn_birth_date");
    EXPECT_EQ(scene().keyboard().mode(), OnScreenKeyboard::Mode::Digits);
    EXPECT_TRUE(scene().keyboard().key_centre("-")) << "dates have a dash key";
    tap_keys("20241103");
    EXPECT_EQ(form("newborn_birth_date"), "2024-11-03");
    EXPECT_EQ(scene().problem_text("newborn_birth_date"), "");
    for (int i = 0; i < 10; ++i)
        tap_key(Key::Backspace);
    EXPECT_EQ(form("newborn_birth_date"), "");
    tap_keys("20240230");
    EXPECT_EQ(form("newborn_birth_date"), "2024-02-30");
    EXPECT_EQ(scene().problem_text("newborn_birth_date"), m_tr->tr("form.problem.date"));
}

TEST_F(FormSceneTest, TheNewbornNameIsTypedInPinyin) {
    open_newborn_form();
    edit("newborn_name");
    EXPECT_EQ(scene().keyboard().mode(), OnScreenKeyboard::Mode::Pinyin);
    tap_keys("zhang");
    tap_candidate("张");
    tap_keys("san");
    tap_candidate("三");
    EXPECT_EQ(form("newborn_name"), "张三");
    // Done moves on to the next field that still needs a value.
    tap_key(Key::Done);
    EXPECT_EQ(scene().editing(), "newborn_birth_date");
}

TEST_F(FormSceneTest, AChoiceStoresTheChosenText) {
    open_newborn_form();
    edit("relationship");
    EXPECT_FALSE(scene().keyboard().visible());
    tap_choice("母亲");
    EXPECT_EQ(form("relationship"), "母亲");
    // Shown in English in English, stored as the departments read it.
    m_scenes->set_language(Language::En);
    EXPECT_EQ(scene().shown_value("relationship"), "Mother");
    edit("relationship");
    tap_choice("Father");
    EXPECT_EQ(form("relationship"), "父亲");
}

TEST_F(FormSceneTest, WhenEveryFieldIsValidNextGoesToTheReviewWithTheSameArgument) {
    open_newborn_form();
    fill_newborn_form();
    EXPECT_EQ(form("newborn_name"), "张三"); // Done took the best candidate for "zhangsan"
    EXPECT_EQ(scene().editing(), "");        // nothing left to fill in: the optional address may stay empty
    ASSERT_TRUE(scene().next_button().enabled());
    tap(scene().next_button().bounds().centre());
    ASSERT_EQ(m_navigator->gone.size(), 1u);
    EXPECT_EQ(m_navigator->gone[0].first, SceneId::Confirm);
    EXPECT_EQ(m_navigator->gone[0].second, SceneArgument{NoArgument{}}); // the case holds the item
    ASSERT_NE(m_citizen->item(), nullptr);
    EXPECT_EQ(m_citizen->item()->key(), "package:newborn");
    EXPECT_EQ(m_scenes->current_id(), SceneId::Confirm);
}

TEST_F(FormSceneTest, ValuesSurviveLeavingAndComingBackAndTheSessionEndWipesThem) {
    open_newborn_form();
    fill_newborn_form();
    m_scenes->back(); // home
    ASSERT_TRUE(m_citizen->select("package:newborn"));
    m_scenes->go<SceneId::Form>();
    draw();
    EXPECT_EQ(scene().shown_value("phone"), "13800138000");
    EXPECT_EQ(scene().shown_value("newborn_birth_date"), "2024-11-03");
    EXPECT_EQ(scene().shown_value("relationship"), "母亲");
    EXPECT_TRUE(scene().next_button().enabled());

    m_scenes->end_session(services::SessionEndReason::Done);
    EXPECT_TRUE(m_citizen->form().empty());
    EXPECT_TRUE(m_citizen->typed().empty());
    start_identified_session_at_home();
    ASSERT_TRUE(m_citizen->select("package:newborn"));
    m_scenes->go<SceneId::Form>();
    EXPECT_EQ(scene().shown_value("phone"), "");
    EXPECT_FALSE(scene().next_button().enabled());
}

TEST_F(FormSceneTest, AValueReadFromAPageIsOfferedForCorrection) {
    services::MaterialIntake intake(m_catalog, m_queue, {}); // its generation marks the visit
    attach_intake(&intake);
    start_identified_session_at_home();
    note_scanned("birth_medical_certificate", 1, domain::Verdict::Matches, {},
                 {{"newborn_birth_date", "2024-11-03"}});
    ASSERT_TRUE(m_citizen->select("package:newborn"));
    m_scenes->go<SceneId::Form>();
    draw();
    EXPECT_EQ(scene().shown_value("newborn_birth_date"), "2024-11-03");
    EXPECT_EQ(form("newborn_birth_date"), "2024-11-03");
    edit("newborn_birth_date");
    tap_key(Key::Backspace);
    tap_keys("4");
    EXPECT_EQ(form("newborn_birth_date"), "2024-11-04");
}

} // namespace
} // namespace kiosk::ui::test
