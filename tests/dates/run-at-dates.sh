#!/usr/bin/env bash
# run-at-dates: runs test programs with the machine's clock moved to chosen dates (libfaketime), so a
# test that reads today's date instead of its injected clock fails here and not on the day it turns.
#   run-at-dates.sh PROGRAM [ARGS…]
# Each date starts the program's clock at that instant (UTC) and lets it run on; the monotonic clock
# is left alone, so timeouts still mean what they say.
set -euo pipefail

dates=(
    "2027-04-30 10:30:00" # Friday 18:30 in Shanghai, the evening before the May Day holiday
    "2026-12-31 15:59:30" # New Year's Eve, 23:59:30 in Shanghai: the run crosses into 2027
    "2028-02-29 04:00:00" # a leap day
    "2031-06-15 02:00:00" # years after every fixed date in the tests
)

if ! command -v faketime >/dev/null; then
    echo "run-at-dates: faketime is not installed (scripts/packages.txt lists it)" >&2
    exit 1
fi
# The check must be able to fail: a program under faketime has to see the date it was given.
seen=$(FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@2031-06-15 02:00:00" date -u +%Y-%m-%d)
if [[ $seen != 2031-06-15 ]]; then
    echo "run-at-dates: faketime does not move the clock here (date says $seen)" >&2
    exit 1
fi

failed=0
for date in "${dates[@]}"; do
    echo "== at $date UTC: $*"
    if ! FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$date" "$@"; then
        echo "run-at-dates: FAILED at $date UTC: $*" >&2
        failed=1
    fi
done
exit $failed
