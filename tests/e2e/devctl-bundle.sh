#!/usr/bin/env bash
# devctl-bundle.sh DEVCTL KIOSK KIOSKCTL OUT_DIR: a config bundle installed at the kiosk with
# kiosk-devctl (docs/ConfigBundles.md §10), each refusal stage, the kiosk starting on what was
# installed, and a rollback. The bundles are the repository's data/ (scripts/sample-bundle, signed
# with the TEST-ONLY fleet key) and copies of it changed in one place.
set -euo pipefail
devctl=$1 kiosk=$2 kioskctl=$3 out=$4
repo=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out" && mkdir -p "$out"
fail() { echo "FAIL: $*"; exit 1; }

# shellcheck source=tests/e2e/lib/bundle-kiosk.sh
. "$repo/tests/e2e/lib/bundle-kiosk.sh"
bundle_kiosk_config
install() { "$devctl" bundle install "$1" --config "$out/kiosk.json" --staff 2001 --kiosk "$kiosk" \
    >"$out/install.out" 2>"$out/install.err"; }

# 1. A good bundle: installed into slot a, on trial.
bundle good 2
install "$out/good.owcb" || fail "the good bundle was refused: $(cat "$out/install.err")"
grep -q "into slot a, on trial: the kiosk serves from it from its" "$out/install.out" || fail "no word of the slot: $(cat "$out/install.out")"
"$devctl" bundle status --config "$out/kiosk.json" --json >"$out/status.json"
python3 - "$out/status.json" <<'PY' || fail "status: $(cat "$out/status.json")"
import json, sys
status = json.load(open(sys.argv[1]))
assert status["current"] == "a", status
assert status["a"]["status"] == "trial" and status["a"]["version"] == 2, status
PY

# 2. The kiosk starts on it (offscreen, briefly) and says so.
SDL_VIDEODRIVER=offscreen "$kiosk" --config "$out/kiosk.json" --exit-after-ms 1500 >/dev/null 2>"$out/kiosk.log" || true
grep -q "content: a (catalog" "$out/kiosk.log" || fail "the kiosk did not serve from slot a: $(grep -v ' info device' "$out/kiosk.log" | tail -5)"

# 3. Refusals, each at its stage, the slots unchanged.
bundle same 2
install "$out/same.owcb" && fail "the same version was installed again"
grep -q "refused at verify: .*version" "$out/install.err" || fail "not a version refusal: $(cat "$out/install.err")"
bundle nostring 3 "
import json; p='i18n/strings.json'; s=json.load(open(p)); del s['catalog.title']; json.dump(s, open(p, 'w'), ensure_ascii=False)"
install "$out/nostring.owcb" && fail "a bundle without catalog.title was installed"
grep -q "refused at load: .*strings.json: 'catalog.title' is missing" "$out/install.err" ||
    fail "not the missing string: $(cat "$out/install.err")"
bundle norender 4 "
import json; p='templates/samples/receipt.json'; s=json.load(open(p)); s['matters'] = 'not a list'; json.dump(s, open(p, 'w'), ensure_ascii=False)"
install "$out/norender.owcb" && fail "a template failing at render time was installed"
grep -q "refused at load: .*receipt.json: does not render with its sample data" "$out/install.err" ||
    fail "not the render refusal: $(cat "$out/install.err")"
cp "$out/good.owcb" "$out/tampered.owcb"
printf 'X' | dd of="$out/tampered.owcb" bs=1 seek=200 conv=notrunc status=none
install "$out/tampered.owcb" && fail "a tampered bundle was installed"
grep -q "refused at verify" "$out/install.err" || fail "not a verify refusal: $(cat "$out/install.err")"
"$devctl" bundle status --config "$out/kiosk.json" --json >"$out/status.json"
python3 - "$out/status.json" <<'PY' || fail "status after refusals: $(cat "$out/status.json")"
import json, sys
status = json.load(open(sys.argv[1]))
assert status["current"] == "a" and status["a"]["version"] == 2 and status["b"]["status"] == "empty", status
refused = [e for e in status["history"] if e["outcome"] == "refused"]
assert len(refused) >= 3, status["history"]
PY

# 4. Rolled back by staff: the factory content (slot a was the only one), audited.
"$devctl" bundle rollback --config "$out/kiosk.json" --staff 2001 --reason "test" >"$out/rollback.out" ||
    fail "rollback: $(cat "$out/rollback.out")"
grep -q "now on factory" "$out/rollback.out" || fail "rollback: $(cat "$out/rollback.out")"
sqlite3 "$out/kiosk.db" "SELECT kind FROM audit_log" >"$out/audit.txt"
for kind in bundle-installed bundle-refused bundle-rolled-back; do
    grep -qx "$kind" "$out/audit.txt" || fail "no $kind in the audit log: $(cat "$out/audit.txt")"
done

# 5. A running kiosk, nobody at it, reloads on an install by itself (kiosk/ContentApply.cpp): the new
#    slot's content after the reload, its health check passed; then on a rollback, the factory's again.
SDL_VIDEODRIVER=offscreen "$kiosk" --config "$out/kiosk.json" --exit-after-ms 60000 >/dev/null 2>"$out/running.log" &
running=$!
trap 'kill $running 2>/dev/null || true' EXIT
wait_log() { # wait_log PATTERN [N]: until the running kiosk's log has N lines with it (30 s)
    for _ in $(seq 300); do
        (($(grep -c "$1" "$out/running.log") >= ${2:-1})) && return 0
        kill -0 $running 2>/dev/null || fail "the kiosk ended: $(tail -5 "$out/running.log")"
        sleep 0.1
    done
    fail "no '$1' in the running kiosk's log: $(grep -v ' info device' "$out/running.log" | tail -8)"
}
wait_log "first frame after"
bundle reload 5
install "$out/reload.owcb" || fail "the reload bundle was refused: $(cat "$out/install.err")"
wait_log "content reload: first frame .* ms after the reload began"
wait_log "info content: [ab] (catalog .*), on trial"
wait_log "config slot [ab] confirmed"
"$devctl" bundle rollback --config "$out/kiosk.json" --staff 2001 --reason "test reload" >"$out/rollback.out" ||
    fail "rollback: $(cat "$out/rollback.out")"
wait_log "content reload: first frame" 2
grep "info content: " "$out/running.log" | tail -1 | grep -q "content: factory (catalog .*)$" ||
    fail "not back on the factory content: $(grep 'info content: ' "$out/running.log")"
kill $running
echo "devctl bundle: installed on trial, the kiosk served from it, four refusals at their stages, rolled back," \
    "a running kiosk reloaded on an install and a rollback"
