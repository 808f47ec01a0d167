#!/usr/bin/env bash
# layer-check.sh REPO: the layer rules (cmake/CheckLayers.cmake) pass on the real tree and catch a
# scene that includes a driver, naming the file.
set -euo pipefail
repo=$1
cmake -DSOURCE_DIR="$repo" -P "$repo/cmake/CheckLayers.cmake"

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/ui/scenes" "$tree/kiosk/base"
printf '#include "kiosk/base/Result.h"\n' >"$tree/kiosk/base/Fine.cpp"
printf '#include "drivers/idcard/IdCardReader.h"\n' >"$tree/ui/scenes/Sneaky.cpp"
if output=$(cmake -DSOURCE_DIR="$tree" -P "$repo/cmake/CheckLayers.cmake" 2>&1); then
    echo "the layer check accepted ui/scenes including drivers/"
    exit 1
fi
grep -q 'ui/scenes/Sneaky.cpp: includes "drivers/idcard/IdCardReader.h"' <<<"$output" || {
    echo "the layer check failed without naming the file:"
    echo "$output"
    exit 1
}
if grep -q Fine.cpp <<<"$output"; then
    echo "the layer check blamed an allowed include"
    exit 1
fi
echo "layer check: real tree passes, a scene including a driver is caught"
