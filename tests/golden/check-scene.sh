#!/usr/bin/env bash
# check-scene.sh KIOSK NAME SCENE ARG LANG [extra kiosk args...]
# Renders one scene offscreen (fixed clock) and compares it with tests/golden/images/NAME.png.
# The comparison (and UPDATE_GOLDEN=1, which writes the new rendering as the golden image) is
# compare-golden.sh.
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

exec "$here/compare-golden.sh" "$actual" "$golden"
