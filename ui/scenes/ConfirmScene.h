#pragma once
// Review, consent, submit: the last screen of an application. It shows what will be sent — the
// package and its matters with their departments and time limits, the materials scanned, the form as
// filled in (ID numbers masked) — and the consent text. Submitting needs the citizen's agreement
// first; then the application is sealed into the outbox on a worker (Submissions) and only when
// ApplicationSealed comes back does the screen say "submitted".
//
// After the seal it waits a few seconds for the hub's application number (HubAccepted), then prints
// the acceptance receipt with the query token as its QR code. A hub that is away, or none configured,
// is said as it is: the application is saved and will be sent automatically. The token is shown on
// screen as well, so a failed receipt print loses nothing; the citizen may print it again.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"

#include <optional>

namespace kiosk::ui {

class ConfirmScene final : public Scene {
public:
    enum class Phase { Review, Sealing, Sealed, Failed };

    explicit ConfirmScene(SceneContext& context);
    void on_enter(const std::string& argument) override; // "package:ID" or "matter:ID"
    bool on_event(const services::AppEvent& event) override;
    bool on_tick() override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;

    // For tests.
    Phase phase() const { return m_phase; }
    Button& agree_button() { return m_agree; }
    Button& submit_button() { return m_submit; }
    Button& print_again_button() { return m_print_again; }
    Button& finish_button() { return m_finish; }
    std::vector<std::string> summary() const; // the review, line by line
    std::string status() const;               // what the screen says about the submission
    const std::string& application_id() const { return m_application_id; }
    const std::string& query_token() const { return m_token; }
    const std::string& application_number() const { return m_number; }
    bool receipt_printed() const { return m_receipt_done && !m_receipt_failed; }

private:
    void submit();
    void print_receipt();
    bool delivering() const;
    int missing_fields() const; // fields FormRules refuses (the form screen should have caught them)
                                // // the uploader is reaching the hub: the number may come in a moment
    void refresh();
    std::map<std::string, std::string> form_values() const;
    std::vector<std::string> overview() const;    // the package, its matters, the materials
    std::vector<std::string> field_lines() const; // "label：value", ID numbers masked

    const domain::Package* m_package = nullptr;
    const domain::Matter* m_matter = nullptr;
    std::vector<const domain::Matter*> m_matters;
    std::string m_argument;

    Phase m_phase = Phase::Review;
    bool m_agreed = false;
    WallTime m_agreed_at{};
    unsigned m_ticket = 0;
    std::string m_application_id, m_token, m_number, m_refusal;
    std::string m_failure; // for staff, on the Failed screen
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
