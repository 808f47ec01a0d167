#pragma once
// Certificate self-print: the citizen identified with their ID card sees the certificates the
// departments have issued to them (from the kiosk-hub) and prints one on the A4 printer. A
// certificate is accountable paper: it prints once in the whole hall, under the hub's print grant
// (docs/specs/hub-contract.md §6.1). Printed already (here or at another kiosk), being printed
// elsewhere, or maybe printed (staff check): the scene says which kiosk and when, and that staff
// can reprint it (kiosk-devctl print authorise-reprint), rather than print it again.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/ListView.h"

#include <optional>
#include <set>

namespace kiosk::ui {

class CertificatesScene final : public SceneWith<> {
public:
    explicit CertificatesScene(SceneContext& context);
    void on_enter(const NoArgument& argument) override;
    bool on_event(const services::AppEvent& event) override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;

    // For tests: the list as shown and the status line.
    const ListView& list() const { return m_list; }
    std::string status() const;

private:
    void refresh();
    void choose(size_t index);

    std::optional<services::CertificatesListed> m_listed; // unset while the hub is asked
    std::string m_fetching;                               // certificate id being fetched
    std::string m_printing_id;                            // … then printed
    std::set<std::string> m_printed;                      // printed (or refused as printed) this visit
    std::optional<services::PrintTicket> m_printing;
    std::string m_status_key;  // the last outcome ("certificates.printed" …), empty for none
    std::string m_status_text; // m_status_key formatted with its placeholders, when it has some
    std::string m_refusal;     // why a print was refused, when it was
    Rect m_content;
    ListView m_list;
};

} // namespace kiosk::ui
