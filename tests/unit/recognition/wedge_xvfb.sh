#!/usr/bin/env bash
# A keyboard-wedge scanner against a person, under a private Xvfb: xdotool types a receipt token at
# 5 ms per key (a scanner) and a word at 150 ms per key (a person), each ended by Enter, into
# wedge-harness; WedgeBurst must call the first a scan and the second typing.
#   wedge_xvfb.sh WEDGE_HARNESS WORK_DIR
set -euo pipefail
harness=$1
work=$2
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; echo "--- harness output:"; cat "$work/out.txt" 2>/dev/null || true; exit 1; }
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

Xvfb -displayfd 5 -screen 0 640x480x24 -nolisten tcp 5>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
for _ in $(seq 100); do [[ -s $work/display ]] && break; sleep 0.05; done
[[ -s $work/display ]] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=:$(head -n1 "$work/display")

RUN_MS=20000 stdbuf -oL "$harness" >"$work/out.txt" 2>&1 &
pids+=($!)
wait_for() { # PATTERN: the harness printed a line matching it within 10 s
    for _ in $(seq 200); do grep -q "$1" "$work/out.txt" 2>/dev/null && return 0; sleep 0.05; done
    fail "no line matching '$1'"
}
wait_for '^READY'
for _ in $(seq 100); do xdotool search --name '^wedge$' >/dev/null 2>&1 && break; sleep 0.05; done
xdotool search --name '^wedge$' >/dev/null || fail "no wedge window"

# A carriage return is the Return key to xdotool type (a "\n" is Linefeed, which SDL ignores).
xdotool type --delay 5 $'OW1-7KQ2-M9XD-4TPA-Z3R8\r'
wait_for '^SCAN OW1-7KQ2-M9XD-4TPA-Z3R8$'
xdotool type --delay 150 $'HELLO123\r'
wait_for '^TYPED HELLO123$'
xdotool type --delay 5 $'6901234567892\r'
wait_for '^SCAN 6901234567892$'
grep -q '^SCAN HELLO123' "$work/out.txt" && fail "typing was taken for a scan"
xdotool key Escape
echo "ok: $(tr '\r' '|' <"$work/out.txt")"
