#pragma once
// Scanning the materials of the chosen package or matter, each once: the checklist's materials on
// the left with where each stands, the current one on the right — what to put on the glass, the
// scan's progress, then what the kiosk made of the page (it is the material asked for, with the form
// values read from it; it is not, and why; it could not be read) and what to do next.
//
// The work happens in the citizen's case (services/case/CitizenCase.h): it asks the scanner,
// whose page goes straight to the intake (clean, store, OCR check), and keeps what came of each
// material; this scene only shows it.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/ListView.h"
#include "ui/toolkit/ProgressBar.h"

namespace kiosk::ui {

class ScanScene final : public SceneWith<> {
public:
    explicit ScanScene(SceneContext& context);
    void on_enter(const NoArgument& argument) override;
    bool on_event(const services::AppEvent& event) override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;

    // Where the current material stands.
    enum class Phase { Waiting, Scanning, Checking, Failed, Done };

    // For tests and UI drivers: what the scene shows, and its buttons (to find where to touch).
    Phase phase() const { return m_phase; }
    std::string current_material_id() const { return current() ? current()->kind->id : std::string(); }
    std::string message() const { return result_text() + "\n" + prefill_text(); }
    const ListView& materials_list() const { return m_list; }
    const Button& scan_button() const { return m_scan; }
    const Button& second_button() const { return m_again; }
    const Button& continue_button() const { return m_continue; }

private:
    const domain::ChecklistMaterial* current() const;
    const services::CaseMaterial* scanned(const domain::ChecklistMaterial& material) const;
    bool satisfied(const domain::ChecklistMaterial& material) const;
    int missing_required() const;
    void start_scan(bool add_page);
    void select(size_t index);
    void advance();
    void refresh();
    std::string status_text(const domain::ChecklistMaterial& material) const;
    std::string result_text() const;
    std::string prefill_text() const;

    domain::Checklist m_checklist; // the case's item's
    size_t m_current = 0;
    Phase m_phase = Phase::Waiting;
    std::string m_failure_key; // translation key of the last failure (scan or processing)
    Rect m_content, m_panel;
    ListView m_list;
    ProgressBar m_progress;
    Button m_scan{Button::Kind::Primary};
    Button m_again{Button::Kind::Secondary};
    Button m_continue{Button::Kind::Primary};
};

} // namespace kiosk::ui
