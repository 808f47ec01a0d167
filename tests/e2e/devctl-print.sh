#!/usr/bin/env bash
# devctl-print.sh DEVCTL OUT_DIR   (inside with-print-rig.sh: PRINT_RIG_DIR is a running rig)
# The printing commands of kiosk-devctl as staff and outside checks use them: render (and its clear
# errors that leave no file), submit and test-page through cupsd to the virtual printers, printer
# status on a healthy and on a paper-less printer, and the ledger's reprint rule.
set -euo pipefail
devctl=$1 out=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
rig=${PRINT_RIG_DIR:?run me under with-print-rig.sh}
rm -rf "$out" && mkdir -p "$out"
set -a
. "$rig/env"
set +a
fail() { echo "FAIL: $*"; exit 1; }
expect_exit() { # expect_exit CODE COMMAND...
    local want=$1 got=0
    shift
    "$@" >"$out/stdout" 2>"$out/stderr" || got=$?
    ((got == want)) || fail "exit $got, not $want: $* ($(cat "$out/stderr"))"
}

# render: a PDF with the Chinese text and the application number; errors leave no file
expect_exit 0 "$devctl" print render --template receipt --data "$repo/data/templates/samples/receipt.json" --out "$out/r.pdf"
text=$(pdftotext "$out/r.pdf" - | tr -d ' \n')
[[ $text == *受理回执* && $text == *SL20240520-0001234* ]] || fail "the receipt lacks its title or number"
[[ $text != *110102199208150046* ]] || fail "the ID number is printed unmasked"
expect_exit 2 "$devctl" print render --template no-such --data "$repo/data/templates/samples/receipt.json" --out "$out/x.pdf"
grep -q "no template 'no-such'" "$out/stderr" || fail "unknown template not named: $(cat "$out/stderr")"
echo '{"hall": {"name": "x"}}' >"$out/partial.json"
expect_exit 1 "$devctl" print render --template receipt --data "$out/partial.json" --out "$out/x.pdf"
grep -q "no such data" "$out/stderr" || fail "missing data not said: $(cat "$out/stderr")"
echo 'not json' >"$out/bad.json"
expect_exit 2 "$devctl" print render --template receipt --data "$out/bad.json" --out "$out/x.pdf"
[[ ! -e $out/x.pdf ]] || fail "a failed render left a file"

# submit and test-page reach the virtual printers
expect_exit 0 "$devctl" print submit --queue kiosk-receipt "$out/r.pdf"
grep -q "completed in" "$out/stdout" || fail "submit did not say it completed: $(cat "$out/stdout")"
ls "$rig"/out-kiosk-receipt/*.pdf >/dev/null || fail "nothing reached the receipt printer"
expect_exit 0 "$devctl" print test-page --queue kiosk-a4
a4=$(ls -t "$rig"/out-kiosk-a4/*.pdf | head -1)
[[ $(pdftotext "$a4" - | tr -d ' \n') == *打印测试页* ]] || fail "the A4 test page lacks its title"
[[ $(pdfinfo "$a4") == *"(A4)"* ]] || fail "the A4 test page is not on A4"
expect_exit 2 "$devctl" print submit --queue kiosk-a4 "$out/bad.json"

# status: ready, then paper out (exit 1, hall staff)
expect_exit 0 "$devctl" printer status --queue kiosk-a4 --json
python3 - "$out/stdout" <<'PY' || fail "status JSON"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["state"] == "ready" and s["queue"] == "kiosk-a4" and s["accepting_jobs"] is True, s
for key in ("reason", "fixed_by", "consumables", "printer_state", "printer_state_reasons", "device_uri"):
    assert key in s, key
PY
"$repo/scripts/print-rig" fault "$rig" kiosk-a4 paper-out >/dev/null
sleep 1
expect_exit 1 "$devctl" printer status --queue kiosk-a4 --json
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); assert (s["state"], s["reason"], s["fixed_by"]) == ("fault", "media-empty", "hall_staff"), s' "$out/stdout" ||
    fail "paper out is not a fault for hall staff: $(cat "$out/stdout")"
"$repo/scripts/print-rig" fault "$rig" kiosk-a4 refill >/dev/null
expect_exit 1 "$devctl" printer status --queue no-such-queue

# the ledger: a certificate never printed cannot be "reprinted"
expect_exit 0 "$devctl" print ledger --database "$out/kiosk.db" --json
expect_exit 1 "$devctl" print authorise-reprint --database "$out/kiosk.db" --certificate C-1 --staff s-1 --reason lost
grep -q "has not been printed" "$out/stderr" || fail "reprint of an unprinted certificate: $(cat "$out/stderr")"
echo "kiosk-devctl printing OK"
