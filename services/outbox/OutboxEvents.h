#pragma once
// What the uploader tells the rest of the kiosk (status bar, staff screen, the citizen's "queued"
// notice). Typed, one meaning each, no personal data. kiosk forwards them to the UI thread.

#include "core/base/Clock.h"

#include <optional>
#include <string>
#include <variant>

namespace kiosk::outbox {

enum class UploaderState {
    Starting,          // the outbox is being opened
    Idle,              // nothing to send now: every application reached the hub, or waits for its own
                       // next attempt (UploaderStatus::retrying) or for staff (refused, held)
    Sending,           // talking to the hub
    WaitingForHub,     // the hub could not be reached at all; the whole queue waits for a back-off
    NoHubConfigured,   // hub.url is empty: applications stay sealed in the outbox
    OutboxUnavailable, // the outbox cannot be opened (key, database, folder): staff must act
};
const char* to_string(UploaderState state);

// What kind of trouble the last failure was, for the status bar and the staff screen.
enum class UploaderFailure {
    None,
    HubUnavailable,    // no answer (timeout, refused connection, TLS), a gateway's 502/503/504, 429, the
                       // hub refusing this kiosk (403): the whole queue waits with back-off
    ApplicationFailed, // the hub answered an application with a failure that may pass (5xx, a proxy's
                       // page, kiosk-mismatch …): that one waits for its own retry, the others go on
    HubRefused,        // the hub refused an application in the contract's words: kept for staff (outbox list)
    HeldForStaff, // an application met the same failure UploaderOptions::hold_after times: kept for staff
    Local,        // on the kiosk: outbox key, database, a missing material blob: staff must look
};
const char* to_string(UploaderFailure failure);

struct UploaderStatus {
    UploaderState state = UploaderState::Starting;
    int queued = 0;   // applications sealed and not yet answered by the hub (refused and held are not)
    int blocked = 0;  // of those, ones that cannot be sent (a material blob is missing on the kiosk)
    int retrying = 0; // of those, ones waiting for their own next attempt after a failure
    // Kept whole for staff, out of the queue (kiosk-devctl outbox list / retry / discard): refused by
    // the hub in the contract's words, or held after the same failure again and again.
    int refused = 0, held = 0;
    UploaderFailure last_failure = UploaderFailure::None;
    std::string last_error;               // one line for staff (never personal data); "" when none
    int consecutive_failures = 0;         // passes in a row that got no answer from the hub at all
    std::optional<WallTime> next_attempt; // the next pass: after a back-off, or when one is due

    bool operator==(const UploaderStatus&) const = default;
};

// The hub accepted an application (replay: an earlier attempt had already got through).
struct ApplicationDelivered {
    std::string application_id;
    std::string application_number;
    bool replay = false;
};
// The hub refused an application in the contract's words; reason is the hub's error code and message.
// The application is kept whole, refused, for staff (kiosk-devctl outbox list / retry / discard).
struct ApplicationRefused {
    std::string application_id;
    std::string reason;
};
struct UploaderStatusChanged {
    UploaderStatus status;
};

using OutboxEvent = std::variant<ApplicationDelivered, ApplicationRefused, UploaderStatusChanged>;

} // namespace kiosk::outbox
