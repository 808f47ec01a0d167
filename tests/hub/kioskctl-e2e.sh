#!/bin/sh
# kiosk-hub and kioskctl as a hall runs them: make certificates, register clients, start the hub on a
# free port, submit an application as a kiosk (curl with the kiosk's certificate), then a department
# lists and decides with kioskctl; a revoked kiosk is refused; SIGTERM stops the hub cleanly.
#   kioskctl-e2e.sh KIOSK_HUB KIOSKCTL WORK_DIR
set -eu
hub_bin=$1
ctl=$2
work=$3
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work"
mkdir -p "$work"
ca=$work/ca
data=$work/data
hub_pid=
cleanup() { [ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null || true; }
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    [ -f "$work/hub.err" ] && tail -20 "$work/hub.err" >&2
    exit 1
}
expect_exit() { # CODE COMMAND...
    want=$1
    shift
    set +e
    "$@" >"$work/last.out" 2>"$work/last.err"
    got=$?
    set -e
    [ "$got" = "$want" ] || fail "exit $got, wanted $want: $* ($(cat "$work/last.err"))"
}

"$source_dir/scripts/hub-ca" "$ca" --kiosk e2e-kiosk --dept public_security --dept health --admin root
for cn in kiosk:e2e-kiosk dept:public_security dept:health admin:root; do
    "$ctl" client add --data "$data" "$cn"
done
expect_exit 1 "$ctl" client add --data "$data" kiosk:e2e-kiosk # already there
expect_exit 2 "$ctl" client add --data "$data" somebody         # not a CN the hub knows
expect_exit 2 "$ctl" dept frobnicate
"$ctl" client list --data "$data" | grep -q "dept:health *active" || fail "client list"

"$hub_bin" --port 0 --data "$data" --catalog "$source_dir/data/catalog/sample-catalog.json" \
    --templates "$source_dir/data/templates" --cert "$ca/server.pem" --key "$ca/server.key" \
    --client-ca "$ca/ca.pem" >"$work/hub.out" 2>"$work/hub.err" &
hub_pid=$!
for _ in $(seq 50); do
    grep -q "listening on" "$work/hub.out" 2>/dev/null && break
    sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$work/hub.out")
[ -n "$url" ] || fail "the hub did not say where it listens"
port=${url##*:}

kiosk() {
    curl -s --cacert "$ca/ca.pem" --cert "$ca/kiosk-e2e-kiosk.pem" --key "$ca/kiosk-e2e-kiosk.key" \
        -w '\n%{http_code}' "$@"
}
printf 'scan of an ID card' >"$work/scan.bin"
sha=$(sha256sum "$work/scan.bin" | cut -c1-64)
kiosk -X PUT --data-binary @"$work/scan.bin" -H 'Content-Type: application/octet-stream' \
    "https://localhost:$port/v1/blobs/$sha" | tail -1 | grep -q 201 || fail "blob upload"
cat >"$work/application.json" <<JSON
{"application_id": "0123456789abcdef0123456789abcdef", "query_token": "OW1-7KQ2-M9XD-4TPA-Z3R8",
 "kiosk_id": "e2e-kiosk", "catalog_version": "2026.11-sample-1", "submitted_at": "2026-11-27T02:00:00Z",
 "package_id": null, "matter_ids": ["no_criminal_record_certificate", "birth_certificate_registration"],
 "applicant": {"id_type": "resident_id", "id_number": "650102198511020069", "name": "阿依古丽·买买提", "phone": null},
 "form": {"purpose": "就业"}, "consent": {"version": "consent-v1", "accepted_at": "2026-11-27T01:59:40Z"},
 "materials": [{"material_id": "resident_id", "sha256": "$sha", "bytes": 18, "content_type": "application/pdf", "pages": 1}]}
JSON
answer=$(kiosk -H 'Content-Type: application/json' --data-binary @"$work/application.json" \
    "https://localhost:$port/v1/applications")
echo "$answer" | tail -1 | grep -q 201 || fail "application not accepted: $answer"
number=$(echo "$answer" | head -1 | sed 's/.*"application_number":"\([^"]*\)".*/\1/')

police="--hub https://localhost:$port --ca $ca/ca.pem --cert $ca/dept-public_security.pem --key $ca/dept-public_security.key"
# shellcheck disable=SC2086
"$ctl" dept list $police --department public_security --state pending >"$work/list.txt"
grep -q "^$number-1 *no_criminal_record_certificate *pending" "$work/list.txt" || fail "dept list: $(cat "$work/list.txt")"
# shellcheck disable=SC2086
"$ctl" dept list $police --department public_security --json | grep -q '"work_item_id": "'"$number"'-1"' ||
    fail "dept list --json"
# shellcheck disable=SC2086
expect_exit 1 "$ctl" dept list $police --department health # another department's queue
# shellcheck disable=SC2086
expect_exit 1 "$ctl" dept approve "$number-2" $police --officer Wang # health's item
# shellcheck disable=SC2086
expect_exit 0 "$ctl" dept show "$number-1" $police
grep -q '"purpose": "就业"' "$work/last.out" || fail "dept show"
# shellcheck disable=SC2086
expect_exit 0 "$ctl" dept approve "$number-1" $police --officer Wang
grep -q "certificate C-$number-1 issued" "$work/last.out" || fail "approve: $(cat "$work/last.out")"
# shellcheck disable=SC2086
expect_exit 1 "$ctl" dept reject "$number-1" $police --officer Wang --reason "too late"
grep -q "already-decided" "$work/last.err" || fail "second decision: $(cat "$work/last.err")"
health="--hub https://localhost:$port --ca $ca/ca.pem --cert $ca/dept-health.pem --key $ca/dept-health.key"
# shellcheck disable=SC2086
expect_exit 0 "$ctl" dept request-more "$number-2" $health --officer Li --reason "请补充出生医学证明"

status=$(kiosk "https://localhost:$port/v1/status/OW1-7KQ2-M9XD-4TPA-Z3R8")
echo "$status" | grep -q '"status":"more_requested"' || fail "status: $status"

"$ctl" client revoke --data "$data" kiosk:e2e-kiosk
kiosk "https://localhost:$port/v1/status/OW1-7KQ2-M9XD-4TPA-Z3R8" | grep -q client-revoked || fail "revoked kiosk served"

kill -TERM "$hub_pid"
set +e
wait "$hub_pid"
code=$?
set -e
hub_pid=
[ "$code" = 0 ] || fail "kiosk-hub exited $code on SIGTERM"
echo "kioskctl e2e: ok"
