#pragma once
// Typed events, one meaning each, posted to the UI thread's queue by services and device workers.

#include "core/base/EventQueue.h"
#include "core/base/Result.h"
#include "core/domain/DeviceStatus.h"
#include "core/domain/Identity.h"
#include "core/domain/MaterialMatch.h"
#include "core/domain/StaffRole.h"
#include "services/slots/SlotState.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::services {

struct CardRead {
    domain::Identity identity;
};
struct CardRemoved {};
struct CardReadFailed {
    Error error;
};
struct QrScanned {
    std::string text; // untrusted, at most drivers::kMaxQrPayloadBytes
};
struct QrRejected {
    Error error; // the payload was refused (too long to be a code); it is not carried here
};
struct DeviceStatusChanged {
    domain::DeviceStatus status;
};
struct ScanProgressed {
    int percent = 0;
};
// The scan ended well; its page went from the scanner's thread to whoever asked for it
// (DeviceHub::scan's sink: the intake), never through the UI thread.
struct ScanCompleted {};
struct ScanFailed {
    Error error;
};
struct PrintCompleted {
    domain::DeviceKind printer = domain::DeviceKind::ReceiptPrinter;
    int job_id = 0;
};
struct PrintFailed {
    domain::DeviceKind printer = domain::DeviceKind::ReceiptPrinter;
    int job_id = 0;
    Error error;            // for staff and the log
    std::string reason;     // the printer's keyword (drivers::PrintFailed::reason): what the citizen is told
    bool uncertain = false; // it may have printed all the same (drivers::PrintFailed::uncertain)
};

// A scanned material was cleaned, stored in the session folder and (when its kind declares
// evidence) checked by OCR (services/intake/MaterialIntake.h).
struct MaterialChecked {
    std::string material_id;
    int pages = 0;               // pages stored for the material so far
    bool checked = false;        // false: the catalog declares no evidence, so the kiosk cannot tell
    domain::MaterialCheck check; // verdict, reason, fields and prefill (personal data: session only)
    std::filesystem::path pdf;   // the material's PDF (every page so far), as it would be sealed
    size_t pdf_bytes = 0;        // its size
    unsigned generation = 0;     // the session it belongs to (MaterialIntake::generation)
};
// The page could not be processed (cleaning, storage or OCR failed) — not a verdict on the page.
struct MaterialFailed {
    std::string material_id;
    Error error;
    unsigned generation = 0;
};

// A passport or permit page's MRZ read, every check digit holding, not expired: who the citizen is.
struct PassportRead {
    domain::Identity identity;
    unsigned generation = 0;
};
// No MRZ on the page (NotFound), one that cannot be read or fails its checks (InvalidData), or an
// expired document (Denied). The message is for staff; it holds no personal data.
struct PassportFailed {
    Error error;
    unsigned generation = 0;
};

// The hub's answer to a progress query (services/hubquery/HubQueries.h).
struct MatterStatus {
    std::string matter_id, department_id;
    std::string state;         // "pending" | "approved" | "rejected" | "more_requested"
    std::string promised_date; // YYYY-MM-DD
    bool overdue = false;
    std::string reason;             // a decision's reason, when it has one
    bool certificate_ready = false; // approved with a certificate to pick up
};
struct ProgressAnswered {
    std::string token;   // the query token asked about
    std::string failure; // empty: found; "not_found", "unreachable" or "not_configured"
    std::string application_number, submitted_at;
    std::string status; // "in_progress" | "completed" | "rejected" | "more_requested"
    std::vector<MatterStatus> matters;
};

// The certificates waiting for the identified citizen at the hub, and one of them fetched.
struct CertificateItem {
    std::string certificate_id, application_number, matter_id, title, issued_at;
};
struct CertificatesListed {
    std::string failure; // empty: listed (maybe none); "unreachable" or "not_configured"
    std::vector<CertificateItem> certificates;
};
// Fetched under the hub's print grant (docs/specs/hub-contract.md §6.1), or held by the hub: printed
// already, being printed at another kiosk, or maybe printed (staff check) — which kiosk and when.
struct CertificateFetched {
    std::string certificate_id;
    // empty: fetched; "not_found", "unreachable", "not_configured", or the hub holds it:
    // "already_printed", "print_in_progress", "print_unknown"
    std::string failure;
    std::vector<uint8_t> pdf; // the certificate as the hub issued it
    std::string grant_id;     // the hub's grant to print it once
    std::string held_by;      // with a hold: the kiosk id that printed or holds it
    std::string held_at;      // … and when (UTC)
};

// The hub has the outcome of a print under its grant (or refused it for good): the ledger may stop
// sending it (PrintService::note).
struct PrintOutcomeReported {
    std::int64_t ledger_id = 0;
    bool accepted = true; // false: the hub refused the report for good (the ledger keeps it for staff)
};

// An application sealed into the outbox (services/submit/Submissions.h): it is on disk, so the
// citizen may now be told it is submitted. No personal data.
struct ApplicationSealed {
    unsigned ticket = 0;        // the Submissions::submit() this answers
    std::string application_id; // 32 hex, the kiosk's own
    std::string query_token;    // OW1-…: the receipt's QR code
    std::string sealed_utc;
};
// Nothing was committed: the citizen must not be told "submitted". The message is for staff.
struct SubmissionFailed {
    unsigned ticket = 0;
    Error error;
};
// The uploader's news (services/outbox/Uploader.h), on the UI thread.
struct HubAccepted {
    std::string application_id, application_number;
};
struct HubRefused {
    std::string application_id, reason; // reason: the hub's error code and message
};
struct DeliveryChanged {
    std::string state; // outbox::to_string(UploaderState): "idle", "sending", "waiting-for-hub", …
    int queued = 0;    // applications sealed and not yet answered by the hub
    std::string last_error;
};

// The citizen's-case drafts were read at start-up (services/case/CaseDrafts.h). No personal data:
// the draft itself waits inside CaseDrafts for its holder's card.
struct DraftLoaded {
    bool held = false; // a draft from before a restart waits for its citizen's card
};

// Whether this kiosk can seal applications (services/submit/Submissions.h): an outbox that does not
// open (a key that is not the one its waiting applications were sealed with, a database in trouble)
// closes applying before a citizen starts one; progress and certificates need no sealing.
struct SealingChanged {
    bool ready = true;
    std::string problem; // for staff (names files and counts, never personal data); empty when ready
};

// The staff PIN pad's answer (ui/scenes/staff/StaffDesk.h check_pin): who signed in, or why not. The PIN
// itself never travels further than the check.
struct StaffSignInAnswered {
    std::optional<domain::StaffMember> staff; // set: signed in
    std::string refusal;                      // "wrong-pin", "locked", …; empty when signed in
    std::chrono::seconds locked_for{0};       // the pad is locked this long (after too many wrong PINs)
    int tries_left = -1;                      // "wrong-pin": tries before the pad locks; -1: not said
};

// A printer's consumable crossed into "out" or back out of it (services/staff/consumables/Consumables.h):
// after a print's usage was booked, a replacement, a fresh read of the store, or a change in the
// printer's own report. The app withdraws the printer (DeviceHub::set_withdrawn) or offers it again.
struct ConsumableOutChanged {
    domain::DeviceKind printer = domain::DeviceKind::ReceiptPrinter;
    std::string withdrawn; // "receipt-paper-out", "a4-paper-out", "toner-out"; "" when offered again
};

// The submissions worker's answer to the staff desk (services/submit/Submissions.h ask_staff_outbox and
// the staff actions): the action's outcome and the outbox as it is after it, counted — ids, states and
// the hub's error codes only, no personal data.
struct StaffOutboxAnswered {
    unsigned request = 0;       // the desk's number for the question
    std::string action;         // "read", "retry", "discard", "send-now"
    std::optional<Error> error; // the action failed (or the outbox could not be read): nothing changed
    bool read = false;          // the fields below were read after the action
    int queued = 0;             // waiting for the hub
    std::string oldest_waiting_sealed_utc; // "" when nothing waits
    struct Held {
        std::string application_id; // 32 hex, the kiosk's own
        std::string reason;         // the hub's error code, or why it is held
        std::string sealed_utc;
    };
    std::vector<Held> for_staff; // refused and held applications
};

// The store worker's answer to the staff desk about the kiosk's config slots (StaffDesk::ask_config_slots,
// roll_back_config; services/slots/ConfigSlots.h, which only that worker touches): the action's outcome
// and the slots as they are after it. Bundle ids, versions, times and reasons: no personal data.
struct StaffConfigSlotsAnswered {
    unsigned request = 0;                   // the desk's number for the question
    std::string action;                     // "read", "rollback"
    std::optional<Error> error;             // the rollback failed, or the slots could not be read afresh
    bool in_use = false;                    // the kiosk has config slots (paths.config_slots) at all
    std::optional<slots::SlotsState> state; // read after the action; nothing when not in use
    std::string now_current;                // a rollback done: the slot now current ("a", "b", "factory")
};

// The local store cannot be opened or written: no application may be accepted until it is fixed.
struct StoreUnavailable {
    Error error;
};

using AppEvent =
    std::variant<CardRead, CardRemoved, CardReadFailed, QrScanned, QrRejected, DeviceStatusChanged,
                 ScanProgressed, ScanCompleted, ScanFailed, PrintCompleted, PrintFailed, StoreUnavailable,
                 MaterialChecked, MaterialFailed, PassportRead, PassportFailed, ProgressAnswered,
                 CertificatesListed, CertificateFetched, ApplicationSealed, SubmissionFailed, HubAccepted,
                 HubRefused, DeliveryChanged, DraftLoaded, SealingChanged, PrintOutcomeReported,
                 StaffSignInAnswered, ConsumableOutChanged, StaffOutboxAnswered, StaffConfigSlotsAnswered>;
using AppEventQueue = EventQueue<AppEvent>;

const char* event_name(const AppEvent& event); // for traces and logs: never the payload

} // namespace kiosk::services
