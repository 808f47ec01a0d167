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

# A scratch tree: allowed includes on several floors, and three reaching where they must not: a scene
# for a driver, core for a service above it, the hub for the kiosk's drivers.
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/core/base" "$tree/core/domain" "$tree/ui/scenes" "$tree/kiosk" "$tree/hub"
printf '#include "core/base/Result.h"\n' >"$tree/core/base/Fine.cpp"
printf '#include "ui/toolkit/Widget.h"\n#include "services/case/CitizenCase.h"\n' >"$tree/ui/scenes/FineScene.cpp"
printf '#include "drivers/idcard/IdCardReader.h"\n' >"$tree/kiosk/FineApp.cpp"
printf '#include "ui/toolkit/Widget.h"\n#include "drivers/idcard/IdCardReader.h"\n' >"$tree/ui/scenes/SneakyScene.cpp"
printf '#include "core/base/Result.h"\n#include "services/case/CitizenCase.h"\n' >"$tree/core/domain/SneakyRule.cpp"
printf '#include "core/protocol/Application.h"\n#include "drivers/printer/CupsPrinter.h"\n' >"$tree/hub/SneakyHub.cpp"

if output=$(cmake -DSOURCE_DIR="$tree" -P "$rules" 2>&1); then
    echo "FAIL: the layer check accepted ui/scenes/SneakyScene.cpp including drivers/"
    exit 1
fi
for expected in 'ui/scenes/SneakyScene.cpp: includes "drivers/idcard/IdCardReader.h"' \
    'core/domain/SneakyRule.cpp: includes "services/case/CitizenCase.h"' \
    'hub/SneakyHub.cpp: includes "drivers/printer/CupsPrinter.h"'; do
    if ! grep -qF "$expected" <<<"$output"; then
        echo "FAIL: the layer check did not name: $expected"
        echo "$output"
        exit 1
    fi
done
if grep -q 'Fine' <<<"$output"; then
    echo "FAIL: the layer check blamed an allowed include:"
    echo "$output"
    exit 1
fi
echo "layer check: the real tree passes; a scene on a driver, core on a service, the hub on a driver each fail it, named"
