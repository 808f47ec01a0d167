#!/usr/bin/env python3
"""Blackbox test of `kiosk-devctl mrz read` over rendered pages (make_mrz_pages.py).

Each PAGES/VARIANT/NAME.png is read; the JSON printed must equal NAME.json beside it (without the
"corrections" key). Per variant, the number of pages read right must reach the minimum in
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
    total_seconds, total_pages = 0.0, 0
    for variant in sorted(os.listdir(pages)):
        folder = os.path.join(pages, variant)
        passed, unreadable, wrong = [], [], []
        for name in sorted(n[:-4] for n in os.listdir(folder) if n.endswith(".png")):
            with open(os.path.join(folder, name + ".json")) as f:
                expected = json.load(f)
            start = time.monotonic()
            run = subprocess.run([devctl, "mrz", "read", os.path.join(folder, name + ".png"), "--json"],
                                 capture_output=True, text=True)
            total_seconds += time.monotonic() - start
            total_pages += 1
            if run.returncode == 1 and run.stdout == "" and len(run.stderr.strip().splitlines()) == 1:
                unreadable.append(name)
                continue
            if run.returncode != 0:
                wrong.append(f"{name} (exit {run.returncode}: {run.stderr.strip()})")
                continue
            got = json.loads(run.stdout)
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
    print(f"{total_pages} pages, {total_seconds / max(total_pages, 1):.2f} s per page (process included)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
