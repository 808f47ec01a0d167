#!/usr/bin/env python3
"""Blackbox test of `kiosk-devctl mrz read` over rendered pages (make_mrz_pages.py).

Each PAGES/VARIANT/NAME.png is read (all of them by one `mrz read` process, one JSON line each); the
result must equal NAME.json beside it (without the "corrections" key). Per variant, the number of pages read right must reach the minimum in
MIN_PASS (tests/fixtures/mrz-images/min-pass.json), so recognition quality is a number in git.
A page read *wrong* (exit 0 with different fields) fails the test outright: an unreadable page
must say so, never guess.

usage: mrz_blackbox.py KIOSK_DEVCTL PAGES MIN_PASS
"""
import json
import os
import subprocess
import sys
import time


def main():
    devctl, pages, min_pass_path = sys.argv[1:4]
    with open(min_pass_path) as f:
        min_pass = json.load(f)["min_pass"]
    failed = False
    variants = sorted(os.listdir(pages))
    names = {v: sorted(n[:-4] for n in os.listdir(os.path.join(pages, v)) if n.endswith(".png")) for v in variants}
    images = [os.path.join(pages, v, n + ".png") for v in variants for n in names[v]]
    # One process for every page: the reader (and its Tesseract) loads once, as in the kiosk.
    start = time.monotonic()
    run = subprocess.run([devctl, "mrz", "read", *images, "--json"], capture_output=True, text=True)
    total_seconds, total_pages = time.monotonic() - start, len(images)
    if run.returncode not in (0, 1):
        print(f"kiosk-devctl mrz read failed (exit {run.returncode}): {run.stderr.strip()}")
        return 1
    answers = {}
    for line in run.stdout.splitlines():
        answer = json.loads(line)
        answers[answer["image"]] = answer
    for variant in variants:
        passed, unreadable, wrong = [], [], []
        for name in names[variant]:
            image = os.path.join(pages, variant, name + ".png")
            with open(os.path.join(pages, variant, name + ".json")) as f:
                expected = json.load(f)
            answer = answers.get(image)
            if answer is None:
                wrong.append(f"{name} (no answer)")
                continue
            if "error" in answer:
                unreadable.append(name)
                continue
            got = answer["mrz"]
            if not isinstance(got.pop("corrections", None), list):
                wrong.append(f"{name} (no corrections list)")
            elif got == expected:
                passed.append(name)
            else:
                diff = {k: (expected.get(k), got.get(k)) for k in set(expected) | set(got) if expected.get(k) != got.get(k)}
                wrong.append(f"{name} {diff}")
        need = min_pass.get(variant)
        print(f"{variant:14} passed {len(passed):2}  unreadable {len(unreadable):2}  wrong {len(wrong)}"
              f"  (minimum {need})")
        if unreadable:
            print("    unreadable:", " ".join(unreadable))
        for item in wrong:
            print("    WRONG:", item)
        if wrong or need is None or len(passed) < need:
            failed = True
    print(f"{total_pages} pages in one process, {total_seconds / max(total_pages, 1):.2f} s per page")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
