#!/usr/bin/env bash
# check-print.sh PRINT_RENDER NAME
# Renders data/templates/NAME.json with data/templates/samples/NAME.json, rasterises page 1 at 100 dpi
# and compares it with tests/golden/images/print-NAME.png (compare-golden.sh; UPDATE_GOLDEN=1
# writes the new rendering as the golden image). The renderer is deterministic, but a few
# antialiasing pixels may still differ between poppler builds.
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

exec "$here/compare-golden.sh" "$actual" "$golden"
