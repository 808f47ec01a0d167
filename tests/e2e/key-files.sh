#!/usr/bin/env bash
# key-files.sh KIOSK OUT_DIR: a kiosk whose outbox key is open to other users (0644) or is a symbolic
# link starts, names the file and what to do in the log, and goes out of service (reason "keys");
# with the key at 0600 the same config serves (the attract screen). Real files, real modes.
set -euo pipefail
kiosk=$1 out=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out" && mkdir -p "$out"
python3 - "$repo" "$out" <<'PY'
import json, sys
repo, out = sys.argv[1], sys.argv[2]
config = json.load(open(repo + "/data/config/kiosk.json"))
config["paths"] = {"catalog": repo + "/data/catalog/sample-catalog.json",
                   "strings": repo + "/data/i18n/strings.json", "templates": repo + "/data/templates",
                   "database": out + "/kiosk.db", "scans": out + "/scans", "drafts": out + "/drafts"}
config["outbox"] = {"dir": out + "/outbox", "key_file": out + "/outbox.key"}
json.dump(config, open(out + "/kiosk.json", "w"), ensure_ascii=False)
PY
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$out/real.key"
run() { # NAME: runs the kiosk for 3 s; the scene trace in $out/NAME.trace, the log in $out/NAME.log
    SDL_VIDEODRIVER=offscreen "$kiosk" --config "$out/kiosk.json" --trace-scenes --exit-after-ms 3000 \
        >"$out/$1.trace" 2>"$out/$1.log"
}
fail() { echo "FAIL: $*"; exit 1; }

cp "$out/real.key" "$out/outbox.key" && chmod 644 "$out/outbox.key"
run world-readable
grep -q "keys: .*$out/outbox.key: key file is open to group or others (mode 0644); chmod 600" \
    "$out/world-readable.log" || fail "no key error in the log: $(cat "$out/world-readable.log")"
[[ $(tail -1 "$out/world-readable.trace") == "scene out-of-service" ]] ||
    fail "not out of service with a 0644 key: $(cat "$out/world-readable.trace")"

rm "$out/outbox.key" && chmod 600 "$out/real.key" && ln -s "$out/real.key" "$out/outbox.key"
run symlink
grep -q "keys: .*outbox.key: a key file must not be a symbolic link" "$out/symlink.log" ||
    fail "no symlink error in the log: $(cat "$out/symlink.log")"
[[ $(tail -1 "$out/symlink.trace") == "scene out-of-service" ]] || fail "not out of service with a symlink"

rm "$out/outbox.key" && cp "$out/real.key" "$out/outbox.key" && chmod 600 "$out/outbox.key"
run private
! grep -q "keys: " "$out/private.log" || fail "a 0600 key was refused: $(cat "$out/private.log")"
grep -q "scene attract" "$out/private.trace" || fail "a 0600 key: not serving: $(cat "$out/private.trace")"
! grep -q "scene out-of-service" "$out/private.trace" || fail "a 0600 key: out of service"
echo "key files: 0644 and a symlink put the kiosk out of service, 0600 serves"
