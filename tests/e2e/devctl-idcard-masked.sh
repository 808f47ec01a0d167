#!/usr/bin/env bash
# kiosk-devctl idcard decode masks the personal fields unless --unmasked (a reader check at a kiosk in
# service may happen in front of a citizen): the fixture's name, ID number and address must not appear
# in the default output, and must appear in full with --unmasked.
set -euo pipefail
devctl=$1 frames=$2
frame=$frames/resident.hex expected=$frames/resident.json
name=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["name"])' "$expected")
number=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id_number"])' "$expected")
address=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["address"])' "$expected")

for format in "" --json; do
    masked=$("$devctl" idcard decode "$frame" $format)
    for secret in "$name" "$number" "$address"; do
        if grep -qF -- "$secret" <<<"$masked"; then
            echo "FAIL: idcard decode $format printed a personal field in full: $masked" >&2
            exit 1
        fi
    done
    grep -qF -- "${number:0:4}" <<<"$masked" || { echo "FAIL: the masked number keeps no prefix: $masked" >&2; exit 1; }
    full=$("$devctl" idcard decode "$frame" $format --unmasked)
    for secret in "$name" "$number" "$address"; do
        grep -qF -- "$secret" <<<"$full" || { echo "FAIL: --unmasked left out a field: $full" >&2; exit 1; }
    done
done
echo "idcard decode: masked by default, in full with --unmasked (text and JSON)"
