#!/usr/bin/env bash
# check-content.sh KIOSK OUT_DIR: `kiosk --check-content DIR` draws every scene offscreen in both
# languages with a content folder's catalog, strings and templates (docs/ConfigBundles.md). A copy of
# data/ passes; the same copy without one string a scene shows fails, naming the key; one whose catalog
# does not load fails, naming the file; a check run with a kiosk's config leaves its scan folder alone.
set -euo pipefail
kiosk=$1 out=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out" && mkdir -p "$out"
fresh() { rm -rf "$out/content" && cp -r "$repo/data" "$out/content"; }
check() { SDL_VIDEODRIVER=offscreen "$kiosk" --check-content "$out/content" >"$out/stdout" 2>"$out/stderr"; }

fresh
check || { echo "data/ did not pass:"; grep -v ' info ' "$out/stderr"; exit 1; }
drawn=$(sed -n 's/^scenes_drawn //p' "$out/stdout")
((drawn > 100)) || { echo "only $drawn scenes drawn"; exit 1; }

fresh
python3 - "$out/content/i18n/strings.json" <<'PY'
import json, sys
strings = json.load(open(sys.argv[1]))
del strings["catalog.title"]
json.dump(strings, open(sys.argv[1], "w"), ensure_ascii=False)
PY
if check; then echo "a table without catalog.title passed"; exit 1; fi
grep -q "the screens ask for 'catalog.title', which the strings do not have" "$out/stderr" ||
    { echo "no word of the missing key:"; grep -v ' info ' "$out/stderr"; exit 1; }

fresh
echo '{"departments": [' >"$out/content/catalog/sample-catalog.json"
if check; then echo "a broken catalog passed"; exit 1; fi
grep -q "sample-catalog.json" "$out/stderr" || { echo "the refusal does not name the catalog:"; cat "$out/stderr"; exit 1; }
# Run by kiosk-devctl while the kiosk serves, with the kiosk's own config: the scans of the citizen at
# the kiosk (its paths.scans) are not the check's to wipe.
fresh
mkdir -p "$out/scans/photo"
echo page >"$out/scans/photo/photo.pdf"
python3 - "$repo" "$out" <<'PY'
import json, sys
repo, out = sys.argv[1], sys.argv[2]
config = json.load(open(repo + "/data/config/kiosk.json"))
config["paths"]["scans"] = out + "/scans"
json.dump(config, open(out + "/kiosk.json", "w"), ensure_ascii=False)
PY
SDL_VIDEODRIVER=offscreen "$kiosk" --config "$out/kiosk.json" --check-content "$out/content" >"$out/stdout" 2>"$out/stderr" ||
    { echo "data/ did not pass with a config:"; grep -v ' info ' "$out/stderr"; exit 1; }
[[ -f "$out/scans/photo/photo.pdf" ]] || { echo "the check wiped the kiosk's scan folder"; exit 1; }
echo "check-content: data/ passes ($drawn scenes), a missing string and a broken catalog are refused, the"
echo "kiosk's scans are left alone"
