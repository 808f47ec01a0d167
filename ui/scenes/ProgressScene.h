#pragma once
// The progress of an application, asked with the query token from its receipt's QR code: each
// matter with its department, where it stands in plain words, the promised completion date (and
// whether it is overdue), a decision's reason, and a certificate ready for pickup. The question goes
// to the kiosk-hub through HubQueries; while it is out the scene says so, and a hub that does not
// answer is told as such — not as "no such application".

#include "ui/scenes/Scene.h"

#include <optional>

namespace kiosk::ui {

class ProgressScene final : public SceneWith<ReceiptToken> {
public:
    explicit ProgressScene(SceneContext& context) : SceneWith<ReceiptToken>(context) {}
    void on_enter(const ReceiptToken& argument) override;
    bool on_event(const services::AppEvent& event) override;
    void layout(Rect content) override { m_content = content; }
    void draw(Painter& painter) override;

    // For tests: what the scene shows, line by line.
    std::vector<std::string> lines() const;

private:
    std::string m_token;
    std::optional<services::ProgressAnswered> m_answer;
    Rect m_content;
};

} // namespace kiosk::ui
