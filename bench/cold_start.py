"""How long the kiosk takes from process start to its first painted attract screen,
beside a minimal PySide6 window.

A kiosk restarts after a power cut, an update or the watchdog, and the
screen stays black until the first frame: that wait is the figure. The
baseline is the floor of any PySide6 application: a fresh Python that
imports Qt, creates the QApplication and paints one full-screen label. A
second window does the same after loading the kiosk's settings (pydantic and
the settings models): the floor of a start that checks all its configuration
before it draws, which `kiosk run` no longer does (kiosk.settings.files).
Both are fresh child processes (bench.first_paint), taking turns, on the
offscreen platform at the kiosk's portrait size; the kiosk is started by its
own `kiosk run` command against the demo rig (the reference central and the
emulated devices, enrolled once in this process and handed to the children
as a KIOSK_CONFIG file). "Painted" is the end of the event-loop turn that
drew the window's first frame (see bench.first_paint), timed from just
before the child is spawned. The kiosk's first frame is its idle screen,
drawn before the core (ui.welcome); "ready" is the end of the turn that drew
the kiosk's own window, built over the core in the turn after that frame,
and "settled" one turn later, when the kiosk has built what it puts off
until then (its keyboard, its core's workers) and its event loop is free for
a tap: what a citizen can use. Then one more kiosk start under
`-X importtime` lists the ten imports with the highest cumulative time,
up to "settled": the worker threads' imports after the first frame are in
it, and a thread's import counts the time it waited for the GIL.
Prints medians, p90s and the ratio, and the CPU time each child had spent
at "settled" (its main thread's, the one a tap waits for, and its whole
process's): a busy machine stretches those far less than the wall clock, so
they compare two trees measured at different loads. Never passes or fails
on time.

    .venv/bin/python -m bench.cold_start [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.first_paint import CPU_MAIN, CPU_PROCESS, KINDS
from rig.campaign import settings_toml
from rig.demo import DemoRig
from ui.offscreen import platform_spec

CHILD_LIMIT_S = 60.0
# the child's stamps, in order: its main() running (Python and the module up), the
# QApplication made (for the kiosk, after the imports of `kiosk run`), the first window
# shown, the first frame drawn, the kiosk's own window drawn (built over its core after
# the first frame), and the turn after that, in which the kiosk builds its on-screen
# keyboard and starts its core's workers
PHASES = ("main", "app", "shown", "painted", "ready", "settled")
TOP_IMPORTS = 10


def _child(kind: str, env: dict[str, str], stderr: Path, *flags: str) -> dict[str, float]:
    """One fresh child to its first painted frame: its stamps, relative to the spawn."""
    spawned = time.perf_counter()
    with stderr.open("w") as errors, subprocess.Popen(
            [sys.executable, *flags, "-m", "bench.first_paint", kind], env=env,
            stdout=subprocess.PIPE, stderr=errors, text=True) as child:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], CHILD_LIMIT_S)
        line = child.stdout.readline() if ready else ""
        try:
            child.wait(timeout=CHILD_LIMIT_S)
        except subprocess.TimeoutExpired:
            child.kill()
    if not line.startswith("{"):
        tail = stderr.read_text()[-2000:]
        raise RuntimeError(f"the {kind} child never reported a painted frame:\n{tail}")
    return {phase: at if phase in (CPU_MAIN, CPU_PROCESS) else at - spawned
            for phase, at in json.loads(line).items()}


def import_profile(stderr: str) -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) of `-X importtime` output, the slowest first."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        own, cumulative, module = line.removeprefix("import time:").split("|", 2)
        rows.append((int(cumulative), int(own), module.strip()))
    return sorted(rows, reverse=True)


def _quantiles(values: list[float]) -> tuple[float, float]:
    """Median and p90 in ms (p90 by the inclusive method: a handful of runs has no tail)."""
    return (statistics.median(values) * 1000,
            statistics.quantiles(values, n=10, method="inclusive")[8] * 1000)


def _report(runs: dict[str, list[dict[str, float]]]) -> None:
    print(f"{'':34}{'median ms':>10}{'p90 ms':>9}   median of each phase, ms from spawn: "
          + ", ".join(PHASES))
    medians = {}
    for kind, stamps in runs.items():
        painted = [s["painted"] for s in stamps]
        medians[kind], p90 = _quantiles(painted)
        phases = ", ".join(f"{statistics.median(s[p] for s in stamps) * 1000:.0f}"
                           for p in PHASES)
        print(f"{kind + ' window':34}{medians[kind]:10.0f}{p90:9.0f}   {phases}")
    print(f"ratio kiosk / minimal window (medians): {medians['kiosk'] / medians['minimal']:.2f}x")
    print(f"ratio settings window / minimal window (medians): "
          f"{medians['settings'] / medians['minimal']:.2f}x (the floor of a start that "
          f"checks all its settings before it draws)")
    for phase, what in (("ready", "its own window drawn over the core"),
                        ("settled", "keyboard built, workers started: a tap is served")):
        at = statistics.median(s[phase] for s in runs["kiosk"]) * 1000
        print(f"kiosk {phase} ({what}): median {at:.0f} ms, "
              f"{at / medians['minimal']:.2f}x the minimal window's first frame")
    for cpu, whose in ((CPU_MAIN, "the main thread's"), (CPU_PROCESS, "the process's")):
        spent = ", ".join(f"{kind} {statistics.median(s[cpu] for s in stamps) * 1000:.0f}"
                          for kind, stamps in runs.items())
        print(f"CPU time to settled, {whose}, median ms: {spent}")
    # each kiosk start follows a minimal one (and a settings one): the ratio of each pair
    # cancels what the machine was doing then (the minimal window alone moves by half)
    pairs = sorted(k["painted"] / m["painted"] for m, k in zip(runs["minimal"], runs["kiosk"],
                                                                strict=True))
    print(f"ratio of each pair (kiosk / the minimal window started just before it): median "
          f"{statistics.median(pairs):.2f}x, range {pairs[0]:.2f}-{pairs[-1]:.2f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed starts of each window")
    parser.add_argument("--quick", action="store_true", help="3 runs each")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp:
        folder = Path(tmp)
        rig = DemoRig(workdir=folder / "rig", receipts_dir=folder / "receipts")
        try:
            config = folder / "kiosk.toml"
            config.write_text(settings_toml(rig.start().model_dump(mode="json")))
            env = {**os.environ, "KIOSK_CONFIG": str(config),
                   "QT_QPA_PLATFORM": platform_spec("portrait")}
            stderr = folder / "child.stderr"
            for kind in KINDS:  # untimed: the disk cache, the spool's files
                _child(kind, env, stderr)
            timed: dict[str, list[dict[str, float]]] = {kind: [] for kind in KINDS}
            for _ in range(runs):
                for kind, stamps in timed.items():
                    stamps.append(_child(kind, env, stderr))
            _child("kiosk", env, stderr, "-X", "importtime")
            imports = import_profile(stderr.read_text())
        finally:
            rig.stop()
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"process start to first painted frame, {runs} fresh processes each, taking turns; "
          f"offscreen 1080x1920; load average {load}")
    _report(timed)
    print(f"import time of the kiosk's start to settled, worker threads' included "
          f"(-X importtime), top {TOP_IMPORTS} by cumulative:")
    print(f"{'cumulative ms':>14}{'self ms':>9}   module")
    for cumulative, own, module in imports[:TOP_IMPORTS]:
        print(f"{cumulative / 1000:14.1f}{own / 1000:9.1f}   {module}")


if __name__ == "__main__":
    main()
