#!/usr/bin/env bash
# kiosk-devctl service out/in/show and selftest (docs/Maintenance.md) on a scratch store with simulated
# devices: the state staff set is stored and shown, bad input is refused with exit 2 and changes
# nothing, every change is audited with the staff id, and the self-test passes with the simulators,
# fails naming the device and why when a needed printer cannot be reached (a CUPS server nobody runs),
# and serves with withdrawals when only the A4 printer is missing.
set -euo pipefail
devctl=$1 out=$2 source_dir=$3
rm -rf "$out" && mkdir -p "$out"
catalog=$source_dir/data/catalog/sample-catalog.json

fail() { echo "FAIL: $*" >&2; exit 1; }
json_field() { # JSON key-or-index...
    python3 -c 'import json,sys; v=json.loads(sys.argv[1]); [v:=v[int(k) if k.isdigit() else k] for k in sys.argv[2:]]; print(v)' "$@"
}
audit() { python3 -c 'import sqlite3,sys; [print(k, d) for k, d in sqlite3.connect(sys.argv[1]).execute("SELECT kind, detail FROM audit_log ORDER BY id")]' "$out/kiosk.db"; }
expect_exit() { # expected-code command...
    local expected=$1; shift
    set +e; "$@" >"$out/last.out" 2>"$out/last.err"; local code=$?; set -e
    [[ $code == "$expected" ]] || fail "$* exited $code, not $expected: $(cat "$out/last.out" "$out/last.err")"
}

cat >"$out/kiosk.json" <<JSON
{"paths": {"database": "kiosk.db", "catalog": "$catalog"},
 "hall": {"opening_hours": [{"days": "mon-fri", "open": "09:00", "close": "17:00"}]}}
JSON

shown=$("$devctl" service show --config "$out/kiosk.json" --json)
[[ $(json_field "$shown" in_service) == True ]] || fail "a fresh store is not in service: $shown"
[[ $(json_field "$shown" opening_hours en) == "Mon–Fri 9:00–17:00" ]] || fail "opening hours: $shown"

"$devctl" service out --config "$out/kiosk.json" --reason network --notice-zh "网络故障，请到窗口办理" \
    --notice-en "Network down, please go to a counter" --staff S1024 >/dev/null
shown=$("$devctl" service show --config "$out/kiosk.json" --json)
[[ $(json_field "$shown" in_service) == False ]] || fail "not out of service: $shown"
[[ $(json_field "$shown" reason) == network ]] || fail "reason: $shown"
[[ $(json_field "$shown" notice zh-CN) == "网络故障，请到窗口办理" ]] || fail "notice: $shown"
[[ $(json_field "$shown" staff_id) == S1024 ]] || fail "staff: $shown"
"$devctl" service show --config "$out/kiosk.json" | grep -q "out of service, reason network" || fail "text show"

# Refused, and nothing changes.
expect_exit 2 "$devctl" service out --config "$out/kiosk.json" --reason out-of-hours --staff S1024
expect_exit 2 "$devctl" service out --config "$out/kiosk.json" --reason broken --staff S1024
expect_exit 2 "$devctl" service out --config "$out/kiosk.json" --reason staff --staff "S1024; DROP"
expect_exit 2 "$devctl" service out --config "$out/kiosk.json" --reason staff --staff S1024 --notice-zh "只有中文"
expect_exit 2 "$devctl" service out --config "$out/kiosk.json" --reason staff --staff S1024 \
    --notice-zh $'两行\n文字' --notice-en "two lines"
expect_exit 2 "$devctl" service out --config "$out/kiosk.json" --reason staff --staff S1024 \
    --notice-zh "坏的" --notice-en $'bad \xff byte'
expect_exit 2 "$devctl" service out --config "$out/kiosk.json" --reason staff
expect_exit 2 "$devctl" service in --config "$out/missing.json" --staff S1024
[[ $(json_field "$("$devctl" service show --config "$out/kiosk.json" --json)" revision) == 1 ]] ||
    fail "a refused command wrote to the store"

"$devctl" service in --config "$out/kiosk.json" --staff S2048 >/dev/null
shown=$("$devctl" service show --config "$out/kiosk.json" --json)
[[ $(json_field "$shown" in_service) == True && $(json_field "$shown" revision) == 2 ]] || fail "in: $shown"

# The self-test with every device simulated: all ready.
result=$("$devctl" selftest --config "$out/kiosk.json" --json --staff S1024)
[[ $(json_field "$result" passed) == True ]] || fail "selftest with simulators: $result"

# A needed printer that cannot be reached: exit 1, cannot serve, which device and why.
cat >"$out/no-receipt.json" <<JSON
{"paths": {"database": "kiosk.db", "catalog": "$catalog"},
 "devices": {"receipt_printer": {"backend": "cups", "device": "kiosk-receipt", "server": "127.0.0.1:9"}}}
JSON
expect_exit 1 "$devctl" selftest --config "$out/no-receipt.json" --json
result=$(cat "$out/last.out")
[[ $(json_field "$result" can_serve) == False ]] || fail "a missing receipt printer still serves: $result"
[[ $(json_field "$result" out_reason) == hardware ]] || fail "out reason: $result"
[[ $(json_field "$result" failures 0 device) == receipt_printer ]] || fail "failing device: $result"
[[ $(json_field "$result" failures 0 reason) == cups-unreachable ]] || fail "failing reason: $result"
expect_exit 1 "$devctl" selftest --config "$out/no-receipt.json"
grep -q "receipt_printer  fault (cups-unreachable)" "$out/last.out" || fail "text selftest: $(cat "$out/last.out")"
grep -q "cannot serve (hardware)" "$out/last.out" || fail "text selftest verdict: $(cat "$out/last.out")"

# Only the A4 printer missing: exit 1 (not every device ready), but the kiosk serves with withdrawals.
sed 's/receipt_printer/a4_printer/' "$out/no-receipt.json" >"$out/no-a4.json"
expect_exit 1 "$devctl" selftest --config "$out/no-a4.json" --json
result=$(cat "$out/last.out")
[[ $(json_field "$result" can_serve) == True ]] || fail "a missing A4 printer stops the kiosk: $result"
grep -q '"matter:company_registration"' <<<"$result" || fail "withdrawals: $result"
expect_exit 2 "$devctl" selftest --config "$out/missing.json"

# Every change in the audit log, with the staff id.
log=$(audit)
grep -q "^service.out reason=network staff=S1024 via=kiosk-devctl$" <<<"$log" || fail "audit out: $log"
grep -q "^service.in staff=S2048 via=kiosk-devctl$" <<<"$log" || fail "audit in: $log"
grep -q "^selftest.passed staff=S1024 via=kiosk-devctl: all devices ready$" <<<"$log" || fail "audit selftest: $log"
grep -q "^selftest.failed cannot serve; via=kiosk-devctl: receipt_printer fault cups-unreachable" <<<"$log" ||
    fail "audit failed selftest: $log"
[[ $(grep -c "^service\." <<<"$log") == 2 ]] || fail "refused commands were audited as changes: $log"
echo "service out/in/show and selftest: stored, shown, refused when bad, audited"
