#!/usr/bin/env bash
# bundle-health.sh DEVCTL KIOSK KIOSKCTL OUT_DIR: the kiosk's health check after a bundle is installed
# (docs/ConfigBundles.md §9 "The health check"): the kiosk starts on the new slot and confirms it, and
# the slot remembers the matters it offers; the next bundle drops one of them without naming it and is
# rolled back by the kiosk itself; the same bundle naming it in content.json's removed_matters is
# confirmed. The bundles are copies of the repository's data/ (scripts/sample-bundle, TEST-ONLY key).
set -euo pipefail
devctl=$1 kiosk=$2 kioskctl=$3 out=$4
repo=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out" && mkdir -p "$out"
kiosk_pid=
trap '[[ -z $kiosk_pid ]] || kill "$kiosk_pid" 2>/dev/null || true' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# shellcheck source=tests/e2e/lib/bundle-kiosk.sh
. "$repo/tests/e2e/lib/bundle-kiosk.sh"
bundle_kiosk_config
install() {
    "$devctl" bundle install "$out/$1.owcb" --config "$out/kiosk.json" --staff 2001 --kiosk "$kiosk" \
        >"$out/install.out" 2>"$out/install.err" || fail "$1 was refused: $(cat "$out/install.err")"
}
# start_kiosk NAME: the kiosk started offscreen until its health check said how it went (30 s at most).
start_kiosk() {
    local log=$out/kiosk-$1.log
    SDL_VIDEODRIVER=offscreen "$kiosk" --config "$out/kiosk.json" --exit-after-ms 30000 >/dev/null 2>"$log" &
    kiosk_pid=$!
    for _ in $(seq 300); do
        grep -q "config slot . confirmed\|config slot . failed its health check\|config slots:" "$log" && break
        kill -0 "$kiosk_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill "$kiosk_pid" 2>/dev/null || true
    wait "$kiosk_pid" 2>/dev/null || true
    kiosk_pid=
}
# state 'PYTHON CONDITION': state.json of the slots (as s) must satisfy it.
state() {
    python3 - "$out/state/config/state.json" "$1" <<'PY' || fail "state.json: $1: $(cat "$out/state/config/state.json")"
import json, sys
s = json.load(open(sys.argv[1]))
assert eval(sys.argv[2]), sys.argv[2]
PY
}
drop_permit="
import json; p='catalog/sample-catalog.json'; c=json.load(open(p))
c['matters'] = [m for m in c['matters'] if m['id'] != 'residence_permit']
for package in c['packages']: package['matters'] = [m for m in package['matters'] if m != 'residence_permit']
json.dump(c, open(p, 'w'), ensure_ascii=False)"
name_permit_removed="
import json; p='content.json'; c=json.load(open(p)); c['removed_matters'] = ['residence_permit']
json.dump(c, open(p, 'w'))"

# 1. data/ as a bundle, from the factory content: nothing is required of it; confirmed, and slot a
#    remembers the matters it offers.
bundle good 2
install good
start_kiosk good
grep -q "config slot a confirmed" "$out/kiosk-good.log" || fail "slot a not confirmed: $(tail -5 "$out/kiosk-good.log")"
state "s['current'] == 'a' and s['a']['status'] == 'good' and 'residence_permit' in s['a']['offered_matters']"

# 2. residence_permit dropped without a word: it passes the install's checks (the catalog loads), but
#    the kiosk offered it before: its health check fails and it goes back to slot a by itself.
bundle dropped 3 "$drop_permit"
install dropped
start_kiosk dropped
grep -q "config slot b failed its health check (matters no longer offered: residence_permit)" "$out/kiosk-dropped.log" ||
    fail "slot b not rolled back: $(tail -5 "$out/kiosk-dropped.log")"
state "s['current'] == 'a' and s['b']['status'] == 'failed' and s['b']['reason'].startswith('matters no longer offered: residence_permit')"

# 3. The same change naming residence_permit in removed_matters: confirmed, and slot b remembers the
#    matters without it.
bundle removed 4 "$drop_permit
$name_permit_removed"
install removed
start_kiosk removed
grep -q "config slot b confirmed" "$out/kiosk-removed.log" || fail "slot b not confirmed: $(tail -5 "$out/kiosk-removed.log")"
state "s['current'] == 'b' and s['b']['status'] == 'good' and 'residence_permit' not in s['b']['offered_matters'] and len(s['b']['offered_matters']) == len(s['a']['offered_matters']) - 1"

# 4. A folder that names as removed a matter its catalog still has is refused at install.
bundle contradiction 5 "$name_permit_removed"
"$devctl" bundle install "$out/contradiction.owcb" --config "$out/kiosk.json" --staff 2001 --kiosk "$kiosk" \
    >"$out/install.out" 2>"$out/install.err" && fail "a contradicting content.json was installed"
grep -q "refused at load: .*offers matter 'residence_permit', which content.json lists in removed_matters" "$out/install.err" ||
    fail "not the contradiction: $(cat "$out/install.err")"
echo "bundle health: confirmed from the factory, a dropped matter rolled back, a removed one confirmed, a contradiction refused"
