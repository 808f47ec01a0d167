#pragma once
// The real ID-card reader: a GA/T 467 SAM reader behind a SamLink (serial or USB), driven by one
// owner thread (docs/specs/idcard-sam.md §1.6, §5 pitfall 4) through an explicit state machine:
//
//   no link ──open──▶ SAM check ──0x90──▶ polling: find → select → read base ──▶ card read
//      ▲   (absent,       │ 0x60/silence: fault "sam-not-ready", back-off 100 ms … 2 s      │
//      │  back-off)       ▼                                         presence poll (30 03) │
//      └─── NotFound ◀─ any command                      removed ◀─────────────────────────┘
//
// One read per placement (pitfall 1): after a read — good or unparseable — the card is only
// watched with a cheap presence command until it leaves. A failed read (0x41, timeout) is reported
// once per placement and retried with a fresh find + select (pitfall 2). Status reasons are
// machine-readable and never carry card data: "unplugged", "no-permission", "in-use", "open-failed",
// "sam-not-ready", "sam-not-authorised", "sam-error", "no-response", "link-error".

#include "core/domain/CivilDate.h"
#include "drivers/common/EventSink.h"
#include "drivers/idcard/IdCardReader.h"
#include "drivers/idcard/SamLink.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::drivers {

// Today's local date, from the system clock.
domain::CivilDate local_today();

struct SamReaderOptions {
    using Millis = std::chrono::milliseconds;
    Millis poll_interval{200};          // between find-card attempts while no card is read (Routon: 200 ms)
    Millis presence_poll_interval{200}; // between presence checks while a read card lies on the reader
    Millis find_timeout{300};           // find card (20 01); code seen uses 100 ms, the link adds latency
    Millis select_timeout{300};         // select card (20 02)
    Millis read_timeout{2000};          // read base message (30 01): 1295 bytes, ≥112 ms at 115200 (§5.3)
    Millis presence_timeout{500};       // one presence command
    Millis sam_status_timeout{500};     // SAM status (11 FF)
    Millis sam_backoff{100};            // first wait after "SAM not ready" (0x60) or silence; doubles …
    Millis sam_backoff_max{2000};       // … up to this
    Millis reopen_backoff{1000};        // between attempts to open an absent or failing reader
    int failures_before_reopen = 5;     // consecutive failed commands before the link is reopened (Routon)
    int bad_frame_retries = 2;          // re-sends of a command whose answer had a bad checksum/length
    // Cheap command answered 0x90/0x91 while the read card stays and failing once it left (§1.6 step 4).
    sam::Command presence_command = sam::Command::ReadAppendedAddress;
    std::function<domain::CivilDate()> today = local_today; // ID numbers' birth dates must not be after it
    std::string thread_name = "idcard-sam";                 // for top/gdb (15 characters at most)
};

class SamReader final : public IdCardReader {
public:
    SamReader(sam::SamLinkOpener opener, SamReaderOptions options = {});
    // Stops; must not be called from within the sink.
    ~SamReader() override;
    SamReader(const SamReader&) = delete;
    SamReader& operator=(const SamReader&) = delete;

    Result<void> start(Sink sink) override;
    // Callable from any thread, also from within the sink. From another thread it also interrupts a
    // command in flight and waits for the owner thread, so the link is closed when it returns.
    void stop() override;
    domain::DeviceStatus status() const override;

    // Hot-plug hints (UsbHotplug, a udev monitor), from any thread.
    void device_arrived(); // reopen now instead of after the back-off
    void device_left();    // report absent now; a command in flight is interrupted

    // The error behind the current Absent/Fault status ("no reader at /dev/ttyACM0"), for the CLI and
    // the staff page; empty while the reader is usable.
    std::optional<Error> last_problem() const;

private:
    enum class Placement {
        None,   // no card seen
        Failed, // a read of this placement failed and was reported; still trying
        Done,   // read (or found unreadable) and reported; watching for removal
    };

    void run();
    // One step of the state machine each; they return when it is time to wait or re-decide.
    void connect();
    void check_sam();
    void poll_for_card();
    void read_card();
    void watch_presence();

    Result<sam::Response> transact(sam::Command command, std::chrono::milliseconds timeout);
    void link_failed(Error error);
    void drop_link();
    void report_removed_if_placed();
    void set_status(domain::DeviceState state, domain::FixedBy fixed_by = domain::FixedBy::Auto,
                    std::string reason = {}, std::optional<Error> problem = {});
    bool stopping() const;
    // Sleeps until the delay passed, stop() or a hot-plug hint; true unless stopping.
    bool wait(std::chrono::milliseconds delay);

    sam::SamLinkOpener m_opener;
    SamReaderOptions m_options;

    // Shared with other threads.
    mutable std::mutex m_mutex; // guards the fields below up to m_sink
    std::condition_variable m_wake_up;
    bool m_stopping = false;
    bool m_woken = false;       // device_arrived(): skip the current back-off
    bool m_device_left = false; // device_left(): drop the link at the next step
    domain::DeviceStatus m_status;
    bool m_status_reported = false;
    std::optional<Error> m_problem;
    sam::SamLink* m_live_link = nullptr; // what stop()/device_left() may interrupt

    EventSink<IdCardEvent> m_sink; // stop() detaches it: waits for a call in flight unless it is the caller

    // Owner thread only.
    std::unique_ptr<sam::SamLink> m_link;
    bool m_sam_ready = false;
    std::chrono::milliseconds m_sam_backoff{0};
    int m_sam_failures = 0;
    int m_failures = 0; // consecutive failed commands on this link
    Placement m_placement = Placement::None;

    std::thread m_thread;
};

// Blocking helper for the CLI, built on the same path: starts a SamReader, waits for the first card
// and returns its identity. A failed read is returned as its error; an absent or broken reader
// (not one that is warming up) fails at once; no card within `timeout` is ErrorCode::Timeout.
Result<domain::Identity> read_one_card(sam::SamLinkOpener opener, SamReaderOptions options,
                                       std::chrono::milliseconds timeout);

} // namespace kiosk::drivers
