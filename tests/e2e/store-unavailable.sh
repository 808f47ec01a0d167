#!/usr/bin/env bash
# store-unavailable.sh KIOSK OUT_DIR: a kiosk whose store cannot be opened starts, says so in the
# log, and goes out of service (reason "storage") instead of accepting applications it cannot keep.
set -euo pipefail
kiosk=$1 out=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out" && mkdir -p "$out"
python3 - "$repo" "$out" <<'PY'
import json, sys
repo, out = sys.argv[1], sys.argv[2]
config = json.load(open(repo + "/data/config/kiosk.json"))
config["paths"] = {"catalog": repo + "/data/catalog/sample-catalog.json",
                   "strings": repo + "/data/i18n/strings.json", "templates": repo + "/data/templates", "database": "/proc/no-such-dir/kiosk.db"}
json.dump(config, open(out + "/kiosk.json", "w"), ensure_ascii=False)
PY
SDL_VIDEODRIVER=offscreen "$kiosk" --config "$out/kiosk.json" --trace-scenes --exit-after-ms 3000 \
    >"$out/trace.txt" 2>"$out/kiosk.log"
grep -q 'local store: .*/proc/no-such-dir/kiosk.db' "$out/kiosk.log" || { echo "no store error in the log"; cat "$out/kiosk.log"; exit 1; }
[[ $(tail -1 "$out/trace.txt") == "scene out-of-service" ]] || { echo "not out of service:"; cat "$out/trace.txt"; exit 1; }
echo "store unavailable: logged, out of service"
