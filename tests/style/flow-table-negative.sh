#!/usr/bin/env bash
# The flow table and navigation are checked when they compile: a scene row whose class takes another
# argument than its SceneId names, and a go<id>() with the wrong argument type, must not compile —
# while the right ones do (so a failure is the check, not a broken command line).
#   flow-table-negative.sh <c++ compiler> <source dir> [-I/-isystem flags…]
set -euo pipefail
cxx=$1 repo=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

compiles() { "$cxx" -std=c++20 -fsyntax-only -I"$repo" "$@" "$work/case.cpp" >"$work/out" 2>&1; }
write() { printf '#include "ui/scenes/HomeScene.h"\n#include "ui/scenes/IdentifyScene.h"\nnamespace kiosk::ui {\n%s\n}\n' "$1" >"$work/case.cpp"; }

write 'constexpr SceneEntry kRow = scene_row<SceneId::Identify, IdentifyScene>("identify");
void right(Navigator& nav) { nav.go<SceneId::Identify>(IdentifyBy::Passport); nav.go<SceneId::Scan>(); }'
if ! compiles "$@"; then
    echo "FAIL: the right row and calls do not compile:"
    cat "$work/out"
    exit 1
fi

write 'constexpr SceneEntry kRow = scene_row<SceneId::Identify, HomeScene>("identify");'
if compiles "$@"; then
    echo "FAIL: a row showing HomeScene (no argument) for SceneId::Identify (IdentifyBy) compiled"
    exit 1
fi
grep -q "does not take the argument" "$work/out" || { echo "FAIL: the row failed for another reason:"; cat "$work/out"; exit 1; }

write 'void wrong(Navigator& nav) { nav.go<SceneId::Scan>(ItemKey{"package:newborn"}); }'
if compiles "$@"; then
    echo "FAIL: go<SceneId::Scan>(ItemKey) compiled; scan takes no argument"
    exit 1
fi
write 'void wrong(Navigator& nav) { nav.go<SceneId::Identify>(); }'
if compiles "$@"; then
    echo "FAIL: go<SceneId::Identify>() compiled without the IdentifyBy it needs"
    exit 1
fi
echo "flow table: a mismatched row and go() with a wrong or missing argument fail to compile; the right ones compile"
