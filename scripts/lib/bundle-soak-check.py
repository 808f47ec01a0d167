#!/usr/bin/env python3
"""The check after each kill of scripts/bundle-soak (docs/ConfigBundles.md "Kill -9 soak of the whole
install"), on what `kiosk-devctl bundle status --json` left (it opened the slots, which recovers):

- `current` names a slot (or the factory folder) and the link on disk agrees with the status;
- that slot is whole: its marker lists exactly the files present, each of its size and SHA-256,
  re-hashed here (not trusting open()'s own check);
- it holds exactly the files of ONE bundle, byte for byte as that bundle's signed manifest lists them,
  and that bundle is the one current before the trial or the one the trial installed (never a mix);
- nothing but the slots, the link, state.json, the lock and the staging folder `incoming` (only after
  a kill: a finished install removes it) is in the slots' folder, and the state folder stays within
  the given size.

Prints "ok old|new v<N> <slot> <bytes> <entries>" or "FAIL: why" (exit 1).

  bundle-soak-check.py STATUS.json STATE_DIR MANIFESTS_DIR BEFORE_VERSION NEW_VERSION EXIT_STATUS MAX_BYTES
"""
import hashlib
import json
import os
import sys

MARKER = ".slot-complete.json"
ALLOWED = {"a", "b", "current", "state.json", ".lock", "incoming"}


def fail(why):
    print("FAIL: " + why)
    sys.exit(1)


def files_of(folder):
    found = {}
    for parent, folders, names in os.walk(folder):
        for name in folders:
            if os.path.islink(os.path.join(parent, name)):
                fail(f"{os.path.join(parent, name)}: a symbolic link in a slot")
        for name in names:
            path = os.path.join(parent, name)
            relative = os.path.relpath(path, folder)
            if relative == MARKER:
                continue
            if os.path.islink(path) or not os.path.isfile(path):
                fail(f"{relative}: not a regular file in the slot")
            with open(path, "rb") as f:
                data = f.read()
            found[relative] = (len(data), hashlib.sha256(data).hexdigest())
    return found


def main():
    status_file, state_dir, manifests, before, new, exit_status, max_bytes = sys.argv[1:8]
    before, new, exit_status, max_bytes = int(before), int(new), int(exit_status), int(max_bytes)
    status = json.load(open(status_file))
    config = os.path.join(state_dir, "config")
    current = status["current"]
    if current not in ("a", "b", "factory"):
        fail(f"current is '{current}'")
    link = os.readlink(os.path.join(config, "current"))
    if current == "factory":
        if not os.path.isabs(link):
            fail(f"status says factory, the link names {link}")
        if before != 0:
            fail(f"back on the factory content after v{before} was current")
        version = 0
    else:
        if link != current:
            fail(f"status says {current}, the link names {link}")
        folder = os.path.join(config, current)
        try:
            marker = json.load(open(os.path.join(folder, MARKER)))
        except (OSError, ValueError) as error:
            fail(f"slot {current}: no marker that reads ({error})")
        listed = {f["path"]: (f["size"], f["sha256"]) for f in marker["files"]}
        present = files_of(folder)
        if listed != present:
            differ = sorted(set(listed.items()) ^ set(present.items()))[:3]
            fail(f"slot {current}: the files do not match the marker: {differ}")
        version = marker["version"]
        if status[current]["version"] != version:
            fail(f"slot {current}: status says v{status[current]['version']}, the marker v{version}")
        if version not in (before, new):
            fail(f"slot {current} holds v{version}: neither the bundle before (v{before}) nor the new one (v{new})")
        manifest = json.load(open(os.path.join(manifests, f"{version}.json")))
        signed = {f["path"]: (f["size"], f["sha256"]) for f in manifest["files"]}
        if signed != present:
            differ = sorted(set(signed.items()) ^ set(present.items()))[:3]
            fail(f"slot {current}: a mix, not the files of v{version}: {differ}")
    if exit_status == 0 and version != new:
        fail(f"the install said done, yet current holds v{version}, not v{new}")

    entries = set(os.listdir(config))
    if entries - ALLOWED:
        fail(f"leftovers in {config}: {sorted(entries - ALLOWED)}")
    if exit_status == 0 and "incoming" in entries:
        fail("a finished install left its staging folder")
    total, count = 0, 0
    for parent, folders, names in os.walk(state_dir):
        count += len(folders) + len(names)
        total += sum(os.lstat(os.path.join(parent, name)).st_size for name in names)
    if total > max_bytes:
        fail(f"the state folder holds {total} bytes, above the bound {max_bytes}")
    outcome = "new" if version == new and new != before else "old"
    print(f"ok {outcome} v{version} {current} {total} {count}")


main()
