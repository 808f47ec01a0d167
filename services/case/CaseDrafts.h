#pragma once
// Drafts survive a crash or power cut (docs/Architecture.md "Drafts survive a crash"): a kiosk that
// restarts mid-visit offers the same citizen, identified again by the same ID card, to continue where
// they were within `resume_within`, and wipes the draft otherwise.
//
// What: a CaseSnapshot (services/case/CaseSnapshot.h), the case's state without the card photo
// and without the scanned pixels (those live on tmpfs and are gone after a restart).
// How: serialised to JSON, encrypted with libsodium secretbox under the outbox's provisioning key
// (outbox::SecretKey, loaded from OutboxOptions::key_file as the outbox loads it), and written
// atomically and durably (outbox::write_file_durably: temp + fsync + rename + fsync of the folder) to
// one file, <paths.drafts>/case.draft. A kill at any moment leaves either the previous draft, the new
// one, or none — never half of one (scripts/case-soak proves it).
// When: the case calls save() after each change that matters and discard() when the visit ends.
//
// Threads: every method may be called from any thread (the case calls them from the UI thread) and
// returns at once; files are touched only on the drafts' own worker ("case-drafts"), in the order the
// calls were made. When several snapshots queue up, only the latest is written. discard() deletes the
// file after any write already under way and drops the snapshots still queued.
//
// Start-up: load() reads the draft on the worker. Older than resume_within by the injected clock (or
// written more than resume_within in the future: the clock was set back), unreadable, under another
// key, or corrupt → deleted, and logged without personal data. Otherwise it is held, decrypted, in
// memory until claim(): the same holder (document type + ID number) gets it; anyone else, or
// resume_within passing, deletes it and wipes it from memory. The answer to load() comes as
// DraftLoaded on the event queue (a card may have been read before the load finished).
//
// Personal data: snapshots are wiped (CaseSnapshot::wipe, secure_wipe) once written or dropped; the
// plaintext JSON lives only on the worker between the snapshot and the encryption.

#include "core/base/Clock.h"
#include "core/base/Result.h"
#include "core/base/Worker.h"
#include "services/Events.h"
#include "services/case/CaseSnapshot.h"
#include "services/outbox/SecretBox.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace kiosk::services {

struct DraftOptions {
    std::filesystem::path folder; // paths.drafts: holds the one draft file (mode 0700)
    std::string key_file;         // outbox.key_file: 32 bytes, raw or 64 hex characters
    std::chrono::seconds resume_within{
        600}; // s a draft waits for its citizen's card (session.resume_within_s)
};

class CaseDrafts {
public:
    // What load() found.
    enum class Loaded {
        Pending,   // load() not called, or not finished
        Absent,    // no draft
        Held,      // a draft waits in memory for its holder's card
        Expired,   // older than resume_within: deleted
        Unreadable // cannot be read, wrong key, or corrupt: deleted
    };

    // Loads the key (NotFound, Io, InvalidData as outbox::SecretKey::load). `queue` (may be null)
    // receives DraftLoaded.
    static Result<std::unique_ptr<CaseDrafts>> create(DraftOptions options, const Clock& clock,
                                                      AppEventQueue* queue);
    ~CaseDrafts(); // writes what is queued, then joins the worker, then wipes what it held
    CaseDrafts(const CaseDrafts&) = delete;
    CaseDrafts& operator=(const CaseDrafts&) = delete;

    void load();                      // once, at start-up
    void save(CaseSnapshot snapshot); // replaces any snapshot still queued
    void discard();                   // the visit ended: no draft

    // The held draft if `holder` is its citizen (and it is not too old); otherwise the held draft,
    // if any, is wiped and deleted. Either way nothing is held afterwards.
    std::optional<CaseSnapshot> claim(const domain::Identity& holder);
    // Wipes and deletes the held draft once resume_within has passed (the worker also checks on its
    // own, by a timer).
    void expire_if_due();

    Loaded loaded() const;
    bool holding() const;
    std::filesystem::path file() const { return m_options.folder / "case.draft"; }
    const DraftOptions& options() const { return m_options; }

    // --- for tests and the soak tool -------------------------------------------------------------------
    // Blocks until the worker has done everything asked of it before this call.
    void flush();
    // The worker stops after its current task until the returned function is called (call it before
    // the drafts are destroyed).
    std::function<void()> pause();
    int writes() const { return m_writes.load(); } // draft files written so far
    // Called with each snapshot save() queues, on the caller's thread, before it is queued.
    void set_observer(std::function<void(const CaseSnapshot&)> observer) { m_observer = std::move(observer); }

private:
    CaseDrafts(DraftOptions options, outbox::SecretKey key, const Clock& clock, AppEventQueue* queue);
    bool expired(const CaseSnapshot& snapshot) const;
    void write_queued(unsigned epoch);   // worker
    void read_at_start();                // worker
    void delete_loaded(const char* why); // worker: deletes the file if it is still the loaded draft
    void remove_file();                  // worker
    void watch_expiry();                 // worker

    DraftOptions m_options;
    outbox::SecretKey m_key;
    const Clock& m_clock;
    AppEventQueue* m_queue;
    std::function<void(const CaseSnapshot&)> m_observer;

    mutable std::mutex m_mutex; // guards what follows, up to the worker's own state
    std::optional<CaseSnapshot> m_queued;
    bool m_write_posted = false;
    unsigned m_epoch = 0; // discard() bumps it: writes asked for before are void
    std::optional<CaseSnapshot> m_held;
    Loaded m_loaded = Loaded::Pending;

    bool m_file_is_loaded = false; // worker only: the file on disk is the draft load() found
    std::atomic<int> m_writes{0};
    std::unique_ptr<Worker> m_worker; // last: joined first
};

const char* to_string(CaseDrafts::Loaded loaded);

} // namespace kiosk::services
