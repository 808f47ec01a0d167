#!/usr/bin/env bash
# check-print.sh PRINT_RENDER NAME
# Renders data/templates/NAME.json with data/templates/samples/NAME.json, rasterises page 1 at 100 dpi
# and compares it with tests/golden/images/print-NAME.png. The renderer is deterministic; a few
# antialiasing pixels may still differ between poppler builds, a moved or missing block may not.
# UPDATE_GOLDEN=1 writes the new rendering as the golden image instead (look at it before committing).
set -euo pipefail
render=$1 name=$2
here=$(cd "$(dirname "$0")" && pwd)
templates="$here/../../data/templates"
golden="$here/images/print-$name.png"
out_dir=${GOLDEN_OUT:-$PWD/golden-out}
mkdir -p "$out_dir"
pdf="$out_dir/print-$name.pdf"
actual="$out_dir/print-$name.png"

"$render" "$templates/$name.json" "$templates/samples/$name.json" "$pdf" >"$out_dir/print-$name.log" 2>&1 ||
    { cat "$out_dir/print-$name.log"; exit 1; }
pdftoppm -r 100 -f 1 -l 1 -png -singlefile "$pdf" "${actual%.png}"

if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then
    cp "$actual" "$golden"
    echo "updated $golden"
    exit 0
fi
[[ -f $golden ]] || { echo "no golden image $golden (run with UPDATE_GOLDEN=1, then look at it)"; exit 1; }

read -r gw gh < <(identify -format '%w %h\n' "$golden")
read -r aw ah < <(identify -format '%w %h\n' "$actual")
if [[ "$gw $gh" != "$aw $ah" ]]; then
    echo "size differs: golden ${gw}x${gh}, actual ${aw}x${ah} (a receipt's length follows its content)"
    exit 1
fi
# Pixels differing by more than 12% in any channel; compare exits 1 when images differ, 2 on error.
differing=$(compare -metric AE -fuzz 12% "$golden" "$actual" "$out_dir/print-$name-diff.png" 2>&1 >/dev/null || true)
differing=${differing%%.*}
[[ $differing =~ ^[0-9]+$ ]] || { echo "compare failed: $differing"; exit 1; }
allowed=$((gw * gh / 1000)) # 0.1 % of the page
echo "print-$name: $differing pixels differ (allowed $allowed)"
if ((differing > allowed)); then
    echo "rendering changed: see $actual and $out_dir/print-$name-diff.png"
    exit 1
fi
