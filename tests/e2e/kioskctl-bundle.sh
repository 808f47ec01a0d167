#!/usr/bin/env bash
# kioskctl bundle: the admin's config bundle tools end to end (docs/ConfigBundles.md). keygen writes a
# 0600 key and never overwrites one; build and sign make a bundle Debian's minisign verifies from a
# shell (tar + minisign -V + sha256sum, as the doc says); inspect and verify read it; verify refuses
# each thing a kiosk refuses; a signing key others can read is refused; the sample bundle from data/
# verifies with the TEST-ONLY fleet key. Times are given (--created, --at): nothing depends on today.
set -euo pipefail
kioskctl=$1 work=$2 root=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect CODE COMMAND…: runs it, fails unless it exits with CODE; its stdout in $out, stderr in $err.
expect() {
    local want=$1 got=0; shift
    "$@" >"$work/out" 2>"$work/err" || got=$?
    out=$(cat "$work/out") err=$(cat "$work/err")
    [[ $got == "$want" ]] || fail "exit $got (wanted $want): $* — $err"
}

expect 0 "$kioskctl" bundle keygen --out "$work/admin.key"
pub=$out
[[ $(stat -c %a "$work/admin.key") == 600 ]] || fail "the secret key is not 0600"
[[ $pub =~ ^RW[A-Za-z0-9+/]{54}$ ]] || fail "not a minisign public key: $pub"
before=$(sha256sum <"$work/admin.key")
expect 1 "$kioskctl" bundle keygen --out "$work/admin.key"
[[ $(sha256sum <"$work/admin.key") == "$before" ]] || fail "keygen overwrote a key"

mkdir -p "$work/data/catalog" "$work/data/i18n"
echo '{"matters": []}' >"$work/data/catalog/catalog.json"
echo '{"app.title": {"zh-CN": "一窗", "en": "One window"}}' >"$work/data/i18n/strings.json"
created=(--created 2026-12-01T00:00:00Z --expires 2027-06-30)
expect 0 "$kioskctl" bundle build "$work/data" --version 5 "${created[@]}" --halls hall-a,hall-b \
    --app-min 0.1.0 --app-max 0.9.0 -o "$work/unsigned.owcb"
[[ $out == *"version 5, 2 files, unsigned"* ]] || fail "build said: $out"
expect 0 "$kioskctl" bundle sign --key "$work/admin.key" "$work/unsigned.owcb" -o "$work/b.owcb"
expect 0 "$kioskctl" bundle inspect "$work/b.owcb"
[[ $out == *"version 5"* && $out == *"halls: hall-a, hall-b"* && $out == *"catalog/catalog.json"* ]] ||
    fail "inspect said: $out"
expect 0 "$kioskctl" bundle inspect "$work/unsigned.owcb"
[[ $out == *unsigned* ]] || fail "inspect of an unsigned bundle said: $out"

# From a shell, without OneWindow: the signature with minisign, the files with sha256sum.
mkdir "$work/shell" && (cd "$work/shell" && tar --zstd -xf ../b.owcb &&
    minisign -Vm manifest.json -P "$pub" >"$work/minisign.out") || fail "minisign refused the signature"
grep -q "Trusted comment: onewindow-bundle id:.* version:5" "$work/minisign.out" || fail "trusted comment"
python3 - "$work/shell" <<'PY' || fail "the files' hashes are not the manifest's"
import hashlib, json, sys
root = sys.argv[1]
for f in json.load(open(root + "/manifest.json"))["files"]:
    data = open(root + "/files/" + f["path"], "rb").read()
    assert len(data) == f["size"] and hashlib.sha256(data).hexdigest() == f["sha256"], f["path"]
PY

at=(--at 2026-12-06T12:00:00Z)
expect 0 "$kioskctl" bundle verify "$work/b.owcb" --key "$pub" "${at[@]}" --hall hall-a --app-version 0.1.0 \
    --out "$work/verified"
[[ $out == "ok: bundle "*" version 5, 2 files, signed by "* ]] || fail "verify said: $out"
cmp "$work/verified/files/catalog/catalog.json" "$work/data/catalog/catalog.json" || fail "extracted file differs"
expect 1 "$kioskctl" bundle verify "$work/unsigned.owcb" --key "$pub" "${at[@]}"
[[ $err == *"(not_a_bundle)"* ]] || fail "unsigned: $err"

expect 0 "$kioskctl" bundle keygen --out "$work/other.key"
other=$out
refused() { # refused KEYWORD verify-arguments…
    local word=$1; shift
    expect 1 "$kioskctl" bundle verify "$work/b.owcb" "$@"
    [[ $err == *"refused ($word)"* ]] || fail "wanted $word: $err"
}
refused unknown_key --key "$other" "${at[@]}"
revoked=$("$kioskctl" bundle inspect "$work/b.owcb" | sed -n 's/^signed by key \([0-9A-F]\{16\}\).*/\1/p')
refused revoked_key --key "$pub" --revoked "$revoked" "${at[@]}"
refused not_newer --key "$pub" --installed 5 "${at[@]}"
refused expired --key "$pub" --at 2027-07-01T00:00:00Z
refused not_yet_valid --key "$pub" --at 2026-11-30T00:00:00Z
refused out_of_scope --key "$pub" --hall hall-c "${at[@]}"
refused wrong_app_version --key "$pub" --app-version 0.10.0 "${at[@]}"
python3 - "$work/b.owcb" "$work/tampered.owcb" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[-20] ^= 0xFF  # a payload byte near the end of the zstd stream
open(sys.argv[2], "wb").write(data)
PY
expect 1 "$kioskctl" bundle verify "$work/tampered.owcb" --key "$pub" "${at[@]}"
[[ $err == *refused* ]] || fail "a tampered bundle: $err"

# The signing key is the admin's alone: one others can read is refused, and nothing is written.
cp "$work/admin.key" "$work/open.key" && chmod 644 "$work/open.key"
expect 1 "$kioskctl" bundle sign --key "$work/open.key" "$work/unsigned.owcb" -o "$work/c.owcb"
[[ $err == *"chmod 600"* && ! -e $work/c.owcb ]] || fail "an open key: $err"
# A folder with a symlink is not built; usage errors are 2.
ln -s /etc/passwd "$work/data/passwd"
expect 1 "$kioskctl" bundle build "$work/data" --version 6 "${created[@]}" -o "$work/d.owcb"
[[ $err == *"passwd: not a regular file"* && ! -e $work/d.owcb ]] || fail "a symlink: $err"
rm "$work/data/passwd"
expect 2 "$kioskctl" bundle build "$work/data" --expires 2027-06-30 -o "$work/d.owcb"
expect 2 "$kioskctl" bundle build "$work/data" --version 6 --expires tomorrow -o "$work/d.owcb"

# The sample bundle from data/, signed with the TEST-ONLY fleet key.
expect 0 "$root/scripts/sample-bundle" "$work/sample.owcb" --kioskctl "$kioskctl"
expect 0 "$kioskctl" bundle verify "$work/sample.owcb" --key "$(cat "$root/tests/fixtures/bundles/fleet-test.public-key")" \
    "${at[@]}"
echo "kioskctl bundle: ok"
