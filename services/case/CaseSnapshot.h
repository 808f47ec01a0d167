#pragma once
// What a citizen's unfinished visit leaves on disk so that a kiosk restarted mid-visit (crash, kill -9,
// power cut) can offer the same citizen, identified again by the same ID card, to continue
// (services/case/CaseDrafts.h keeps it; docs/Architecture.md "Drafts survive a crash").
//
// Kept: the identity's text fields (never the card photo), how sure the kiosk was of it, the selected
// item's key, the typed form values, which materials had been scanned (ids and page counts only: the
// pixels live in the scan folder on tmpfs, which a restarted kiosk has lost, so a resumed visit asks for
// them again), and the applications sealed in the visit (item key → application id and query token,
// so a resumed visit shows "submitted" and never seals twice). Not kept: what OCR read from the pages,
// the hub's answers, the screen the citizen was on.
//
// Personal data throughout: wipe() overwrites every string; the JSON form exists only on the drafts
// worker, between the case's snapshot and the encryption (and back).

#include "core/base/Clock.h"
#include "core/base/Result.h"
#include "core/domain/Identity.h"

#include <map>
#include <string>
#include <string_view>

namespace kiosk::services {

// How the kiosk knows who the citizen is; ordered, so a stronger proof compares greater.
enum class IdentityStrength {
    None,         // nobody identified
    DocumentSeen, // a passport or permit page read by its MRZ: seen, not verified
    CardRead,     // an ID card read and authenticated by the reader's SAM in this visit
};
const char* to_string(IdentityStrength strength);

// An application sealed into the outbox in this visit.
struct SealedApplication {
    std::string application_id; // 32 hex, the kiosk's own
    std::string query_token;    // OW1-…: the receipt's QR code
    bool operator==(const SealedApplication&) const = default;
};

struct CaseSnapshot {
    WallTime written_at{};   // the case's clock (wall) when the snapshot was taken
    domain::Identity holder; // text fields only: the photo is never kept
    IdentityStrength strength = IdentityStrength::None;
    std::string item_key;                            // "package:newborn"; empty: nothing selected
    std::map<std::string, std::string> typed;        // form field id → what the citizen typed
    std::map<std::string, int> materials;            // material id → pages scanned
    std::map<std::string, SealedApplication> sealed; // item key → its sealed application

    void wipe(); // overwrites every personal string, then empties the snapshot
};

// Same citizen: the same document type and ID number.
bool same_holder(const domain::Identity& a, const domain::Identity& b);

// One line of JSON (personal data). with_time=false leaves written_at out: two snapshots of the same
// state compare equal as text (the soak's check).
std::string snapshot_to_json(const CaseSnapshot& snapshot, bool with_time = true);
// Strict: an unknown key, a wrong type or a bad value is InvalidData (the message names the key, never
// a value).
Result<CaseSnapshot> snapshot_from_json(std::string_view json);

} // namespace kiosk::services
