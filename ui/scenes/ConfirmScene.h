#pragma once
// Review, consent, submit: the last screen of an application. It shows what will be sent — the
// package and its matters with their departments and time limits, the materials scanned, the form as
// filled in (ID numbers masked) — and the consent text. Submitting needs the citizen's agreement
// first; then the citizen's case seals the application (services/case/CitizenCase.h: the
// package is assembled there, sealed on the Submissions worker) and only when ApplicationSealed comes
// back does the screen say "submitted".
//
// After the seal it waits a few seconds for the hub's application number (HubAccepted), then prints
// the acceptance receipt with the query token as its QR code. A hub that is away, or none configured,
// is said as it is: the application is saved and will be sent automatically. The token is shown on
// screen as well, so a failed receipt print loses nothing; the citizen may print it again.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"

#include <optional>

namespace kiosk::ui {

class ConfirmScene final : public SceneWith<> {
public:
    enum class Phase { Review, Sealing, Sealed, Failed };

    explicit ConfirmScene(SceneContext& context);
    void on_enter(const NoArgument& argument) override;
    bool on_event(const services::AppEvent& event) override;
    bool on_tick() override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;

    // For tests.
    Phase phase() const;
    Button& agree_button() { return m_agree; }
    Button& submit_button() { return m_submit; }
    Button& print_again_button() { return m_print_again; }
    Button& finish_button() { return m_finish; }
    std::vector<std::string> summary() const; // the review, line by line
    std::string status() const;               // what the screen says about the submission
    std::string application_id() const;
    std::string query_token() const;
    std::string application_number() const;
    bool receipt_printed() const { return m_receipt_done && !m_receipt_failed; }

private:
    const services::CaseSubmission* submission() const { return m_ctx.citizen.submission(); }
    void submit();
    void print_receipt();
    void refresh();
    std::vector<std::string> overview() const;    // the package, its matters, the materials
    std::vector<std::string> field_lines() const; // "label：value", ID numbers masked

    bool m_agreed = false;
    WallTime m_agreed_at{};
    SteadyTime m_sealed_at{};
    bool m_receipt_asked = false; // printed, or tried and refused
    bool m_receipt_done = false, m_receipt_failed = false;
    std::string m_receipt_problem;
    std::optional<services::PrintTicket> m_receipt;

    Button m_agree{Button::Kind::Secondary};
    Button m_submit{Button::Kind::Primary};
    Button m_print_again{Button::Kind::Secondary};
    Button m_finish{Button::Kind::Primary};
    Rect m_content, m_left, m_right;
};

} // namespace kiosk::ui
