#!/usr/bin/env bash
# layer-check-negative.sh [REPO]: the layer rules (cmake/CheckLayers.cmake, run by the build's
# check_layers target) pass on the real tree, and fail on a scratch tree where a scene includes a
# driver, naming the offending file and include and not blaming an allowed one.
set -euo pipefail
repo=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
rules=$repo/cmake/CheckLayers.cmake

# The real tree, run exactly as the check_layers target runs it.
if ! output=$(cmake -DSOURCE_DIR="$repo" -P "$rules" 2>&1); then
    echo "FAIL: the layer check rejects the real tree:"
    echo "$output"
    exit 1
fi

# A scratch tree: one allowed include per layer that may use it, and one scene reaching for a driver.
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/kiosk/base" "$tree/ui/scenes" "$tree/kiosk/app"
printf '#include "kiosk/base/Result.h"\n' >"$tree/kiosk/base/Fine.cpp"
printf '#include "ui/toolkit/Widget.h"\n#include "kiosk/services/case/CitizenCase.h"\n' >"$tree/ui/scenes/FineScene.cpp"
printf '#include "drivers/idcard/IdCardReader.h"\n' >"$tree/kiosk/app/FineApp.cpp"
printf '#include "ui/toolkit/Widget.h"\n#include "drivers/idcard/IdCardReader.h"\n' >"$tree/ui/scenes/SneakyScene.cpp"

if output=$(cmake -DSOURCE_DIR="$tree" -P "$rules" 2>&1); then
    echo "FAIL: the layer check accepted ui/scenes/SneakyScene.cpp including drivers/"
    exit 1
fi
if ! grep -q 'ui/scenes/SneakyScene.cpp: includes "drivers/idcard/IdCardReader.h"' <<<"$output"; then
    echo "FAIL: the layer check failed without naming the file and its include:"
    echo "$output"
    exit 1
fi
if grep -q 'Fine' <<<"$output"; then
    echo "FAIL: the layer check blamed an allowed include:"
    echo "$output"
    exit 1
fi
echo "layer check: the real tree passes; a scene including a driver fails the check, named"
