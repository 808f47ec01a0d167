#!/usr/bin/env bash
# devctl-scan.sh DEVCTL OUT_DIR
# kiosk-devctl scan as staff and outside checks use it, on the scanning rig (scripts/scan-rig: SANE's
# test and pnm backends): the rig's devices are listed; test:0 scans at 150 dpi to PNG; a prepared
# document, turned and on a dark glass, goes through pnm:0 to a one-page PDF and a JPEG that OCR still
# reads; a jam, a missing device and bad usage end with the contract's exit codes and leave no file.
set -euo pipefail
devctl=$1 out=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out" && mkdir -p "$out"
eval "$("$repo/scripts/scan-rig" "$out/rig")"
fail() { echo "FAIL: $*"; exit 1; }
expect_exit() { # expect_exit CODE COMMAND...
    local want=$1 got=0
    shift
    "$@" >"$out/stdout" 2>"$out/stderr" || got=$?
    ((got == want)) || fail "exit $got, not $want: $* ($(cat "$out/stderr"))"
}

expect_exit 0 "$devctl" scanner list
grep -q '^test:0' "$out/stdout" || fail "test:0 not listed: $(cat "$out/stdout")"
grep -q '^pnm:0' "$out/stdout" || fail "pnm:0 not listed"

# test:0 at 150 dpi: an A4 page (1240 x 1754), grey
expect_exit 0 "$devctl" scan --device test:0 --dpi 150 --set "test-picture=Color pattern" --out "$out/test.png"
size=$(identify -format '%w %h' "$out/test.png")
[[ $size == "1240 175"[34] ]] || fail "test:0 at 150 dpi gave $size"
grep -q "scanned 1240x175[34] at 150 dpi" "$out/stdout" || fail "no scan summary: $(cat "$out/stdout")"

# A prepared document through pnm:0: cropped, straightened, one A4 page in the PDF, readable as JPEG
convert -size 1240x1754 xc:white -font Noto-Sans-CJK-SC -fill black -pointsize 48 -annotate +100+200 'CERTIFICATE OF RESIDENCE' \
    -pointsize 24 -annotate +100+320 'The holder lives at 12 Harbour Road since 2019.' -depth 8 "$out/doc.png"
convert "$out/doc.png" -background '#404040' -rotate 2.5 -gravity center -extent 1400x1950 -depth 8 "$out/glass.png"
expect_exit 0 "$devctl" scan --device pnm:0 --file "$out/glass.png" --dpi 150 --out "$out/doc.pdf"
pdfinfo "$out/doc.pdf" | grep -Eq '^Pages: +1$' || fail "the PDF does not have one page"
grep -Eq "skew -?2\.[3-7]" "$out/stdout" || fail "skew not measured as 2.5°: $(cat "$out/stdout")"
expect_exit 0 "$devctl" scan --device pnm:0 --file "$out/glass.png" --dpi 150 --out "$out/doc.jpg"
w=$(identify -format '%w' "$out/doc.jpg")
((w > 1200 && w < 1280)) || fail "the page was not cropped to the sheet: width $w"
tesseract "$out/doc.jpg" - -l eng 2>/dev/null | grep -q RESIDENCE || fail "the scanned page no longer reads"
[[ -z $(ls /tmp | grep '^kiosk-scan-' || true) ]] || echo "note: other kiosk-scan temp folders exist in /tmp"

# Faults and usage: exit 1 with one line naming the cause, exit 2 for usage; no file either way
expect_exit 1 "$devctl" scan --device test:0 --dpi 75 --set read-return-value=SANE_STATUS_JAMMED --out "$out/jam.png"
grep -q "jammed" "$out/stderr" || fail "the jam is not named: $(cat "$out/stderr")"
(($(wc -l <"$out/stderr") == 1)) || fail "more than one line on stderr"
[[ ! -e $out/jam.png ]] || fail "a failed scan left a file"
expect_exit 1 "$devctl" scan --device test:7 --out "$out/absent.png"
grep -q "not available" "$out/stderr" || fail "a missing scanner is not said: $(cat "$out/stderr")"
expect_exit 2 "$devctl" scan --device test:0 --out "$out/x.bmp"
expect_exit 2 "$devctl" scan --out "$out/x.png"
expect_exit 2 "$devctl" scan --device pnm:0 --file "$out/no-such.png" --out "$out/x.png"
[[ ! -e $out/x.png ]] || fail "a usage error left a file"
echo "devctl scan: all checks passed"
