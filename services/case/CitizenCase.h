#pragma once
// One citizen's visit, owned end to end: who they are (and how sure the kiosk is of it), what they
// apply for, the materials they scanned, the one resolved form, the sealed application and its
// receipt — and the wipe of all of it when the visit ends. Scenes are views of the case: they call
// select(), scan(), set_field(), submit(), print_receipt(), and draw what it holds; the scene manager
// hands every event to the case first (on_event), so a scene reacting to an event sees the case
// already updated.
//
// Threads: the case lives on the UI thread. Its heavy work runs elsewhere: a scanned page goes from
// the scanner's thread straight to the intake's worker (never through the UI thread), sealing runs
// on the Submissions worker, printing through PrintService. Answers come back as events.
//
// The card policy is the case's: a card read while nobody is identified identifies the citizen; the
// same card again refreshes it; a different card mid-visit ends the old case (wiped, audited) before
// the new citizen's case starts. A passport page read by its MRZ identifies with the weaker strength
// DocumentSeen: the document was seen, not verified by the card reader's SAM.
//
// Personal data (identity, form values, what OCR read) lives only here and in the services' own
// session stores (the intake's scan folder), and end() wipes it all and records that it did.
//
// Drafts survive a crash or power cut (services/case/CaseDrafts.h): while a citizen is
// identified, every change that matters (identify, select, set_field, MaterialChecked,
// ApplicationSealed) hands a CaseSnapshot to the drafts, which write it encrypted on their own worker;
// end() deletes it. After a restart, the first card (or passport page) of the draft's holder restores
// the case from it — item, typed values, the applications already sealed (shown as submitted, never
// sealed twice), and the materials scanned before, which must be scanned again (their pages were on
// tmpfs) — and resume_offered() asks the citizen to continue or start over. Another holder's document
// deletes the draft.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/base/LocalizedText.h"
#include "core/domain/Catalog.h"
#include "core/domain/CatalogItem.h"
#include "core/domain/Identity.h"
#include "core/domain/MaterialMatch.h"
#include "services/Events.h"
#include "services/PrintService.h"
#include "services/case/CaseSnapshot.h"

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::services {

class CaseDrafts;
class DeviceHub;
class MaterialIntake;
class Submissions;

enum class SessionEndReason { Done, Cancelled, Timeout, CardRemoved, OtherCard, Shutdown };
const char* to_string(SessionEndReason reason);

// A material scanned in this visit (its pages are files in the intake's scan folder).
struct CaseMaterial {
    int pages = 0;
    bool checked = false;        // the catalog declares evidence for its kind, so the kiosk could check it
    domain::MaterialCheck check; // verdict, reason, fields and prefill (personal data)
    std::filesystem::path pdf;   // every page so far, as it is sealed into the outbox
    size_t pdf_bytes = 0;
    // Accepted for the application: it matches, or it cannot be checked and the citizen vouched.
    bool accepted() const { return !checked || check.verdict == domain::Verdict::Matches; }
};

// What a card read (or a passport page's MRZ) did to the case.
enum class IdentifyOutcome {
    Identified, // nobody was identified: the card's holder now is (a new case when none was active)
    Refreshed,  // the same citizen's card again (re-placed): identity read afresh, the case goes on
    Replaced,   // another citizen's document mid-visit: the old case ended (wiped) and theirs began
};

// The application of one item in this visit (one application per item: coming back to the confirm
// screen shows it instead of sending a second one).
enum class SubmitState { Sealing, Sealed, Failed };
struct CaseSubmission {
    SubmitState state = SubmitState::Sealing;
    unsigned ticket = 0;        // the Submissions::submit() it waits for
    std::string application_id; // 32 hex, the kiosk's own (from ApplicationSealed)
    std::string query_token;    // OW1-…: the receipt's QR code
    std::string number;         // the hub's application number, once it accepted it
    std::string refusal;        // the hub's reason, when it refused it
    std::string failure;        // why sealing failed (for staff; nothing was committed)
};

class CitizenCase {
public:
    // audit(kind, detail) records staff-visible facts; detail never holds personal data.
    using AuditFn = std::function<void(std::string_view kind, std::string_view detail)>;

    // The services the case works through; any may be null on a kiosk without them (then the
    // matching calls answer Unsupported). All outlive the case.
    struct Services {
        DeviceHub* devices = nullptr;
        MaterialIntake* intake = nullptr;
        Submissions* submissions = nullptr;
        PrintService* printing = nullptr;
        CaseDrafts* drafts = nullptr; // null: nothing survives a restart
    };

    CitizenCase(const Clock& clock, const KioskOptions& options, const domain::Catalog& catalog,
                Services services, AuditFn audit);

    // Replaces the services (the composition root wires them once; tests add one later). Only
    // between visits.
    void attach(Services services) { m_services = services; }
    const Services& services() const { return m_services; }

    // --- the visit --------------------------------------------------------------------------------
    bool active() const { return m_active; }
    void begin(); // the first touch; idempotent
    // Wipes everything of the visit — the case's data, the intake's scan folder (its generation moves
    // on, so answers still on their way are ignored), the print service's kept documents — and
    // records that it did. The kiosk's shutdown ends a visit in progress too (Shutdown).
    void end(SessionEndReason reason);
    // Runs at every end(), after the case's own data is wiped (registered once, at start-up).
    void on_end(std::function<void()> hook) { m_end_hooks.push_back(std::move(hook)); }
    int sessions_ended() const { return m_sessions_ended; }

    Language language() const { return m_language; }
    void set_language(Language language) { m_language = language; }

    // --- who ----------------------------------------------------------------------------------------
    IdentifyOutcome identify_by_card(domain::Identity identity);
    IdentifyOutcome identify_by_document(domain::Identity identity); // MRZ of a passport or permit page
    const domain::Identity* identity() const { return m_identity ? &*m_identity : nullptr; }
    IdentityStrength identity_strength() const { return m_strength; }
    // Whom the kiosk may show and print certificates for: only a holder whose ID card the SAM reader
    // read in this visit. A passport page seen by the scanner may start applications (a department
    // checks the documents), but paper can be forged, so it never reaches anyone's certificates.
    const domain::Identity* certificate_holder() const {
        return m_strength == IdentityStrength::CardRead ? identity() : nullptr;
    }

    // --- what ---------------------------------------------------------------------------------------
    // The package or matter a key names ("package:newborn"); false (and nothing selected) when the
    // catalog has no such item. Selecting another item keeps materials and typed values: a material
    // scanned once serves every item that asks for it.
    bool select(std::string_view key);
    const domain::CatalogItem* item() const { return m_item ? &*m_item : nullptr; }

    // --- materials ----------------------------------------------------------------------------------
    // The citizen reads a checklist before scanning: the OCR engine loads meanwhile, off this thread.
    void warm_up();
    // Scans a page for catalog material `material_id` (add_page: another page of it; otherwise it
    // starts afresh). The page goes from the scanner to the intake; the screen hears ScanProgressed,
    // ScanCompleted (no pixels), then MaterialChecked or MaterialFailed.
    Result<void> scan(const std::string& material_id, bool add_page);
    // Scans a passport or permit page to identify by its MRZ: PassportRead or PassportFailed.
    Result<void> scan_identity_page();
    const std::map<std::string, CaseMaterial>& materials() const { return m_materials; }
    const CaseMaterial* material(const std::string& material_id) const;
    // The identity document the reader has just read needs no scan of its copy.
    bool read_from_card(const domain::ChecklistMaterial& material) const;
    // The intake's results belong to this visit (an ended visit's answers are ignored).
    bool current(unsigned intake_generation) const;

    // --- the form -----------------------------------------------------------------------------------
    // Every field of the selected item once, resolved by domain::resolve_form.
    std::map<std::string, std::string> form() const;
    // One field's value by the same rule ("" when none), without building the whole form.
    std::string field_value(const domain::FormField& field) const;
    // What the citizen typed or kept for a field; an empty value means they cleared it.
    void set_field(const std::string& field_id, std::string value);
    const std::map<std::string, std::string>& typed() const { return m_typed; }
    // What OCR read from the accepted materials, by form field (what an Ocr field offers).
    std::map<std::string, std::string> read_values() const;
    // Fields of the selected item without an acceptable value.
    int form_problems() const;

    // --- the application ----------------------------------------------------------------------------
    // Seals the application of the selected item: identity, matters, resolved form, accepted
    // materials, consent (accepted at `consent_at`). Refused (nothing sent) without identity, item,
    // outbox or a complete form, or when this item's application was sealed already.
    Result<void> submit(WallTime consent_at);
    // The application of the selected item, if one was submitted in this visit.
    const CaseSubmission* submission() const;
    bool can_submit() const; // this kiosk has an outbox to seal into, and it opens
    // The outbox is known not to open (Submissions::sealing()): scenes offer no way to start an
    // application and say why; progress and certificates need no sealing and stay.
    bool applying_closed() const;
    bool hub_configured() const;
    bool delivering() const; // the uploader is (about to be) sending: a number may come

    // The acceptance receipt of the sealed application. The texts are the screen's, in the citizen's
    // language: the state in words, and what stands in for a number still to come.
    struct ReceiptTexts {
        std::string state, number_pending;
    };
    Result<PrintTicket> print_receipt(const ReceiptTexts& texts);

    // --- drafts (services/case/CaseDrafts.h) --------------------------------------------------
    // The case was restored from a draft a restarted kiosk left: the citizen is asked whether to
    // continue with item() or start over.
    bool resume_offered() const { return m_resume_offered; }
    void accept_resume() { m_resume_offered = false; }
    // Drops what the draft brought back (item, typed values, materials to scan again) and deletes the
    // draft; the citizen stays identified, and applications sealed in the visit stay sealed.
    void start_over();
    // Materials scanned before the restart, whose pages are gone: id → pages. The scan screen asks
    // for them again; a new scan of one takes it off this list.
    const std::map<std::string, int>& to_rescan() const { return m_rescan; }
    // What a draft keeps of the case now (personal data).
    CaseSnapshot snapshot() const;

    // --- events -------------------------------------------------------------------------------------
    // Every event, before the scenes see it: card reads go through the card policy; MaterialChecked,
    // PassportRead, ApplicationSealed, SubmissionFailed, HubAccepted and HubRefused update the case;
    // DraftLoaded lets a citizen identified before the drafts were read claim theirs.
    // Identity and check data are moved out of the event (so no copy outlives the case). Returns
    // what a card read or a passport page did, when the event was one.
    std::optional<IdentifyOutcome> on_event(AppEvent& event);

private:
    IdentifyOutcome identify(domain::Identity identity, IdentityStrength strength);
    void wipe();
    void note_material(MaterialChecked& checked);
    void save_draft();
    void claim_draft();
    void restore(CaseSnapshot& snapshot);

    const Clock& m_clock;
    const KioskOptions& m_options;
    const domain::Catalog& m_catalog;
    Services m_services;
    AuditFn m_audit;

    bool m_active = false;
    SteadyTime m_started_at{};
    Language m_language;
    std::optional<domain::Identity> m_identity;
    IdentityStrength m_strength = IdentityStrength::None;
    std::optional<domain::CatalogItem> m_item;
    std::map<std::string, CaseMaterial> m_materials;
    std::map<std::string, std::string> m_typed;
    std::map<std::string, CaseSubmission> m_submissions; // by item key
    std::map<std::string, int> m_rescan;                 // materials of a restored draft whose pages are gone
    bool m_resume_offered = false;
    bool m_draft_saved = false; // this visit handed the drafts a snapshot: end() deletes it
    std::vector<std::function<void()>> m_end_hooks;
    int m_sessions_ended = 0;
};

} // namespace kiosk::services
