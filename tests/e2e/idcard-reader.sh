#!/usr/bin/env bash
# idcard-reader.sh KIOSK EMULATOR OUT_DIR
# The kiosk with its real ID-card driver (backend sam-serial) on the pty of the wire-level reader
# emulator, in a real X window under Xvfb: a card placed on the emulated reader reaches the home
# scene as a greeting (screenshot), the card is removed mid-session and the session carries on, the
# reader is unplugged and the log says "absent" — with no personal data in the log.
set -euo pipefail
kiosk=$1 emulator=$2 out=$3
repo=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out" && mkdir -p "$out"

fail() {
    echo "FAIL: $*"
    echo "--- trace"; cat "$out/trace.txt" 2>/dev/null || true
    echo "--- kiosk log (last 20 lines)"; tail -20 "$out/kiosk.log" 2>/dev/null || true
    echo "--- emulator"; tail -20 "$out/emulator.txt" 2>/dev/null || true
    exit 1
}

# The emulator, driven through a FIFO on its stdin (opened read-write so it never sees EOF).
mkfifo "$out/control"
"$emulator" --script "$repo/tests/fixtures/idcard/scripts/manual-resident.json" --link "$out/ttyREADER" \
    --replug-after-ms 60000 <>"$out/control" >"$out/emulator.txt" 2>&1 &
emulator_pid=$!
xvfb_pid="" kiosk_pid=""
cleanup() {
    for pid in $kiosk_pid $xvfb_pid $emulator_pid; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
for _ in $(seq 100); do [[ -L $out/ttyREADER ]] && break; sleep 0.1; done
[[ -L $out/ttyREADER ]] || fail "the emulator made no pty"

python3 - "$repo" "$out" <<'PY'
import json, sys
repo, out = sys.argv[1], sys.argv[2]
config = json.load(open(repo + "/data/config/kiosk.json"))
config["paths"] = {"catalog": repo + "/data/catalog/sample-catalog.json",
                   "strings": repo + "/data/i18n/strings.json", "templates": repo + "/data/templates", "database": out + "/kiosk.db"}
config["devices"]["idcard"] = {"backend": "sam-serial", "device": out + "/ttyREADER", "baud": 115200}
config["demo_mode"] = False
json.dump(config, open(out + "/kiosk.json", "w"), ensure_ascii=False)
PY

Xvfb -displayfd 5 -screen 0 1920x1080x24 -nolisten tcp 5>"$out/display" 2>"$out/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [[ -s $out/display ]] && break; sleep 0.1; done
[[ -s $out/display ]] || fail "Xvfb did not start"
export DISPLAY=":$(head -1 "$out/display")"
SDL_VIDEODRIVER=x11 "$kiosk" --config "$out/kiosk.json" --trace-scenes >"$out/trace.txt" 2>"$out/kiosk.log" &
kiosk_pid=$!

wait_for_scene() {
    for _ in $(seq 150); do
        [[ $(grep '^scene ' "$out/trace.txt" | tail -1) == "$1" ]] && return 0
        kill -0 "$kiosk_pid" 2>/dev/null || fail "kiosk exited while waiting for '$1'"
        sleep 0.1
    done
    fail "expected '$1'"
}
wait_for_log() {
    for _ in $(seq 150); do
        grep -q "$1" "$out/kiosk.log" && return 0
        sleep 0.1
    done
    fail "expected '$1' in the kiosk log"
}

wait_for_scene "scene attract"
wait_for_log "idcard reader: opened serial"
echo "place 0" >"$out/control"
wait_for_scene "scene home"
sleep 0.5
import -window root "$out/home-greeting.png"
echo "remove" >"$out/control"
sleep 1.5
[[ $(grep '^scene ' "$out/trace.txt" | tail -1) == "scene home" ]] || fail "removing the card left the home scene"
echo "unplug" >"$out/control"
wait_for_log "idcard reader: absent"

# The cardholder of one-resident.json must not appear in the log.
python3 - "$repo" "$out" <<'PY' || fail "personal data in the kiosk log"
import json, sys
repo, out = sys.argv[1], sys.argv[2]
card = json.load(open(repo + "/tests/fixtures/idcard/scripts/manual-resident.json"))["cards"][0]
log = open(out + "/kiosk.log", encoding="utf-8", errors="replace").read()
leaks = [k for k in ("name", "id_number", "address") if card.get(k) and card[k] in log]
sys.exit(1 if leaks else 0)
PY
# The greeting names the cardholder: the screenshot is not blank (more than a few colours).
colours=$(convert "$out/home-greeting.png" -format %k info:)
((colours > 50)) || fail "home screenshot looks blank ($colours colours)"
echo "idcard reader e2e: card → home greeting ($out/home-greeting.png), removal kept the session, unplug → absent"
