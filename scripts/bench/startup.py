#!/usr/bin/env python3
"""Startup benchmark: OneWindow's kiosk against a Chromium kiosk page of the same attract screen.

Both run the same way, side by side, in one run: launch -> the attract screen rendered -> exit, with
the wall time and the peak memory of the whole process tree (Chromium is many processes), Pss
sampled every 10 ms from /proc. The kiosk's own figures (first frame in a real X window, frame
times per scene) come from its --exit-after-first-frame and --bench-frames modes.
"""
import os, statistics, subprocess, sys, tempfile, time

def tree_pss_kb(root_pid):
    """Sum of the proportional set size (Pss) over root_pid and its descendants: memory shared
    between Chromium's processes is counted once, not once per process as VmRSS would."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
        except (OSError, IndexError, ValueError):
            pass
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total

def run_sampled(command, env=None):
    """Runs command to completion; returns (wall seconds, peak tree Pss kB, stdout)."""
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_pss_kb(process.pid))
        time.sleep(0.01)
    wall = time.monotonic() - start
    out = process.stdout.read().decode()
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}")
    return wall, peak, out

def median(values):
    return statistics.median(values)

def main():
    kiosk, config, html, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    chromium = "/usr/bin/chromium"
    work = tempfile.mkdtemp(prefix="bench-")
    results = {}

    print(f"# {runs} cold starts each; medians. Display {os.environ.get('DISPLAY')} (Xvfb), 1920x1080.")
    first, rss = [], []
    for _ in range(runs):
        _, _, out = run_sampled([kiosk, "--config", config, "--exit-after-first-frame"])
        fields = dict(line.split(None, 1) for line in out.splitlines() if line)
        first.append(float(fields["first_frame_ms"]))
        rss.append(int(fields["peak_rss_kb"]))
    print(f"kiosk window: first_frame_ms {median(first):.1f}  peak_rss_mb {median(rss) / 1024:.1f}")

    _, _, out = run_sampled([kiosk, "--config", config, "--bench-frames", "300"])
    for line in out.splitlines():
        if line.startswith("frame_ms"):
            print("kiosk window:", line)

    walls, peaks = [], []
    for _ in range(runs):
        wall, peak, _ = run_sampled([kiosk, "--config", config, "--screenshot", f"{work}/kiosk.png", "--scene", "attract"])
        walls.append(wall); peaks.append(peak)
    results["kiosk"] = (median(walls), median(peaks))

    if os.path.exists(chromium):
        walls, peaks = [], []
        for i in range(runs):
            profile = f"{work}/profile-{i}"  # a fresh profile each time: a cold start
            wall, peak, _ = run_sampled([chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
                                         "--no-first-run", f"--user-data-dir={profile}", "--hide-scrollbars",
                                         "--window-size=1920,1080", f"--screenshot={work}/chromium.png",
                                         "file://" + os.path.abspath(html)])
            walls.append(wall); peaks.append(peak)
        results["chromium"] = (median(walls), median(peaks))
    else:
        print("chromium not installed: no comparison (scripts/bench-startup installs it)")

    print()
    print("launch -> attract screen rendered to PNG -> exit (whole process tree)")
    print(f"{'':10} {'wall_ms':>9} {'peak_pss_mb':>12}")
    for name, (wall, peak) in results.items():
        print(f"{name:10} {wall * 1000:9.0f} {peak / 1024:12.1f}")
    if "chromium" in results:
        (kw, kp), (cw, cp) = results["kiosk"], results["chromium"]
        print(f"ratio      {cw / kw:8.1f}x {cp / kp:11.1f}x   (chromium / kiosk)")
    print(f"screenshots: {work}/kiosk.png {work}/chromium.png")

if __name__ == "__main__":
    main()
