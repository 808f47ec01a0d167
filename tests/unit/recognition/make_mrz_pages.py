#!/usr/bin/env python3
"""Renders passport-like data pages with an OCR-B MRZ for the MRZ reader's blackbox test.

For every tests/fixtures/mrz/NAME.txt (the lines) and NAME.json (what parse_mrz returns for them),
writes OUT/VARIANT/NAME.png and OUT/VARIANT/NAME.json: a 300 dpi page the size of a passport data
page (ICAO 9303-4: 125 x 88 mm) or of an ID card (TD1, 85.6 x 54 mm; TD2 105 x 74 mm), printed
text above, the MRZ at the bottom in OCR-B at 10 characters per inch, then degraded per variant.

usage: make_mrz_pages.py FIXTURES_DIR OUT_DIR
"""
import json
import os
import shutil
import subprocess
import sys

OCR_B = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
CONVERT = "/usr/bin/convert"
# Page size in pixels at 300 dpi, by MRZ line length (ICAO 9303 parts 4, 5, 6).
PAGES = {44: (1476, 1039), 36: (1240, 874), 30: (1011, 638)}
# How each variant degrades the page: a scanner's noise, a blurred scan, a page laid askew.
VARIANTS = {
    "clean": [],
    "noise": ["-attenuate", "0.6", "+noise", "Gaussian"],
    "blur": ["-blur", "0x1.2"],
    "rotate_plus": ["-background", "white", "-rotate", "1.5"],
    "rotate_minus": ["-background", "white", "-rotate", "-1.5"],
    "combined": ["-background", "white", "-rotate", "1", "-blur", "0x0.8", "-attenuate", "0.4", "+noise", "Gaussian"],
}
# 10 cpi is 30 px at 300 dpi; OCR-B's advance is 0.7 em, so the size is 30 / 0.7 px = 10.3 pt.
MRZ_POINTS = "10.3"
LINE_PITCH = 50  # px between MRZ baselines (ICAO: 4.23 mm = 50 px)


def render(lines, path, variant):
    width, height = PAGES[len(lines[0])]
    left = (width - 30 * len(lines[0])) // 2
    first_baseline = height - 40 - LINE_PITCH * (len(lines) - 1)
    command = [CONVERT, "-size", f"{width}x{height}", "xc:white", "-density", "300", "-fill", "black",
               "-font", "DejaVu-Sans", "-pointsize", "9", "-annotate", f"+{left}+90", "PASSPORT / PASSEPORT  UTOPIA",
               "-pointsize", "7", "-annotate", f"+{width // 3}+170", "Surname / Nom  WANG",
               "-annotate", f"+{width // 3}+230", "Given names / Prénoms  XIAO MING",
               "-annotate", f"+{width // 3}+290", "Date of birth  07 MAR 1990   Sex  M",
               "-fill", "none", "-stroke", "gray40", "-strokewidth", "3",
               "-draw", f"rectangle {left},130 {left + width // 4},{first_baseline - 120}",
               "-stroke", "none", "-fill", "black", "-font", OCR_B, "-pointsize", MRZ_POINTS]
    for i, line in enumerate(lines):
        command += ["-annotate", f"+{left}+{first_baseline + i * LINE_PITCH}", line]
    # A fixed seed: the same noise on every run, so the pass counts are reproducible.
    command += ["-seed", "7"] + VARIANTS[variant] + ["-colorspace", "Gray", "-units", "PixelsPerInch", "-density", "300", path]
    subprocess.run(command, check=True)


def main():
    fixtures, out = sys.argv[1], sys.argv[2]
    shutil.rmtree(out, ignore_errors=True)
    for variant in VARIANTS:
        os.makedirs(os.path.join(out, variant))
    for name in sorted(os.listdir(fixtures)):
        if not name.endswith(".txt"):
            continue
        stem = name[:-4]
        with open(os.path.join(fixtures, name)) as f:
            lines = [line.strip() for line in f if line.strip()]
        with open(os.path.join(fixtures, stem + ".json")) as f:
            expected = json.load(f)
        for variant in VARIANTS:
            render(lines, os.path.join(out, variant, stem + ".png"), variant)
            with open(os.path.join(out, variant, stem + ".json"), "w") as f:
                json.dump(expected, f, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
