"""Every benchmark, one after the other: `python -m bench`.

A maintainer should learn in a few minutes whether a figure moved, without
remembering each benchmark's options. Each one runs as its own process
(`python -m bench.NAME`), so one's Qt application, threads or failure cannot
touch the next; its output is printed as it comes, under a heading. By
default each runs with the small counts below; `--full` runs each with its
own defaults, the counts the published figures use (the endurance run alone
takes about twenty minutes). `--record` writes the run into
docs/BENCHMARKS.md (bench.record): machine, date, command, commit, the
commits since the last recorded run, and every benchmark's output.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.record import record

# a quick endurance run draws its plot here, not over the published docs/endurance.png
QUICK_PLOT = Path(tempfile.gettempdir()) / "kiosk-endurance-quick.png"

# name -> the options of its quick run
QUICK: dict[str, tuple[str, ...]] = {
    "cold_start": ("--quick",),
    "ui_taps": ("--quick",),
    "spool": ("--count", "200", "--block", "50"),
    "spool_drain": ("--count", "200"),
    "idcard": ("--reads", "20", "--block", "5"),
    "receipt": ("--count", "3"),
    "a4_print": ("--count", "3"),
    "visits": ("--visits", "200", "--every", "50"),
    "central_load": ("--kiosks", "20", "--outage-s", "60"),
    "kill_campaign": ("--kills", "30"),
    "power_cut": ("--cuts", "20"),
    "endurance": ("--visits", "300", "--every", "100", "--png", str(QUICK_PLOT)),
}
QUICK_LIMIT_S = 900  # per benchmark; a quick run takes well under a minute
FULL_LIMIT_S = 3 * 3600  # the endurance run's 10,000 visits take about 20 minutes


def _epilog() -> str:
    lines = ["runs, in this order (with --full, each without these options):"]
    lines += [f"  python -m bench.{name} {' '.join(options)}" for name, options in QUICK.items()]
    return "\n".join(lines)


def run(name: str, options: tuple[str, ...], limit_s: float) -> tuple[int | str, float, str]:
    """One benchmark as a child process: its exit status (or why it has none), seconds,
    and what it printed (shown as it comes as well)."""
    command = [sys.executable, "-m", f"bench.{name}", *options]
    print(f"\n== {name}: {' '.join(command[1:])}", flush=True)
    started = time.monotonic()
    printed: list[str] = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True) as child:
        stopped = threading.Event()
        timer = threading.Timer(limit_s, lambda: (stopped.set(), child.kill()))
        timer.start()
        assert child.stdout is not None
        for line in child.stdout:
            print(line, end="", flush=True)
            printed.append(line)
        timer.cancel()
        code = child.wait()
    status: int | str = f"stopped after {limit_s:.0f} s" if stopped.is_set() else code
    return status, time.monotonic() - started, "".join(printed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.splitlines()[0], epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="only these benchmarks (default: all)")
    parser.add_argument("--full", action="store_true",
                        help="each benchmark with its own default counts (the published ones)")
    parser.add_argument("--record", action="store_true",
                        help="write this run into docs/BENCHMARKS.md")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    unknown = [name for name in args.names if name not in QUICK]
    if unknown:
        parser.error(f"no benchmark {', '.join(unknown)}; see `python -m bench --help`")
    limit_s = FULL_LIMIT_S if args.full else QUICK_LIMIT_S
    results = {name: run(name, () if args.full else QUICK[name], limit_s)
               for name in args.names or QUICK}
    print("\n== summary")
    for name, (status, seconds, _) in results.items():
        print(f"{name:14}{'ok' if status == 0 else f'FAILED ({status})':24}{seconds:7.1f} s")
    if args.record:
        command = " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])])
        outputs = {name: output if status == 0 else f"{output}\n(FAILED: {status})"
                   for name, (status, _, output) in results.items()}
        print(f"recorded in {record(command, outputs)}")
    return 0 if all(status == 0 for status, _, _ in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
