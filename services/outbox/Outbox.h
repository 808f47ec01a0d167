#pragma once
// The kiosk's outbox: applications sealed to disk before the citizen is told "submitted", kept until
// the hub has answered (docs/Architecture.md "Data and its safety", issue 6).
//
// seal() in this order: every material encrypted to <dir>/blobs/<sha256 of plaintext>.sbox (temp file,
// fsync, rename, fsync of the folder), then one transaction with the application row (its request body
// encrypted), its blob list and an audit entry. When seal() returns a value the application is on disk
// and survives a crash or power cut; before that, nothing may tell the citizen it was submitted.
//
// States (docs/specs/hub-contract.md §8):
//   sealed -> uploading            the uploader is delivering it (uploading: tried at least once)
//   uploading -> accepted          the hub's application number; the payload and blob files are dropped
//   uploading -> refused           the hub refused it in the contract's words (§8.1)  } kept whole for
//   uploading -> held              the same failure again and again (UploaderOptions) } staff: payload
//   refused/held -> sealed         retry(): staff send it again                          and blobs stay
//   refused/held -> discarded      discard(reason): staff give it up; only now are the payload and blob
//                                  files of an application the hub never accepted dropped
//   rejected                       an older kiosk's final refusal (before schema 5): already dropped
// The row always keeps the id, the token's SHA-256 (never the token), number, matters, reason and times for
// the audit.
// Each move to refused or held and each staff action writes an audit row (never personal data).
//
// open() repairs what a crash can leave: temp files and blobs no row references (a crash between
// blob and commit) are deleted; unfinished applications whose blob files are missing are listed in
// open_report() and logged, never dropped.
//
// One Outbox is one SQLite connection: use it from one thread. Several Outbox objects (threads,
// processes) may share the file and folder: the database is WAL and blob deletion is guarded by a
// lock file. seal() blocks on fsync (tens of ms): call it on a worker, not the UI thread.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/base/Result.h"
#include "services/outbox/ApplicationPackage.h"
#include "services/outbox/SecretBox.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::store {
class Database;
}

namespace kiosk::outbox {

enum class ApplicationState { Sealed, Uploading, Accepted, Rejected, Refused, Held, Discarded };
// "sealed", "uploading", "accepted", "rejected", "refused", "held", "discarded"
const char* to_string(ApplicationState state);
// Refused or held: waiting for staff, payload and blobs kept.
bool waits_for_staff(ApplicationState state);

// What seal() hands back: enough for the receipt (token in the QR code) and to follow the application.
struct SealedApplication {
    std::string application_id; // 32 hex
    std::string query_token;    // OW1-XXXX-XXXX-XXXX-XXXX
    std::vector<std::string> matter_ids;
    std::string sealed_utc;
};

struct OutboxBlob {
    std::string sha256;
    std::int64_t bytes = 0;
};

// One row, without its payload. No personal data: safe to show staff.
struct OutboxApplication {
    std::string application_id;
    // SHA-256 (hex) of the receipt's query token. The token itself is never in the row (schema 6):
    // the hub gets it in the sealed payload, the citizen on the receipt.
    std::string query_token_sha256;
    ApplicationState state = ApplicationState::Sealed;
    std::string package_id; // "" for a single matter
    std::vector<std::string> matter_ids;
    std::string application_number; // once accepted
    // Refused: the hub's error code and message. Held: the failure that repeated. Discarded: the staff
    // member's reason and what it was before.
    std::string reason;
    int attempts = 0;
    std::string last_error; // the last failed attempt, for staff
    std::string sealed_utc, updated_utc, finished_utc;
    std::vector<OutboxBlob> blobs; // empty once finished
    // The application's own back-off while it waits (the uploader's; see Uploader.h).
    std::int64_t next_attempt_ms = 0; // not before this wall-clock time (ms since the Unix epoch); 0: now
    std::string failure_kind;         // what the last failed attempt met ("500 internal"), "" after none
    int same_failures = 0;            // how many times in a row it met failure_kind
};

struct OutboxOpenReport {
    int orphan_blobs_deleted = 0; // blobs of seals that crashed before their commit
    int temp_files_deleted = 0;
    // Unfinished applications with a blob file missing: the uploader can still send them if the hub
    // already holds those blobs; otherwise staff must be told (the citizen's receipt names them).
    std::vector<std::string> missing_blobs;
};

// How many applications are in each state: no personal data.
struct OutboxCounts {
    int sealed = 0, uploading = 0, accepted = 0, rejected = 0, refused = 0, held = 0, discarded = 0;
    int unfinished() const { return sealed + uploading; }   // the uploader's queue
    int for_staff() const { return refused + held; }        // waiting for kiosk-devctl outbox retry/discard
    int kept() const { return unfinished() + for_staff(); } // with their payload and blobs on disk
};

class Outbox {
public:
    // Opens (creating folders and migrating the database as needed) with the key from options.key_file.
    // Errors: the key file's (NotFound, InvalidData), the database's, Io for the folder, and
    // InvalidData when the key is not the one this outbox's applications were sealed with.
    static Result<std::unique_ptr<Outbox>> open(const std::string& database_path,
                                                const OutboxOptions& options, const Clock& clock);
    // The same with a key in hand (tests, tools).
    static Result<std::unique_ptr<Outbox>> open(const std::string& database_path,
                                                const OutboxOptions& options, const SecretKey& key,
                                                const Clock& clock);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // See the top of this file. Errors: InvalidArgument (validate()), NotFound/Io for a material file,
    // Io for the blob folder, the database's (Busy, ReadOnly, Io): in every case nothing was committed
    // and the citizen must not be told "submitted".
    Result<SealedApplication> seal(const ApplicationPackage& package);

    // Unfinished applications (sealed, uploading), oldest first.
    Result<std::vector<OutboxApplication>> unfinished();
    // Refused and held applications, oldest first.
    Result<std::vector<OutboxApplication>> for_staff();
    // The latest applications, finished ones too, newest first (staff tools: kiosk-devctl outbox list).
    Result<std::vector<OutboxApplication>> recent(int limit);
    Result<std::optional<OutboxApplication>> find(const std::string& application_id);
    Result<OutboxCounts> counts();

    // The request body for POST /v1/applications, decrypted (personal data: send, then drop).
    Result<std::string> payload(const std::string& application_id);
    // A blob decrypted and checked against its hash. NotFound when its file is missing, Corrupt when
    // it does not open or its hash differs.
    Result<std::string> blob(const std::string& sha256);
    bool has_blob_file(const std::string& sha256) const;

    // sealed/uploading -> uploading, one more attempt counted.
    Result<void> mark_uploading(const std::string& application_id);
    // Notes why the last attempt failed (the state does not change).
    Result<void> note_failure(const std::string& application_id, const std::string& error);
    // The same, and the application's own back-off: `kind` of failure (HubError::kind()), how many
    // times in a row it met that kind, and not before `next_attempt_ms`. Only while it waits (sealed,
    // uploading); otherwise nothing changes.
    Result<void> note_retry(const std::string& application_id, const std::string& error,
                            const std::string& kind, int same_failures, std::int64_t next_attempt_ms);
    // -> accepted (from sealed, uploading, refused or held), then the payload and blob files are
    // dropped. Repeating it is fine (a crash after the commit); changing a finished outcome is
    // InvalidArgument.
    Result<void> mark_accepted(const std::string& application_id, const std::string& application_number);
    // sealed/uploading -> refused / held, keeping everything, with an audit row. Repeating it is fine;
    // from any other state it is InvalidArgument.
    Result<void> mark_refused(const std::string& application_id, const std::string& reason);
    Result<void> mark_held(const std::string& application_id, const std::string& reason);

    // Staff (kiosk-devctl outbox). Errors: NotFound for an unknown id, InvalidArgument for a state the
    // action does not apply to (the message names the state).
    // refused/held -> sealed, its back-off cleared, delivered again at the uploader's next pass.
    // Also clears the back-off of an application still waiting (sealed, uploading).
    Result<void> retry(const std::string& application_id);
    // refused/held -> discarded: the payload and blob files are dropped. `reason` (why staff give it
    // up: one line, no personal data) is required: InvalidArgument when blank.
    Result<void> discard(const std::string& application_id, const std::string& reason);

    // The kiosk id changed (a re-provisioned kiosk, a new certificate): the hub answers 403
    // kiosk-mismatch to every application sealed under the old one. Rewrites `kiosk_id` in the sealed
    // request of every application not yet accepted or discarded (sealed, uploading, held, refused) whose
    // id differs: decrypt, rewrite, check, encrypt again, all in one transaction (all or nothing; the
    // blobs are untouched). Held ones go back to sealed and every back-off is cleared; refused ones
    // stay refused (their refusal was about their content). One audit row per application. Answers
    // how many were rewritten. Errors: InvalidArgument for an empty id, Corrupt for a payload that
    // does not open (nothing is changed then). An application the hub had already accepted under the
    // old id (its answer lost) comes back 409 application-conflict: refused, kept, for staff to see.
    Result<int> reseal(const std::string& kiosk_id);

    const OutboxOpenReport& open_report() const { return m_report; }
    const std::filesystem::path& blob_folder() const { return m_blobs; }
    std::filesystem::path blob_path(const std::string& sha256) const;

private:
    Outbox(std::unique_ptr<store::Database> database, const OutboxOptions& options, const SecretKey& key,
           const Clock& clock);
    Result<void> check_key();
    Result<void> clean_up();
    Result<void> finish(const std::string& application_id, ApplicationState state, const std::string& number,
                        const std::string& reason);
    Result<void> to_staff(const std::string& application_id, ApplicationState state,
                          const std::string& reason);
    Result<OutboxApplication> existing(const std::string& application_id);
    Result<std::vector<OutboxApplication>> list(const std::string& where_and_order);
    Result<void> delete_unreferenced(const std::vector<OutboxBlob>& blobs);

    std::unique_ptr<store::Database> m_database;
    std::filesystem::path m_folder;
    std::filesystem::path m_blobs;
    SecretKey m_key;
    const Clock& m_clock;
    OutboxOpenReport m_report;
};

} // namespace kiosk::outbox
