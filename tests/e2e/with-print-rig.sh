#!/usr/bin/env bash
# with-print-rig.sh RIG_DIR COMMAND [ARGS...]
# Runs COMMAND with a fresh printing rig (scripts/print-rig: a private cupsd and two virtual IPP
# printers) whose folder is in PRINT_RIG_DIR, and tears the rig down afterwards whatever happens.
set -euo pipefail
rig=$1
shift
repo=$(cd "$(dirname "$0")/../.." && pwd)
[[ -d $rig ]] && "$repo/scripts/print-rig" stop "$rig" >/dev/null 2>&1 || true
rm -rf "$rig"
"$repo/scripts/print-rig" start "$rig" >/dev/null
trap '"$repo/scripts/print-rig" stop "$rig" >/dev/null 2>&1 || true' EXIT
PRINT_RIG_DIR=$rig "$@"
