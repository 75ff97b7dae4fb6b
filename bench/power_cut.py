"""Power cuts at scale: the spool on a disk that forgets every unflushed write, cut hundreds
of times while a kiosk puts, claims and marks; afterwards no confirmed put may be lost.

The kill campaign's SIGKILLs cannot show a missing flush, because the page cache
outlives the process. Here the spool runs on rig.power_cut_disk, a FUSE file
system that keeps what was not flushed apart and forgets it when the power
goes (rig.power_cut says how a round runs and what is checked after each
"reboot"). Half the rounds forget every unflushed write, half keep each with
chance 0.5, as a disk that wrote back part of its cache would. Exits 1 if any
promise was broken; never passes or fails on time. Needs /dev/fuse and root (or
fusermount3), as tools/setup.sh leaves the machine.

    .venv/bin/python -m bench.power_cut [--cuts N] [--seed S] [--most-changes M]
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from rig.power_cut import KINDS, Campaign, Ledger
from rig.power_cut_child import NOW


def report(ledger: Ledger, most_changes: int, seconds: float) -> list[str]:
    lines = [f"{ledger.rounds} power cuts, each before a change drawn from 1-{most_changes} "
             "(a write, truncation, flush or name change); cut:"]
    lines += [f"  {where:58}{count:6,}" for where, count in sorted(ledger.cut_at.items())]
    lines += [f"{'puts confirmed (returned, and reported)':60}{len(ledger.puts):6,}",
              f"{'deliveries confirmed':60}{len(ledger.delivered):6,}",
              f"{'entries after the last reboot':60}{ledger.entries:6,}"]
    lines += [f"{KINDS[kind]:60}{ledger.problems[kind]:6,}" for kind in KINDS]
    lines.append(f"took {seconds:.0f} s")
    lines += ledger.examples
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuts", type=int, default=200, help="power cuts to make")
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--most-changes", type=int, default=400,
                        help="the latest change a round's cut may come before")
    args = parser.parse_args(argv)
    # each reboot's spool says what it recovered; the report counts what matters
    logging.getLogger("offline_queue").setLevel(logging.ERROR)
    print(f"power-cut campaign: seed {args.seed}", flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-power-cut-") as tmp:
        campaign = Campaign(Path(tmp), args.cuts, args.seed, most_changes=args.most_changes)
        ledger = campaign.run(NOW)
    print("\n".join(report(ledger, args.most_changes, time.perf_counter() - started)))
    return 1 if sum(ledger.problems.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
