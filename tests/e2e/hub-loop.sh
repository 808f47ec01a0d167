#!/bin/sh
# The whole kiosk ⇄ hub loop on one machine, with real TLS on loopback (issue 6 "Tests"): a kiosk
# seals an application while the hub is down, it waits in the outbox, the hub comes back, one upload
# pass delivers it, each department finds its work item, one approves a matter that issues a
# certificate, and the kiosk sees the decision in the citizen's progress query and fetches the PDF.
# With KIOSK, the kiosk application itself delivers the waiting applications when it starts (its
# uploader), instead of one `kiosk-devctl outbox send` pass.
#   hub-loop.sh KIOSK_DEVCTL KIOSK_HUB KIOSKCTL WORK_DIR [KIOSK]
set -eu
devctl=$1
hub_bin=$2
ctl=$3
work=$4
kiosk=${5:-}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work"
mkdir -p "$work"
ca=$work/ca
data=$work/hub
hub_pid=
cleanup() { [ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null || true; }
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    for log in last.out last.err hub.out hub.err; do
        [ -s "$work/$log" ] && { echo "--- $log" >&2; tail -20 "$work/$log" >&2; }
    done
    exit 1
}
# expect_exit CODE COMMAND...: runs it with its output in last.out / last.err.
expect_exit() {
    want=$1
    shift
    set +e
    "$@" >"$work/last.out" 2>"$work/last.err"
    got=$?
    set -e
    [ "$got" = "$want" ] || fail "exit $got, wanted $want: $*"
}
# start_hub PORT: the hub on 127.0.0.1 (0: a free port), waiting until it says where it listens.
start_hub() {
    # Emptied here, not by the child's redirection: the wait below must not read the last start's line.
    : >"$work/hub.out"
    "$hub_bin" --port "$1" --data "$data" --catalog "$source_dir/data/catalog/sample-catalog.json" \
        --templates "$source_dir/data/templates" --cert "$ca/server.pem" --key "$ca/server.key" \
        --client-ca "$ca/ca.pem" >>"$work/hub.out" 2>>"$work/hub.err" &
    hub_pid=$!
    for _ in $(seq 100); do
        grep -q "listening on" "$work/hub.out" 2>/dev/null && break
        sleep 0.1
    done
    url=$(sed -n 's/^listening on //p' "$work/hub.out")
    [ -n "$url" ] || fail "the hub did not say where it listens"
    port=${url##*:}
}
stop_hub() {
    kill -TERM "$hub_pid"
    wait "$hub_pid" || fail "kiosk-hub exited $? on SIGTERM"
    hub_pid=
}

departments="health public_security medical_security human_resources"
dept_args=
for dept in $departments; do dept_args="$dept_args --dept $dept"; done
# shellcheck disable=SC2086
"$source_dir/scripts/hub-ca" "$ca" --kiosk e2e-kiosk $dept_args >/dev/null
"$ctl" client add --data "$data" kiosk:e2e-kiosk >/dev/null
for dept in $departments; do "$ctl" client add --data "$data" "dept:$dept" >/dev/null; done

# A free port for the hub, learnt by starting it once; then it goes away, as a hub does.
start_hub 0
stop_hub

head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/outbox.key"
chmod 600 "$work/outbox.key" # a key file is its owner's alone (core/base/SecretFile.h)
config=$work/kiosk.json
cat >"$config" <<JSON
{
  "kiosk_id": "e2e-kiosk",
  "paths": {"catalog": "$source_dir/data/catalog/sample-catalog.json", "database": "$work/kiosk/kiosk.db",
            "scans": "$work/kiosk/scans", "drafts": "$work/kiosk/drafts", "strings": "$source_dir/data/i18n/strings.json",
            "templates": "$source_dir/data/templates"},
  "hub": {"url": "https://localhost:$port", "ca_file": "$ca/ca.pem", "cert_file": "$ca/kiosk-e2e-kiosk.pem",
          "key_file": "$ca/kiosk-e2e-kiosk.key", "connect_timeout_ms": 2000, "read_timeout_ms": 10000},
  "outbox": {"dir": "$work/kiosk/outbox", "key_file": "$work/outbox.key"}
}
JSON

# Hub down: both applications are sealed (the citizen is told "submitted") and wait in the outbox.
# The newborn package has no matter that issues a certificate, so a second application asks for one.
# A synthetic application reaches real department queues: seal-sample refuses without saying so.
expect_exit 2 "$devctl" outbox seal-sample --config "$config" --package newborn
grep -q "confirm-test-application" "$work/last.err" || fail "seal-sample without the flag does not say why"
expect_exit 0 "$devctl" outbox seal-sample --config "$config" --package newborn --confirm-test-application
newborn_token=$(awk '/^sealed /{print $3}' "$work/last.out")
expect_exit 0 "$devctl" outbox seal-sample --config "$config" --matter no_criminal_record_certificate \
    --confirm-test-application
record_token=$(awk '/^sealed /{print $3}' "$work/last.out")
if [ -z "$newborn_token" ] || [ -z "$record_token" ]; then fail "seal-sample printed no token"; fi
expect_exit 0 "$devctl" outbox list --config "$config"
grep -q "^queued 2 " "$work/last.out" || fail "outbox list: not 2 queued"
[ "$(grep -c ' sealed ' "$work/last.out")" -ge 2 ] || fail "outbox list: no sealed rows"
expect_exit 1 "$devctl" outbox send --config "$config" --seconds 20
grep -q "waiting-for-hub, 2 queued" "$work/last.out" || fail "send without a hub"
expect_exit 0 "$devctl" outbox list --config "$config" --json
grep -q '"uploading": 1' "$work/last.out" || fail "outbox list --json: the first not uploading"
grep -q '"last_error": "retry: ' "$work/last.out" || fail "outbox list --json: no last error"
if grep -q -e 11010519491231002X -e 测试申请人 -e "$newborn_token" "$work/last.out"; then
    fail "outbox list shows personal data or the query token"
fi

# The hub is back: one pass delivers both — or the kiosk does, as soon as it starts.
start_hub "$port"
if [ -n "$kiosk" ]; then
    SDL_VIDEODRIVER=offscreen "$kiosk" --config "$config" --exit-after-ms 8000 >"$work/kiosk.out" 2>"$work/kiosk.err" ||
        { cp "$work/kiosk.err" "$work/last.err"; fail "the kiosk did not run"; }
    [ "$(grep -c 'outbox: [0-9a-f]* delivered as OW' "$work/kiosk.err")" = 2 ] ||
        { cp "$work/kiosk.err" "$work/last.err"; fail "the kiosk did not deliver both applications"; }
else
    expect_exit 0 "$devctl" outbox send --config "$config"
    [ "$(grep -c '^accepted [0-9a-f]* OW[0-9]*-[0-9]*$' "$work/last.out")" = 2 ] || fail "send: not 2 accepted"
fi
expect_exit 0 "$devctl" outbox list --config "$config"
grep -q "^queued 0 (sealed 0, uploading 0), accepted 2, rejected 0" "$work/last.out" || fail "outbox list after send"
expect_exit 0 "$devctl" hub status --config "$config" --token "$newborn_token"
newborn_number=$(awk 'NR==1{print $1}' "$work/last.out")
expect_exit 0 "$devctl" hub status --config "$config" --token "$record_token"
record_number=$(awk 'NR==1{print $1}' "$work/last.out")

# Fan-out: one work item per matter, each in its own department's queue.
tls() { echo "--hub https://localhost:$port --ca $ca/ca.pem --cert $ca/dept-$1.pem --key $ca/dept-$1.key"; }
n=0
for pair in birth_certificate_registration:health newborn_household_registration:public_security \
    newborn_medical_insurance:medical_security social_security_card:human_resources; do
    matter=${pair%%:*}
    dept=${pair#*:}
    n=$((n + 1)) # work items are numbered in the application's matter order
    # shellcheck disable=SC2046
    expect_exit 0 "$ctl" dept list $(tls "$dept") --department "$dept" --state pending
    grep -q "^$newborn_number-$n *$matter *pending" "$work/last.out" || fail "no $matter item for $dept"
    [ "$(grep -c "^$newborn_number-" "$work/last.out")" = 1 ] || fail "$dept: not one item of $newborn_number"
done

# The police approve the certificate matter; the kiosk sees it and fetches the certificate.
# shellcheck disable=SC2046
expect_exit 0 "$ctl" dept approve "$record_number-1" $(tls public_security) --officer e2e
grep -q "certificate C-$record_number-1 issued" "$work/last.out" || fail "approve issued no certificate"
expect_exit 0 "$devctl" hub status --config "$config" --token "$record_token"
grep -q "^$record_number  completed" "$work/last.out" || fail "status: not completed"
grep -q "no_criminal_record_certificate .* approved .*certificate C-$record_number-1" "$work/last.out" ||
    fail "status: matter not approved"
expect_exit 0 "$devctl" hub status --config "$config" --token "$record_token" --json
grep -q '"state": "approved"' "$work/last.out" || fail "status --json"
expect_exit 0 "$devctl" hub status --config "$config" --token "$newborn_token"
[ "$(grep -c ' pending ' "$work/last.out")" = 4 ] || fail "newborn status: not 4 pending"
expect_exit 2 "$devctl" hub status --config "$config" --token OW1-NOT-A-TOKEN

expect_exit 0 "$devctl" hub certificates --config "$config" --id-number 11010519491231002X
grep -q "^C-$record_number-1 *$record_number *no_criminal_record_certificate" "$work/last.out" ||
    fail "certificates: not listed"
expect_exit 0 sh -c "echo 11010519491231002X | '$devctl' hub certificates --config '$config' --id-number - --json"
grep -q "\"certificate_id\": \"C-$record_number-1\"" "$work/last.out" || fail "certificates --json from stdin"
expect_exit 0 "$devctl" hub certificate-download --config "$config" --id "C-$record_number-1" \
    --id-number 11010519491231002X --out "$work/certificate.pdf"
[ "$(head -c 4 "$work/certificate.pdf")" = "%PDF" ] || fail "the certificate is not a PDF"
expect_exit 1 "$devctl" hub certificate-download --config "$config" --id "C-$record_number-1" \
    --id-number 650102198511020069 --out "$work/other.pdf"
[ ! -e "$work/other.pdf" ] || fail "a certificate for another ID number was written"

stop_hub
echo "hub loop e2e: ok"
