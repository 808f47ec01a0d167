#pragma once
// How hall staff prove who they are at the kiosk (docs/Maintenance.md "Staff credentials"): a staff
// number and PIN typed on the pad, or a signed badge scanned (StaffBadge.h).
//
// PINs are kept only as Argon2id hashes (libsodium crypto_pwhash_str). A try names one staff id, so
// exactly one hash is checked per try; an unknown id is checked against a stand-in hash of the same
// cost (the first configured one), so a wrong id takes as long as a wrong PIN, and counts as one.
// `lockout_tries` wrong tries in a row, whatever the ids, lock the pad for `lockout`; a try while
// locked is refused without checking any hash. A right PIN resets the count.
// A badge may sign in while the pad is locked: its signature cannot be guessed, and refused badges
// do not count towards the lock (docs/Maintenance.md "Lockout").
// The count and the lock survive a restart when the kiosk gives a keeper (keep_lock_with: the store's
// StaffPinLockStore) and hands what it kept back at start (restore_lock). The lock's end is kept on the
// wall clock, since the steady clock starts afresh with the process.
//
// Every sign-in, every refusal and every lock goes to the audit sink as (kind, detail), kinds
// "staff-sign-in", "staff-sign-in-refused", "staff-pin-locked"; the detail names the staff id and
// role ("staff=S0001 role=duty via=pin"), never the PIN nor the name. A typed id that is not
// configured is written as "staff=unknown" (it may be anything a person typed).
//
// Thread-safe. sign_in_with_pin takes ~0.06 s on a development machine with the default cost (much
// more on a kiosk): call it on a worker thread, never the UI thread. Tries run one at a time;
// locked_for() does not wait for a running try. With no PINs configured every try is wrong at once
// (there is no number to find out about), and still counts.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/base/Result.h"
#include "core/domain/StaffRole.h"
#include "core/store/StaffPinLockStore.h"
#include "services/Events.h"
#include "services/staff/StaffBadge.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::services {

using StaffAuditSink = std::function<void(std::string_view kind, std::string_view detail)>;

struct StaffAuthOptions {
    int lockout_tries = 5;             // wrong tries in a row that lock the pad
    std::chrono::seconds lockout{300}; // s the pad stays locked
    size_t max_pin_bytes = 32;         // bytes of PIN looked at; a longer one is wrong
    // The least Argon2id cost a configured hash may have (crypto_pwhash_OPSLIMIT/MEMLIMIT_INTERACTIVE:
    // 2 passes over 64 MiB); a cheaper hash is a config error. Tests lower these.
    unsigned long long min_opslimit = 2; // passes
    size_t min_memlimit = 64u << 20;     // bytes
    BadgePolicy badges;
};

struct StaffPinEntry {
    domain::StaffMember member;
    std::string pin_hash; // "$argon2id$…"
};

// The PINs, keys, revocations and lockout numbers the kiosk's config names.
std::vector<StaffPinEntry> staff_pins(const StaffOptions& config);
StaffAuthOptions staff_auth_options(const StaffOptions& config);

// The hash `kiosk-devctl staff pin hash` writes into the config (crypto_pwhash_str, Argon2id), at the
// kiosk's cost unless told otherwise.
Result<std::string> hash_pin(std::string_view pin, unsigned long long opslimit = 2,
                             size_t memlimit = 64u << 20);

class StaffAuthenticator {
public:
    // InvalidData when a hash is not Argon2id, is damaged or is cheaper than the options allow, or a
    // staff id appears twice.
    static Result<std::unique_ptr<StaffAuthenticator>> create(std::vector<StaffPinEntry> pins,
                                                              StaffAuthOptions options, const Clock& clock,
                                                              StaffAuditSink audit);

    // Answers with the member, or a refusal: "wrong-pin" (a wrong PIN or an unknown id: the pad does
    // not say which), "locked" (with how long). The PIN is wiped before this returns.
    StaffSignInAnswered sign_in_with_pin(std::string staff_id, std::string pin);
    // Answers with the member, or "badge-<refusal>" ("badge-expired", StaffBadge.h).
    StaffSignInAnswered sign_in_with_badge(std::string_view text);
    // How long the pad stays locked; 0 s when it takes PINs.
    std::chrono::seconds locked_for() const;

    // Called with the pad's new count and lock after every change (on the thread of the try, outside
    // this object's locks), to be stored. Set it before the first try.
    using LockKeeper = std::function<void(const store::StoredPinLock&)>;
    void keep_lock_with(LockKeeper keeper) { m_keeper = std::move(keeper); }
    // What was kept before a restart, read back; any thread. A stored lock runs on to its end on the wall
    // clock (never longer than the options' lockout from now: a clock set back does not lock the pad for
    // good); the higher count and the later lock win over what happened since start.
    void restore_lock(const store::StoredPinLock& stored);

private:
    StaffAuthenticator(std::vector<StaffPinEntry> pins, StaffAuthOptions options, const Clock& clock,
                       StaffAuditSink audit);
    void audit(std::string_view kind, const std::string& detail) const;
    std::chrono::seconds locked_for_locked() const; // m_state_mutex held

    std::vector<StaffPinEntry> m_pins;
    StaffAuthOptions m_options;
    const Clock& m_clock;
    StaffAuditSink m_audit;
    LockKeeper m_keeper;
    std::mutex m_try_mutex; // one try at a time, start to end
    mutable std::mutex m_state_mutex;
    int m_wrong_tries = 0;       // in a row, since the last sign-in or lock
    SteadyTime m_locked_until{}; // the pad takes PINs again at this time
};

} // namespace kiosk::services
