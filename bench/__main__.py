"""Every benchmark, one after the other, with small counts: `python -m bench`.

A maintainer should learn in a few minutes whether a figure moved, without
remembering each benchmark's options. Each one runs as its own process
(`python -m bench.NAME` with the quick options below), so one's Qt
application, threads or failure cannot touch the next; its output is
printed as it comes, under a heading. Nothing is written to a file: copy
what matters into docs/BENCHMARKS.md. For the published figures, run a
benchmark alone with its full defaults (`python -m bench.NAME --help`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

# name -> the options of its quick run
QUICK: dict[str, tuple[str, ...]] = {
    "cold_start": ("--quick",),
    "ui_taps": ("--quick",),
    "spool": ("--count", "200", "--block", "50"),
    "spool_drain": ("--count", "200"),
    "idcard": ("--reads", "20", "--block", "5"),
    "receipt": ("--count", "3"),
    "visits": ("--visits", "200", "--every", "50"),
    "central_load": ("--kiosks", "20", "--outage-s", "60"),
}
LIMIT_S = 900  # per benchmark; a quick run takes well under a minute


def _epilog() -> str:
    lines = ["runs, in this order:"]
    lines += [f"  python -m bench.{name} {' '.join(options)}" for name, options in QUICK.items()]
    return "\n".join(lines)


def run(name: str, options: tuple[str, ...]) -> tuple[int | str, float]:
    """One benchmark as a child process: its exit status (or why it has none) and seconds."""
    command = [sys.executable, "-m", f"bench.{name}", *options]
    print(f"\n== {name}: {' '.join(command[1:])}", flush=True)
    started = time.monotonic()
    try:
        status: int | str = subprocess.run(command, timeout=LIMIT_S, check=False).returncode
    except subprocess.TimeoutExpired:
        status = f"stopped after {LIMIT_S} s"
    return status, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.splitlines()[0], epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="only these benchmarks (default: all)")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in QUICK]
    if unknown:
        parser.error(f"no benchmark {', '.join(unknown)}; see `python -m bench --help`")
    results = {name: run(name, QUICK[name]) for name in args.names or QUICK}
    print("\n== summary")
    for name, (status, seconds) in results.items():
        print(f"{name:14}{'ok' if status == 0 else f'FAILED ({status})':24}{seconds:7.1f} s")
    return 0 if all(status == 0 for status, _ in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
