#!/usr/bin/env bash
# compare-golden.sh ACTUAL.png GOLDEN.png
# The one tolerant comparison of the golden tests (check-scene.sh, check-print.sh): with
# UPDATE_GOLDEN=1 it copies ACTUAL over GOLDEN instead (look at it before committing). Otherwise the
# sizes must match and at most 0.1 % of the pixels may differ by more than 12 % in any channel (a few
# antialiasing pixels between font renderers; a moved or missing widget or block is far more).
set -euo pipefail
actual=$1 golden=$2
name=$(basename "${golden%.png}")
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
diff_image="${actual%.png}-diff.png"
# compare exits 1 when the images differ, 2 on error; the count is on stderr.
differing=$(compare -metric AE -fuzz 12% "$golden" "$actual" "$diff_image" 2>&1 >/dev/null || true)
differing=${differing%%.*}
[[ $differing =~ ^[0-9]+$ ]] || { echo "compare failed: $differing"; exit 1; }
allowed=$((gw * gh / 1000))
echo "$name: $differing pixels differ (allowed $allowed)"
if ((differing > allowed)); then
    echo "rendering changed: see $actual and $diff_image"
    exit 1
fi
