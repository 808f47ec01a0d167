#!/usr/bin/env bash
# The kiosk image's cupsd.conf (images/cups/cupsd.conf) is one cupsd accepts, keeps no printed
# document once its job is over (PreserveJobFiles No) and keeps job records for a bounded time the
# kiosk can read a job's end in (PreserveJobHistory in seconds, at least 300); the test rig's cupsd
# (scripts/print-rig) does the same, so the tests print the way a kiosk does.
#   cupsd-config.sh <source dir>
set -euo pipefail
repo=$1
conf=$repo/images/cups/cupsd.conf
fail() { echo "FAIL: $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/cups-files.conf"
cupsd -t -c "$conf" -s "$work/cups-files.conf" >"$work/check" 2>&1 || fail "cupsd rejects $conf: $(cat "$work/check")"
for file in "$conf" "$repo/scripts/print-rig"; do
    grep -Eq '^PreserveJobFiles +No$' "$file" || fail "$file: no 'PreserveJobFiles No'"
    history=$(sed -nE 's/^PreserveJobHistory +([0-9]+)$/\1/p' "$file")
    [[ -n $history ]] || fail "$file: PreserveJobHistory must be a number of seconds"
    ((history >= 300)) || fail "$file: PreserveJobHistory $history s is too short for the kiosk to read a job's end"
done
echo "cupsd.conf: no documents kept, job records for $history s"
