#!/usr/bin/env bash
# kiosk-stop-keeps-confirmation.sh DEVCTL KIOSK KIOSKCTL OUT_DIR: a kiosk that stops soon after its first
# frame (here after 2.5 s: its health check has decided once every device reported, which a loaded
# machine may take past the first frame; in the field, the re-start that applies a bundle between
# citizens) still confirms the bundle it started on trial, and stops cleanly. The store worker's tasks — the health
# check's confirmation among them — used to be dropped or to run on members already destroyed (a
# double free in about one stop in ten; found by scripts/bundle-soak). To make it happen every time, the
# store worker is kept busy at the first frame: strace delays each fdatasync (SQLite's commit of the
# audit row the kiosk writes at start) by 2 s, so the confirmation waits behind it when the kiosk stops.
set -euo pipefail
devctl=$1 kiosk=$2 kioskctl=$3 out=$4
repo=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out" && mkdir -p "$out"
fail() { echo "FAIL: $*"; exit 1; }
command -v strace >/dev/null || fail "strace is missing (scripts/packages.txt)"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy

# shellcheck source=tests/e2e/lib/bundle-kiosk.sh
. "$repo/tests/e2e/lib/bundle-kiosk.sh"
bundle_kiosk_config
# The store made once (its migrations are many commits), on the factory content.
"$kiosk" --config "$out/kiosk.json" --exit-after-first-frame >/dev/null 2>"$out/first.log" ||
    fail "the first start: $(tail -3 "$out/first.log")"
"$repo/scripts/sample-bundle" "$out/sample.owcb" --version 2 --kioskctl "$kioskctl" >/dev/null
"$devctl" bundle install "$out/sample.owcb" --config "$out/kiosk.json" --staff 2001 --kiosk "$kiosk" \
    >/dev/null 2>"$out/install.err" || fail "install: $(cat "$out/install.err")"

set +e
strace -f -qq -o /dev/null -e trace=fdatasync -e inject=fdatasync:delay_enter=2000000 \
    "$kiosk" --config "$out/kiosk.json" --exit-after-ms 2500 >/dev/null 2>"$out/kiosk.log"
ran=$?
set -e
[[ $ran -eq 0 ]] || fail "the kiosk ended with $ran: $(grep -v ' device' "$out/kiosk.log" | tail -3)"
grep -q "content: a (catalog .*on trial" "$out/kiosk.log" || fail "not started on slot a on trial: $(grep content "$out/kiosk.log")"
"$devctl" bundle status --config "$out/kiosk.json" --json >"$out/status.json"
python3 - "$out/status.json" <<'PY' || fail "the confirmation was lost: $(cat "$out/status.json")"
import json, sys
status = json.load(open(sys.argv[1]))
assert status["current"] == "a" and status["a"]["status"] == "good", status
PY
echo "kiosk stop: the slot on trial confirmed before the kiosk stopped, exit 0"
