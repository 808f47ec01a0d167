#!/usr/bin/env bash
# qr-wedge.sh KIOSK OUT_DIR
# A keyboard-wedge QR scanner at the kiosk: the kiosk runs in a real X window under Xvfb with
# devices.qr = "wedge", and xdotool types into it as a scanner does (a key every 2 ms, then Enter)
# and as a person does (a key every 150 ms). On the QR identify screen the scanner's burst must be
# taken as a code — our receipt token, told as such — and the person's typing must not.
set -euo pipefail
kiosk=$1 out=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$(realpath -m "$out")
rm -rf "$out" && mkdir -p "$out"

fail() {
    echo "FAIL: $*"
    echo "--- log (last 20 lines)"; tail -20 "$out/kiosk.log" 2>/dev/null || true
    exit 1
}

python3 - "$repo" "$out" <<'PY'
import json, sys
repo, out = sys.argv[1], sys.argv[2]
config = json.load(open(repo + "/data/config/kiosk.json"))
config["paths"] = {"catalog": repo + "/data/catalog/sample-catalog.json", "strings": repo + "/data/i18n/strings.json",
                   "templates": repo + "/data/templates", "database": out + "/kiosk.db", "scans": out + "/scans"}
config["devices"]["qr"] = {"backend": "wedge"}
json.dump(config, open(out + "/kiosk.json", "w"), ensure_ascii=False)
PY

Xvfb -displayfd 5 -screen 0 1920x1080x24 -nolisten tcp 5>"$out/display" 2>"$out/xvfb.log" &
xvfb_pid=$!
kiosk_pid=""
cleanup() {
    [[ -n $kiosk_pid ]] && kill "$kiosk_pid" 2>/dev/null || true
    kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do [[ -s $out/display ]] && break; sleep 0.1; done
[[ -s $out/display ]] || fail "Xvfb did not start: $(cat "$out/xvfb.log")"
export DISPLAY=":$(head -1 "$out/display")"

SDL_VIDEODRIVER=x11 "$kiosk" --config "$out/kiosk.json" --trace-scenes >"$out/trace.txt" 2>"$out/kiosk.log" &
kiosk_pid=$!
wait_for() {
    for _ in $(seq 100); do
        [[ $(grep '^scene ' "$out/trace.txt" | tail -1) == "$1" ]] && { sleep 0.3; return 0; }
        kill -0 "$kiosk_pid" 2>/dev/null || fail "kiosk exited while waiting for '$1'"
        sleep 0.1
    done
    fail "expected '$1'"
}
wait_log() {
    for _ in $(seq 50); do
        grep -qF "$1" "$out/kiosk.log" && return 0
        sleep 0.1
    done
    fail "the log never said '$1'"
}
window=""
for _ in $(seq 100); do
    window=$(xdotool search --name 'OneWindow' 2>/dev/null | head -1 || true)
    [[ -n $window ]] && break
    sleep 0.1
done
[[ -n $window ]] || fail "no kiosk window"
tap() { xdotool mousemove "$1" "$2" click 1; sleep 0.3; }

wait_for "scene attract"
tap 960 540                 # touch to start
wait_for "scene home"
tap 959 492                 # "scan a code"
wait_for "scene identify"
grep -q "device qr_scanner: ready" "$out/kiosk.log" || fail "the wedge scanner is not reported ready"

# The scanner: 23 characters 2 ms apart, then Enter.
xdotool type --delay 2 "OW1-7KQ2-M9XD-4TPA-Z3R8"
xdotool key --delay 2 Return
wait_log "wedge QR: scan of 23 bytes"
sleep 0.5
import -window root "$out/scanned.png"

# A person: the same kind of text, 150 ms a key. Not a code.
xdotool type --delay 150 "hello12345"
xdotool key Return
wait_log "wedge QR: 10 typed bytes ignored"
grep -qF "scan of 10 bytes" "$out/kiosk.log" && fail "typing was taken for a scan"

# The screen told the citizen what the code was: a receipt's query code (the text is in the
# screenshot; the log holds sizes only).
grep -q "OW1-7KQ2" "$out/kiosk.log" && fail "the payload reached the log"
colours=$(/usr/bin/convert "$out/scanned.png" -format '%k' info:)
((colours > 50)) || fail "the screenshot is blank"
echo "qr wedge OK: a 23-byte burst read as a code, 10 typed bytes ignored"
