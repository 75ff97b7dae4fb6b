"""Instructions per tap of bench.ui_taps, counted by callgrind: figures that another
engineer's run on the same cores does not change, as wall-clock times are.

Each timed turn of the kiosk (not the bare baseline's) runs inside `operator.call`,
so callgrind, told to count only inside that function and to write its counts when
it returns, leaves one file per turn, in the order this module writes down.

    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=_operator_call \\
        --dump-after=_operator_call --callgrind-out-file=DIR/cg.out \\
        .venv/bin/python -m bench.ui_taps_counted --order DIR/order.txt [--visits 5]
    .venv/bin/python -m bench.ui_taps_counted --sum DIR
"""

from __future__ import annotations

import argparse
import operator
import os
import re
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from bench import ui_taps
from bench.painted import quiet_offscreen_platform
from kiosk.settings.model import load_settings
from kiosk.visit.flow import VisitFlow
from offline_queue import Spool
from ui.offscreen import platform_spec

WARM_UP_VISITS = 3


class CountedVisits(ui_taps.Visits):
    """The bench's visits, each timed turn of the kiosk inside operator.call."""

    def __init__(self, flow: VisitFlow, services: ui_taps.BenchServices) -> None:
        super().__init__(flow, services)
        self.order: list[str] = []

    def turn(self, row: str, act: Callable[[], None], page: QWidget, record: bool) -> float:
        if not record:
            return ui_taps.time_to_paint(act, page)
        self.order.append(row)
        return operator.call(ui_taps.time_to_paint, act, page)


def run(visits: int, order: Path) -> None:
    os.environ["QT_QPA_PLATFORM"] = platform_spec("portrait")  # before the QApplication
    app = QApplication.instance() or QApplication([])
    quiet_offscreen_platform()
    catalog = ui_taps.catalog_with_ten_fields()
    with tempfile.TemporaryDirectory(prefix="bench-counted-") as tmp, \
            Spool(Path(tmp) / "spool.sqlite3", Path(tmp) / "spool.key", device_prefix="K0107",
                  clock=lambda: ui_taps.OPEN_HOURS) as spool:
        services = ui_taps.BenchServices(spool)
        flow = VisitFlow(lambda: catalog, services, load_settings().ui,
                         clock=lambda: ui_taps.OPEN_HOURS)
        visits_run = CountedVisits(flow, services)
        for n in range(WARM_UP_VISITS + visits):
            visits_run.visit(record=n >= WARM_UP_VISITS)
        visits_run.window.close()
        visits_run.bare.close()
    app.processEvents()
    order.write_text("".join(row + "\n" for row in visits_run.order), encoding="utf-8")


def summed(folder: Path) -> dict[str, list[int]]:
    """Instructions of each timed turn, by row, from callgrind's files in `folder`."""
    rows = (folder / "order.txt").read_text(encoding="utf-8").splitlines()
    files = sorted(folder.glob("cg.out.*"), key=lambda path: int(path.suffix[1:]))
    counts = [int(re.search(r"^summary: (\d+)", path.read_text(errors="replace"), re.M)[1])
              for path in files]
    if len(counts) != len(rows):
        raise SystemExit(f"{len(counts)} callgrind files for {len(rows)} turns in {folder}")
    by_row: dict[str, list[int]] = {}
    for row, count in zip(rows, counts, strict=True):
        by_row.setdefault(row, []).append(count)
    return by_row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=5, help="timed visits (default 5)")
    parser.add_argument("--order", type=Path, help="run the visits; write the turns' rows here")
    parser.add_argument("--sum", type=Path, help="print the median count of each row")
    args = parser.parse_args(argv)
    if args.sum is not None:
        for row, counts in summed(args.sum).items():
            print(f"{row:38}{len(counts):4} turns  median {statistics.median(counts) / 1e6:8.1f} M"
                  f"  (min {min(counts) / 1e6:.1f}, max {max(counts) / 1e6:.1f})")
    elif args.order is not None:
        run(args.visits, args.order)
    else:
        parser.error("--order or --sum")


if __name__ == "__main__":
    main()
