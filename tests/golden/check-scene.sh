#!/usr/bin/env bash
# check-scene.sh KIOSK NAME SCENE ARG LANG [extra kiosk args...]
# Renders one scene offscreen (fixed clock) and compares it with tests/golden/images/NAME.png.
# A few antialiasing pixels may differ between font renderers; a moved or missing widget may not.
# UPDATE_GOLDEN=1 writes the new rendering as the golden image instead (look at it before committing).
set -euo pipefail
kiosk=$1 name=$2 scene=$3 arg=$4 lang=$5
shift 5
here=$(cd "$(dirname "$0")" && pwd)
golden="$here/images/$name.png"
out_dir=${GOLDEN_OUT:-$PWD/golden-out}
mkdir -p "$out_dir"
actual="$out_dir/$name.png"

args=(--screenshot "$actual" --scene "$scene" --lang "$lang")
[[ -n $arg ]] && args+=(--arg "$arg")
SDL_VIDEODRIVER=offscreen "$kiosk" "${args[@]}" "$@" 2>"$out_dir/$name.log"

if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then
    cp "$actual" "$golden"
    echo "updated $golden"
    exit 0
fi
[[ -f $golden ]] || { echo "no golden image $golden (run with UPDATE_GOLDEN=1, then look at it)"; exit 1; }

read -r gw gh < <(identify -format '%w %h\n' "$golden")
read -r aw ah < <(identify -format '%w %h\n' "$actual")
if [[ "$gw $gh" != "$aw $ah" ]]; then
    echo "size differs: golden ${gw}x${gh}, actual ${aw}x${ah}"
    exit 1
fi
# Pixels differing by more than 12% in any channel; compare exits 1 when images differ, 2 on error.
differing=$(compare -metric AE -fuzz 12% "$golden" "$actual" "$out_dir/$name-diff.png" 2>&1 >/dev/null || true)
differing=${differing%%.*}
[[ $differing =~ ^[0-9]+$ ]] || { echo "compare failed: $differing"; exit 1; }
allowed=$((gw * gh / 1000)) # 0.1 % of the screen
echo "$name: $differing pixels differ (allowed $allowed)"
if ((differing > allowed)); then
    echo "rendering changed: see $actual and $out_dir/$name-diff.png"
    exit 1
fi
