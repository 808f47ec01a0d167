#pragma once
// The kiosk's configuration: options structs with in-class defaults, filled from one JSON file by
// exactly one parser (parse_config). Unknown keys and wrong types are errors, not silent defaults.

#include "core/base/LocalizedText.h"
#include "core/base/Result.h"

#include <array>
#include <string>
#include <vector>

namespace kiosk {

struct DisplayOptions {
    int width = 1920;      // px, landscape default; portrait swaps to 1080x1920
    int height = 1080;     // px
    bool portrait = false; // 1080x1920 cabinet
    bool fullscreen = false;
    std::string font_regular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    std::string font_bold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
    int font_face_index = 2; // face 2 of the Noto CJK collections is "Noto Sans CJK SC"
    // "software": SDL's software renderer straight into the window (no GL stack: ~60 MB lighter, and
    // faster than Mesa's llvmpipe on cabinets without a GPU driver). "gpu": SDL's accelerated renderer.
    std::string renderer = "software";
};

struct SessionOptions {
    int inactivity_warning_s = 60;   // s without a touch before "are you still there?"
    int inactivity_countdown_s = 20; // s of countdown before the session is wiped
    // s a visit identified by an ID card goes on after the card left the reader; then the same
    // countdown, saying the card was taken, and the session is wiped (ui/scenes/InactivityGuard.h).
    // The same card back on the reader before that continues the visit.
    int card_removed_grace_s = 30;
    // s a visit's draft, left by a kiosk that restarted mid-visit, waits for its citizen's card
    // (services/case/CaseDrafts.h); older drafts are deleted.
    int resume_within_s = 600;
};

// When the hall serves (hall.opening_hours, hall.closed_dates; services/staff/mode/OpeningHours.h).
// Checked when the config is parsed: day names, HH:MM times, close after open, no two periods of the
// same day overlapping, real dates.
struct OpeningPeriod {
    unsigned days = 0;    // bit d set: open on weekday d (0 = Sunday … 6 = Saturday, as CivilTime)
    int open_minute = 0;  // minutes after local midnight, 0..1439
    int close_minute = 0; // minutes after local midnight, open_minute < close_minute ≤ 1440 ("24:00")
    bool operator==(const OpeningPeriod&) const = default;
};
struct OpeningHoursOptions {
    std::vector<OpeningPeriod> weekly;     // empty: always open
    std::vector<std::string> closed_dates; // "YYYY-MM-DD", local dates the hall is closed (public holidays)
};

struct HallOptions {
    LocalizedText name{"市民服务中心", "Citizen Service Centre"};
    std::string phone = "12345";
    LocalizedText address; // printed on receipts and checklists; may be empty
    std::vector<LocalizedText> announcements;
    OpeningHoursOptions opening_hours;
};

// One device: which backend drives it and where it is. Backends: "sim" (in-process simulator) for
// every device; ID-card reader: "sam-serial" (device = tty path) or "sam-usb" (device = "VID:PID"
// list, empty for the known readers); printers: "cups" (device = queue name, server = CUPS server);
// scanner: "sane" (device = SANE device name, e.g. "genesys:libusb:001:004"; test rig: "test:0").
struct DeviceOptions {
    std::string backend = "sim";
    std::string device; // path, SANE name, CUPS queue or USB ids; empty for the simulator
    int baud = 115200;  // serial backends: 115200, 57600, 38400, 19200 or 9600 bit/s
    // ID-card reader: the vendor photo decoder plugin (drivers/idcard/WltDecoder.h); empty: no photo.
    std::string photo_decoder;
    // Printers on "cups": the scheduler ("localhost:631", a socket path); empty: libcups's default
    // (CUPS_SERVER, then the local scheduler).
    std::string server;
};

struct DevicesOptions {
    DeviceOptions idcard;
    DeviceOptions scanner;
    DeviceOptions qr;
    DeviceOptions receipt_printer;
    DeviceOptions a4_printer;
};

// Relative paths are resolved against the folder of the config file.
struct PathsOptions {
    // The factory content (kiosk/content/Content.h): either a content folder, read-only in the image,
    // whose content.json names the parts — or, when content is "", the three parts named here.
    std::string content;
    std::string catalog = "../catalog/sample-catalog.json";
    std::string strings = "../i18n/strings.json";
    std::string templates = "../templates"; // print templates (data/templates/README.md)
    // Where installed config bundles live: <config_slots>/config/{a,b,current,state.json}
    // (docs/ConfigSlots.md). "" (development trees, tests): no slots, the factory content only.
    // Needs content: a bundle falls back to a factory folder.
    std::string config_slots;
    std::string database = "/var/lib/onewindow/kiosk.db";
    // The current citizen's scanned materials, wiped when the session ends: tmpfs (or an encrypted
    // volume) on a kiosk, since the wipe unlinks files but cannot overwrite freed flash blocks.
    std::string scans = "/run/onewindow/scans";
    // The current visit's draft, encrypted under the outbox key, so a kiosk restarted mid-visit can
    // offer the citizen to continue (services/case/CaseDrafts.h): persistent storage, mode 0700.
    std::string drafts = "/var/lib/onewindow/drafts";
};

// What a scanned QR payload may be (core/domain/QrPayload.h maps onto these).
struct QrPayloadOptions {
    // Our query page, https, no trailing '/': receipts print <receipt_base_url>/q/<token>.
    std::string receipt_base_url;
    // https link prefixes the kiosk may offer to open; every other link is shown as plain text.
    std::vector<std::string> url_allowlist;
};

// The kiosk-hub, the common platform applications go to (hub/openapi.yaml). Mutual TLS:
// the hub's certificate is checked against ca_file only, ours (CN "kiosk:<kiosk_id>") is cert_file.
// No url: no hub is configured; applications are still sealed into the outbox and wait there.
struct HubOptions {
    std::string url;               // "https://hub.hall.example:8443" (https only, no path); empty: no hub
    std::string ca_file;           // the hall CA (PEM): the only CA trusted for the hub's certificate
    std::string cert_file;         // this kiosk's client certificate (PEM)
    std::string key_file;          // its private key (PEM)
    int connect_timeout_ms = 5000; // ms to connect, TLS handshake included
    int read_timeout_ms = 30000;   // ms without a byte from the hub before a request fails
};

// Where sealed applications wait for the hub (services/outbox/Outbox.h).
struct OutboxOptions {
    std::string dir = "/var/lib/onewindow/outbox"; // encrypted materials under <dir>/blobs
    // The provisioning key: 32 bytes, raw or as 64 hex characters (services/outbox/SecretBox.h).
    std::string key_file = "/etc/onewindow/outbox.key";
};

// Hall staff and maintenance mode (docs/Maintenance.md "Staff credentials"). Staff ids are
// [A-Za-z0-9-]{1,32}; roles are the words of core/domain/StaffRole.h ("duty", "hall-it", "engineer").
struct StaffBadgeKey {
    std::string id;                             // "hall-2026": the key id ("kid") badges name
    std::array<unsigned char, 32> public_key{}; // Ed25519, 64 hex characters in the file
};
struct StaffPin {
    std::string id; // "S1024": the staff number typed on the pad
    LocalizedText name;
    std::string role;
    std::string pin_hash; // libsodium crypto_pwhash_str, Argon2id only ("$argon2id$…")
};
struct StaffOptions {
    std::vector<StaffBadgeKey> badge_keys;  // several during a key rotation, each by its id
    std::vector<std::string> revoked_staff; // staff ids whose badges are refused, however signed
    std::vector<StaffPin> pins;
    // s without a touch before a staff session ends; shorter than a citizen's warning + countdown
    int session_timeout_s = 45;
    bool session_timeout_set = false; // the file set it; unset, it follows a citizen's (parse_config)
    int lockout_tries = 5;            // wrong PINs in a row (whatever the staff id) that lock the pad
    int lockout_s = 300;              // s the pad stays locked
};

// Paper and toner (docs/Maintenance.md "Consumables and their forecast"): what a full load holds and
// when staff are warned (low) or the printer is withdrawn (out), in percent of a full load left.
struct ConsumableThresholds {
    int low_percent = 15; // % left at or below which staff are warned; the printer keeps printing
    int out_percent = 2;  // % left at or below which the printer is withdrawn (< low_percent)
};
struct ConsumablesOptions {
    // mm of paper on a full receipt roll. 80000: the common 80 mm x 80 m kiosk roll (about 80 mm
    // across); printers with a large holder take 150 mm rolls of 200-300 m: set the roll the hall buys.
    int receipt_roll_mm = 80000;
    int receipt_feed_mm = 12; // mm a receipt uses besides its printed page: fed past the cutter and cut
    int a4_tray_sheets = 250; // sheets a full A4 tray holds (one ream is 500)
    ConsumableThresholds receipt_paper;
    ConsumableThresholds a4_paper;
    ConsumableThresholds toner; // as the A4 printer reports it (CUPS marker-levels); not counted
};

// Signed config bundles (docs/ConfigBundles.md "Keys on the kiosk"): minisign public keys ("RW…", 56
// characters) whose bundles are accepted, and key ids (up to 16 hex digits, as minisign prints them) refused.
struct BundleOptions {
    std::vector<std::string> trusted_keys; // several during a key rotation
    std::vector<std::string> revoked_keys; // refused whatever they signed, trusted or not
};

struct KioskOptions {
    std::string kiosk_id = "kiosk-001";
    Language default_language = Language::ZhCN;
    bool demo_mode = false; // shows the simulator keys on screen
    DisplayOptions display;
    SessionOptions session;
    HallOptions hall;
    DevicesOptions devices;
    PathsOptions paths;
    QrPayloadOptions qr_payloads;
    HubOptions hub;
    OutboxOptions outbox;
    StaffOptions staff;
    ConsumablesOptions consumables;
    BundleOptions bundles;
};

// origin names the text in error messages (usually the file path).
Result<KioskOptions> parse_config(std::string_view json_text, std::string_view origin);
Result<KioskOptions> load_config(const std::string& path);

// The part of the config a signed bundle may set from afar (docs/ConfigBundles.md): default_language,
// session, hall, qr_payloads, staff (not its badge_keys) and consumables. Each section the text names
// replaces the kiosk's own whole; the kiosk's identity, devices, paths, hub, outbox and keys (bundles, staff
// badge keys) are refused. On error options are unchanged.
Result<void> apply_remote_config(std::string_view json_text, std::string_view origin, KioskOptions& options);

// Reads a whole file; errors name the path.
Result<std::string> read_file(const std::string& path);

} // namespace kiosk
