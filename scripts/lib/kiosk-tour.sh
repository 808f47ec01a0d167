# shellcheck shell=bash
# repo, out and kiosk_pid are the sourcing tour's, xvfb_pid is for it (see below).
# shellcheck disable=SC2154,SC2034
# Sourced by scripts/citizen-tour and scripts/staff-tour: the kiosk in a real X window under its own
# Xvfb, driven with xdotool, and the citizen's application steps both tours take.
# The tour sets before sourcing: repo (the repository), out (its folder: the config, trace.txt,
# kiosk.log and the screenshots go there) and a fail function (prints why and exits 1). Once the
# kiosk runs, kiosk_pid is its process id. Coordinates are of the 1920x1080 screen; the window sits at
# 0,0 (no window manager).

# tour_config: writes $out/kiosk.json, the repository's config with the tour's own database, scans,
# drafts, outbox and key, and a long citizen inactivity timeout (a slow machine is not a citizen
# walking away).
tour_config() {
    python3 - "$repo" "$out" <<'PY'
import json, sys
repo, out = sys.argv[1], sys.argv[2]
config = json.load(open(repo + "/data/config/kiosk.json"))
config["paths"] = {"catalog": repo + "/data/catalog/sample-catalog.json",
                   "strings": repo + "/data/i18n/strings.json", "templates": repo + "/data/templates", "database": out + "/kiosk.db",
                   "scans": out + "/scans", "drafts": out + "/drafts"}
config["session"] = {"inactivity_warning_s": 600, "inactivity_countdown_s": 20}
config["outbox"] = {"dir": out + "/outbox", "key_file": out + "/outbox.key"}
json.dump(config, open(out + "/kiosk.json", "w"), ensure_ascii=False)
PY
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$out/outbox.key" # the outbox's provisioning key
    chmod 600 "$out/outbox.key" # else the kiosk goes out of service (core/base/SecretFile.h)
}

# tour_devices NAME JSON…: sets devices.NAME to JSON in $out/kiosk.json, for each pair.
tour_devices() {
    python3 - "$out" "$@" <<'PY'
import json, sys
out, pairs = sys.argv[1], sys.argv[2:]
config = json.load(open(out + "/kiosk.json"))
for name, value in zip(pairs[0::2], pairs[1::2]):
    config["devices"][name] = json.loads(value)
json.dump(config, open(out + "/kiosk.json", "w"), ensure_ascii=False)
PY
}

# tour_rig_printers RIG: the receipt and A4 printers are the queues of a running scripts/print-rig.
tour_rig_printers() {
    local server
    server=$(sed -n 's/^CUPS_SERVER=//p' "$1/env")
    [[ -n $server ]] || fail "$1/env names no CUPS_SERVER: is the print rig running?"
    tour_devices receipt_printer "{\"backend\": \"cups\", \"device\": \"kiosk-receipt\", \"server\": \"$server\"}" \
        a4_printer "{\"backend\": \"cups\", \"device\": \"kiosk-a4\", \"server\": \"$server\"}"
}

# tour_documents: the documents the simulated scanner's glass gets (scripts/demo-documents) in
# $out/glass. They take a loaded machine 10 to 20 s to render, so they are made once in
# .tour-documents next to $out (demo-documents remakes them when its sources change) and copied; a
# lock keeps tours run side by side from writing them at once.
tour_documents() {
    local cache
    cache="$(dirname "$out")/.tour-documents"
    mkdir -p "$cache"
    flock "$cache/.lock" "$repo/scripts/demo-documents" "$cache/glass" >/dev/null ||
        fail "cannot make the demo documents"
    flock -s "$cache/.lock" cp -r "$cache/glass" "$out/glass" || fail "cannot copy the demo documents"
}

# tour_display: starts Xvfb (its pid in xvfb_pid) and exports its DISPLAY.
tour_display() {
    Xvfb -displayfd 5 -screen 0 1920x1080x24 -nolisten tcp 5>"$out/display" 2>"$out/xvfb.log" &
    xvfb_pid=$!
    for _ in $(seq 100); do [[ -s $out/display ]] && break; sleep 0.1; done
    [[ -s $out/display ]] || fail "Xvfb did not start: $(cat "$out/xvfb.log")"
    DISPLAY=":$(head -1 "$out/display")"
    export DISPLAY
}

# tour_window: waits up to 10 s for the kiosk's window.
tour_window() {
    local window=""
    for _ in $(seq 100); do
        window=$(xdotool search --name 'OneWindow' 2>/dev/null | head -1 || true)
        [[ -n $window ]] && return 0
        sleep 0.1
    done
    fail "no kiosk window"
}

# screenshot NAME: the real window as $out/NN-NAME.png, numbered in order.
shots=0
screenshot() {
    shots=$((shots + 1))
    import -window root "$out/$(printf %02d $shots)-$1.png"
}
# shot NAME: a screenshot once the last tap's frame is drawn.
shot() { sleep 0.3; screenshot "$1"; }
tap() { xdotool mousemove "$1" "$2" click 1; sleep 0.3; }

# wait_for LINE: the trace shows LINE as its latest scene within 10 s; then a screenshot of it.
wait_for() {
    for _ in $(seq 100); do
        if [[ $(grep '^scene ' "$out/trace.txt" | tail -1) == "$1" ]]; then
            sleep 0.3 # the frame after the scene change
            screenshot "${1#scene }"
            return 0
        fi
        kill -0 "$kiosk_pid" 2>/dev/null || fail "kiosk exited while waiting for '$1'"
        sleep 0.1
    done
    fail "expected '$1'"
}
# wait_log TEXT [SECONDS]: the kiosk logs TEXT within SECONDS (15 unless told).
wait_log() {
    for _ in $(seq $((${2:-15} * 10))); do
        grep -qF "$1" "$out/kiosk.log" && return 0
        kill -0 "$kiosk_pid" 2>/dev/null || fail "kiosk exited while waiting for '$1' in the log"
        sleep 0.1
    done
    fail "the log never said '$1'"
}
scene_lines() { wc -l <"$out/trace.txt"; }
# scenes_since LINES: the scene changes traced after the trace had LINES lines.
scenes_since() { tail -n +"$(($1 + 1))" "$out/trace.txt" | grep '^scene ' || true; }

# tour_stop: ends the kiosk and checks that each screenshot shows the real window (not a blank or
# black frame). Counted on every fourth pixel (-sample keeps the frame's own colours; the screens have
# 400 and more there): the whole frame takes a loaded machine 0.4 s a screenshot.
tour_stop() {
    kill "$kiosk_pid"
    wait "$kiosk_pid" 2>/dev/null || true
    kiosk_pid=""
    local colours png
    for png in "$out"/[0-9][0-9]-*.png; do
        colours=$(/usr/bin/convert "$png" -sample 25% -format '%k' info:)
        ((colours > 50)) || fail "$png has only $colours colours"
    done
}

# The citizen's application (the kiosk started with --demo and --demo-documents, the simulated or
# emulated reader, the simulated scanner). OCR on a busy machine takes its time: 90 s per verdict.

# card_reads: the ID cards the kiosk has read (its store counter device.idcard_reader.uses, written
# once the card's event has reached the screens); 0 while the store is busy.
card_reads() {
    sqlite3 "$out/kiosk.db" "SELECT coalesce(max(value), 0) FROM counters WHERE name = 'device.idcard_reader.uses'" \
        2>/dev/null || echo 0
}
# citizen_apply: on the home screen, the reader (simulated or emulated) reads card 0 (demo key F1)
# within 15 s, the citizen starts, picks the newborn package and applies: the scan screen.
citizen_apply() {
    local before
    before=$(card_reads)
    xdotool key F1
    for _ in $(seq 150); do
        (($(card_reads) > before)) && break
        kill -0 "$kiosk_pid" 2>/dev/null || fail "kiosk exited while waiting for the card"
        sleep 0.1
    done
    (($(card_reads) > before)) || fail "the reader read no card within 15 s of F1"
    shot home-greeting
    tap 960 547 # "start": identified, to the catalog
    wait_for "scene catalog"
    tap 900 430 # the newborn package
    wait_for "scene checklist"
    tap 1324 802 # "apply now"
    wait_for "scene scan"
}

# citizen_scan: each material on the simulated scanner (demo key F7 puts the next generated document
# on its glass: the right one, then a wrong one), the wrong one refused; four materials stored.
citizen_scan() {
    xdotool key F7 # the birth certificate on the scanner's glass
    tap 1610 805   # "start scan"
    wait_log "material birth_medical_certificate page 1 matches" 90
    shot scan-birth-certificate-checked
    tap 1610 805 # "next document": the marriage certificate (if it applies)
    xdotool key F7 # … but the household register lies on the glass
    tap 1610 805
    wait_log "material marriage_certificate page 1 does_not_match" 90
    shot scan-wrong-document
    tap 400 637 # the household register, in the list
    tap 1610 805
    wait_log "material household_register page 1 matches" 90
    shot scan-household-register-checked
    tap 1610 805 # "next material": the photo, which the kiosk cannot check
    tap 1610 805 # "start scan" (whatever lies on the glass: the citizen vouches for it)
    wait_log "material photo page 1 stored, not checked" 90
    local pdfs
    pdfs=$(find "$out/scans" -name '*.pdf' | wc -l)
    ((pdfs == 4)) || fail "expected 4 materials stored in $out/scans, found $pdfs"
    tap 412 804 # "next step" (the newborn's birth date was read from the scan)
    wait_for "scene form"
}

# citizen_fill_form: on the form, the newborn's name in pinyin on the on-screen keyboard, a phone
# number on the keypad and a relationship.
citizen_fill_form() {
    local key
    for key in "1027 702" "1443 606" "923 606" "1547 702" "1339 606" "1027 606" "923 606" "1547 702"; do
        tap "${key% *}" "${key#* }" # z h a n g s a n on the pinyin keys
    done
    tap 1677 798 # "done": the first candidate, 张三, and on to the phone number
    for key in "950 412" "1470 412" "1210 644" "1210 760" "1210 760" "950 412" "1470 412" "1210 644" \
        "1210 760" "1210 760" "1210 760"; do
        tap "${key% *}" "${key#* }" # 13800138000 on the keypad
    done
    tap 1730 586 # "done": on to the relationship
    tap 1340 396 # its first choice
    shot form-filled
}

# citizen_submit: reviews, agrees and submits; the application is sealed into the outbox (no hub
# here: the screen says "queued").
citizen_submit() {
    tap 412 804 # "review and submit"
    wait_for "scene confirm"
    tap 1504 680 # "I have read and agree"
    tap 1504 804 # "submit"
    wait_log "submissions: " 90
    grep -q "sealed in" "$out/kiosk.log" || fail "the application was not sealed: $(grep submissions "$out/kiosk.log")"
}

# The acceptance receipt on the print rig's receipt queue (scripts/print-rig).
# receipts RIG: the PDFs the rig's receipt printer has printed. [!.]: the rig's print command writes
# .NAME first and renames it; this glob does not see .NAME.
receipts() { find "$1/out-kiosk-receipt" -name '[!.]*.pdf' 2>/dev/null | wc -l; }
# await_receipt RIG BEFORE: within 10 s the rig has more than BEFORE receipts and the newest is an
# acceptance receipt; its path in receipt.
receipt=""
await_receipt() {
    receipt=""
    for _ in $(seq 100); do
        if (($(receipts "$1") > $2)); then
            receipt=$(find "$1/out-kiosk-receipt" -name '[!.]*.pdf' -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
            pdftotext "$receipt" - 2>/dev/null | tr -d ' \n' | grep -q 受理回执 && return 0
            receipt=""
        fi
        kill -0 "$kiosk_pid" 2>/dev/null || fail "kiosk exited while waiting for the receipt"
        sleep 0.1
    done
    fail "no acceptance receipt reached the virtual receipt printer in $1/out-kiosk-receipt"
}
# check_receipt PDF: the receipt is the one of the application just sealed: it names the newborn
# package, its QR code holds the query token whose SHA-256 the outbox keeps for that application
# (schema 6: never the token itself), and the print ledger booked it under that application. The
# receipt carries the citizen's name and masked ID number: nothing of its text goes to the test's log.
check_receipt() {
    local text token_hash application printed_hash reference
    text=$(pdftotext "$1" - | tr -d ' \n')
    [[ $text == *新生儿出生* ]] || fail "the receipt $1 does not name the newborn package"
    read -r application token_hash < <(sqlite3 -separator ' ' "$out/kiosk.db" \
        "SELECT application_id, query_token_sha256 FROM outbox_applications ORDER BY rowid DESC LIMIT 1")
    [[ ${#token_hash} == 64 ]] || fail "the sealed application has no query token hash"
    pdftoppm -r 300 -gray -png -singlefile "$1" "$out/receipt-page"
    printed_hash=$(zbarimg --raw -q "$out/receipt-page.png" | head -1 | tr -d '\n' | sha256sum | cut -d' ' -f1)
    rm -f "$out/receipt-page.png"
    [[ $printed_hash == "$token_hash" ]] || fail "the receipt's QR code is not the query token of application $application"
    reference=$(sqlite3 "$out/kiosk.db" "SELECT reference FROM print_jobs WHERE kind = 'receipt' ORDER BY id DESC LIMIT 1")
    [[ $reference == "$application" ]] || fail "the print ledger booked the receipt under '$reference', not application $application"
}
