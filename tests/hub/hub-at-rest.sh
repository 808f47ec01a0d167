#!/bin/sh
# kiosk-hub's data at rest, with the real binary started under the loosest umask (000):
#  - the data folder and every folder in it end 0700, every file 0600 (hub.sqlite and its -wal/-shm,
#    blobs, certificate PDFs, id-number.key), also what an older build left open (a 0644 file)
#  - a hub holding applications refuses to start without its id-number.key, naming the file and the
#    backup to restore it from; with the key restored it starts again; a fresh data folder starts
#  - a key file open to others (id-number.key, the TLS key) or a symlink: refused at start
#   hub-at-rest.sh KIOSK_HUB KIOSKCTL WORK_DIR
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

umask 000
"$source_dir/scripts/hub-ca" "$ca" --kiosk e2e-kiosk --dept public_security >/dev/null
for cn in kiosk:e2e-kiosk dept:public_security; do
    "$ctl" client add --data "$data" "$cn" >/dev/null
done

# start [KEY]: the hub in the background; waits until it listens (sets $port) or exits (returns 1).
start() {
    "$hub_bin" --port 0 --data "$data" --catalog "$source_dir/data/catalog/sample-catalog.json" \
        --templates "$source_dir/data/templates" --cert "$ca/server.pem" --key "${1:-$ca/server.key}" \
        --client-ca "$ca/ca.pem" >"$work/hub.out" 2>"$work/hub.err" &
    hub_pid=$!
    for _ in $(seq 300); do
        grep -q "listening on" "$work/hub.out" 2>/dev/null && break
        kill -0 "$hub_pid" 2>/dev/null || break
        sleep 0.1
    done
    if ! grep -q "listening on" "$work/hub.out" && kill -0 "$hub_pid" 2>/dev/null; then
        kill -KILL "$hub_pid"
        hub_pid=
        fail "the hub neither listened nor exited within 30 s"
    fi
    if ! grep -q "listening on" "$work/hub.out"; then
        set +e
        wait "$hub_pid"
        code=$?
        set -e
        hub_pid=
        return 1
    fi
    url=$(sed -n 's/^listening on //p' "$work/hub.out")
    port=${url##*:}
}
stop() {
    kill -TERM "$hub_pid"
    wait "$hub_pid" || fail "kiosk-hub did not stop cleanly"
    hub_pid=
}
# refused WHY PATTERN [KEY]: the hub must exit non-zero, its error matching PATTERN.
refused() {
    why=$1 pattern=$2
    shift 2
    if start "$@"; then
        stop
        fail "the hub started with $why"
    fi
    [ "$code" != 0 ] || fail "exit 0 with $why"
    grep -q "$pattern" "$work/hub.err" || fail "with $why the error does not say '$pattern': $(cat "$work/hub.err")"
}

start || fail "a fresh data folder does not start: $(cat "$work/hub.err")"
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
 "package_id": null, "matter_ids": ["no_criminal_record_certificate"],
 "applicant": {"id_type": "resident_id", "id_number": "650102198511020069", "name": "阿依古丽·买买提", "phone": null},
 "form": {"purpose": "就业"}, "consent": {"version": "consent-v1", "accepted_at": "2026-11-27T01:59:40Z"},
 "materials": [{"material_id": "resident_id", "sha256": "$sha", "bytes": 18, "content_type": "application/pdf", "pages": 1}]}
JSON
answer=$(kiosk -H 'Content-Type: application/json' --data-binary @"$work/application.json" \
    "https://localhost:$port/v1/applications")
echo "$answer" | tail -1 | grep -q 201 || fail "application not accepted: $answer"
number=$(echo "$answer" | head -1 | sed 's/.*"application_number":"\([^"]*\)".*/\1/')
"$ctl" dept approve "$number-1" --officer Wang --hub "https://localhost:$port" --ca "$ca/ca.pem" \
    --cert "$ca/dept-public_security.pem" --key "$ca/dept-public_security.key" >/dev/null ||
    fail "approve"

# While it runs (the -wal and -shm exist) and after: nothing in the data folder is open to others.
check_modes() {
    [ -f "$data/hub.sqlite-wal" ] || [ "$1" != running ] || fail "no -wal file while running"
    [ -n "$(find "$data/certificates" -type f)" ] || fail "no certificate PDF"
    [ -n "$(find "$data/blobs" -type f)" ] || fail "no blob"
    open=$(find "$data" \( -type d ! -perm 0700 \) -o \( -type f ! -perm 0600 \))
    [ -z "$open" ] || fail "$1: open to others: $(ls -ld $open)"
    echo "$1: every folder 0700, every file 0600 ($(find "$data" -type f | wc -l) files)"
}
check_modes running
stop
check_modes stopped

# What an older build left open is tightened at the next start.
chmod 0644 "$data/hub.sqlite"
chmod 0755 "$data/blobs"
start || fail "restart: $(cat "$work/hub.err")"
stop
check_modes "restarted over a 0644 hub.sqlite"

# M5: the key is gone but data is there: refused, naming the file and the backup.
mv "$data/id-number.key" "$work/id-number.key.backup"
refused "data but no id-number.key" "id-number.key is missing, but this hub holds"
grep -q "Restore id-number.key from its backup" "$work/hub.err" || fail "the error does not say what to do"
[ ! -e "$data/id-number.key" ] || fail "a new id-number.key was made over existing data"
cp "$work/id-number.key.backup" "$data/id-number.key"
chmod 0644 "$data/id-number.key"
refused "id-number.key at 0644" "id-number.key: key file is open to group or others (mode 0644)"
chmod 0600 "$data/id-number.key"
cp "$ca/server.key" "$work/server.key"
chmod 0640 "$work/server.key"
refused "a TLS key at 0640" "server.key: key file is open to group or others (mode 0640)" "$work/server.key"
ln -s "$ca/server.key" "$work/server-link.key"
refused "a TLS key behind a symlink" "must not be a symbolic link" "$work/server-link.key"
start || fail "with the key restored the hub does not start: $(cat "$work/hub.err")"
status=$(kiosk "https://localhost:$port/v1/status/OW1-7KQ2-M9XD-4TPA-Z3R8")
echo "$status" | tail -1 | grep -q 200 || fail "status after restore: $status"
stop
echo "hub at rest: ok"
