#!/usr/bin/env bash
# kiosk-devctl staff: the hall's badge tools end to end (docs/Maintenance.md "Staff credentials").
# keygen writes a private key and the config line; badge make signs a badge (and draws its QR code,
# which reads back as the same token); badge verify accepts it within its days at the given time and
# refuses it after expiry, before issue, tampered with, signed by another key, or for revoked staff;
# pin hash prints an Argon2id hash. Times are given (--issued, --at): nothing depends on today.
set -euo pipefail
devctl=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
export TZ=Asia/Shanghai
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect CODE COMMAND…: runs it, fails unless it exits with CODE; its stdout in $out, stderr in $err.
expect() {
    local want=$1 got=0; shift
    "$@" >"$work/out" 2>"$work/err" || got=$?
    out=$(cat "$work/out") err=$(cat "$work/err")
    [[ $got == "$want" ]] || fail "exit $got (wanted $want): $* — $err"
}

expect 0 "$devctl" staff keygen --secret-out "$work/hall.key" --key-id hall-2026
line=$out
[[ $(stat -c %a "$work/hall.key") == 600 ]] || fail "the secret key is not 0600"
grep -qE '^\{"id":"hall-2026","public_key":"[0-9a-f]{64}"\}$' <<<"$line" || fail "config line: $line"
before=$(sha256sum <"$work/hall.key")
expect 1 "$devctl" staff keygen --secret-out "$work/hall.key" --key-id hall-2026
[[ $(sha256sum <"$work/hall.key") == "$before" ]] || fail "keygen overwrote a key"
cat >"$work/kiosk.json" <<JSON
{ "staff": { "badge_keys": [$line], "revoked_staff": ["S0999"] } }
JSON

make_badge() { expect "$1" "$devctl" staff badge make --key "$work/hall.key" --key-id hall-2026 "${@:2}"; }
make_badge 0 --staff S1024 --name 王丽 --role duty --issued 2026-12-01 --expires 2027-06-30 --png "$work/badge.png"
token=$out
[[ $token == OWS1.*.* ]] || fail "not a badge: $token"
expect 0 "$devctl" qr decode "$work/badge.png" --json
python3 - "$work/out" "$token" <<'PY' || fail "the PNG does not read back as the token"
import json, sys
codes = json.load(open(sys.argv[1]))
assert [c["text"] for c in codes] == [sys.argv[2]], codes
PY

verify() { expect "$1" "$devctl" staff badge verify "$2" --config "$work/kiosk.json" --at "$3"; }
verify 0 "$token" 2026-12-06T10:00
python3 - "$out" <<'PY' || fail "verify printed: $out"
import json, sys
m = json.loads(sys.argv[1])
assert (m["staff"], m["name"], m["role"], m["kid"]) == ("S1024", "王丽", "duty", "hall-2026"), m
PY
verify 0 "$token" 2027-06-30T23:59:59
verify 1 "$token" 2027-07-01T00:00
grep -q "refused (expired)" <<<"$err" || fail "after expiry: $err"
verify 1 "$token" 2026-11-30T23:00
grep -q "refused (not-yet-valid)" <<<"$err" || fail "before issue: $err"

# Tampering: the role raised in the payload (signature kept), and one character of the signature.
payload=$(cut -d. -f2 <<<"$token") signature=$(cut -d. -f3 <<<"$token")
raised=$(python3 - "$payload" <<'PY'
import base64, sys
p = sys.argv[1]
raw = base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)).replace(b'"duty"', b'"engineer"')
print(base64.urlsafe_b64encode(raw).decode().rstrip("="))
PY
)
verify 1 "OWS1.$raised.$signature" 2026-12-06T10:00
grep -q "refused (bad-signature)" <<<"$err" || fail "raised role: $err"
flipped=${signature:0:10}$([[ ${signature:10:1} == A ]] && echo B || echo A)${signature:11}
verify 1 "OWS1.$payload.$flipped" 2026-12-06T10:00
grep -q "refused (bad-signature)" <<<"$err" || fail "flipped signature: $err"
verify 1 "OWS1.garbage" 2026-12-06T10:00
grep -q "refused (malformed)" <<<"$err" || fail "garbage: $err"

# Another key: under the trusted key's id it is a bad signature, under its own id an unknown key.
expect 0 "$devctl" staff keygen --secret-out "$work/other.key" --key-id hall-2026
expect 0 "$devctl" staff badge make --key "$work/other.key" --key-id hall-2026 --staff S1024 --name 王丽 --role duty --issued 2026-12-01 --expires 2027-01-31
verify 1 "$out" 2026-12-06T10:00
grep -q "refused (bad-signature)" <<<"$err" || fail "other key: $err"
expect 0 "$devctl" staff badge make --key "$work/other.key" --key-id hall-x --staff S1024 --name 王丽 --role duty --issued 2026-12-01 --expires 2027-01-31
verify 1 "$out" 2026-12-06T10:00
grep -q "refused (unknown-key)" <<<"$err" || fail "unknown key: $err"

# Revoked staff; a badge valid for more than 400 days is not made; a readable key is not used.
make_badge 0 --staff S0999 --name 张三 --role engineer --issued 2026-12-01 --expires 2027-01-31
verify 1 "$out" 2026-12-06T10:00
grep -q "refused (revoked)" <<<"$err" || fail "revoked: $err"
make_badge 2 --staff S1024 --name 王丽 --role duty --issued 2026-12-01 --expires 2028-01-31
make_badge 2 --staff S1024 --name 王丽 --role admin --issued 2026-12-01 --expires 2027-01-31
chmod 644 "$work/hall.key"
make_badge 1 --staff S1024 --name 王丽 --role duty --issued 2026-12-01 --expires 2027-01-31
chmod 600 "$work/hall.key"
echo '{"staff": {"badge_keys": [{"id": "x", "public_key": "00"}]}}' >"$work/bad.json"
expect 2 "$devctl" staff badge verify "$token" --config "$work/bad.json"
expect 2 "$devctl" staff badge verify "$token" --config "$work/kiosk.json" --at yesterday

# PIN hashes: Argon2id of digits read from stdin; anything else is refused.
expect 0 bash -c "echo 246810 | '$devctl' staff pin hash"
[[ $out == '$argon2id$v=19$m=65536,t=2,p=1$'* ]] || fail "pin hash: $out"
grep -q 246810 <<<"$out$err" && fail "the PIN was echoed"
expect 2 bash -c "echo 12ab56 | '$devctl' staff pin hash"
expect 2 bash -c "printf '' | '$devctl' staff pin hash"
echo "staff: keygen, badge make (PNG reads back), verify (valid, expired, early, tampered, other key, revoked), pin hash"
