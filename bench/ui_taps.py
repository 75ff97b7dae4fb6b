"""How long a tap takes to show the next screen, on the kiosk's heaviest screens.

A citizen who taps and sees nothing taps again. Each visit walks the real
window (ui.main_window.KioskWindow) over the real VisitFlow by taps: attract
-> the item grid (the bundled catalog and one more item) -> that item's
10-field form -> the review -> the result with its receipt preview -> back
to attract. The form is filled in between, untimed, as typing does
(flow.set_value). A tap is a mouse press and release at the button's middle,
sent to the window's QWindow as the platform sends a touchscreen's
synthesized mouse events, so it passes every filter a real touch passes. It
is timed from the press to the end of the event-loop turn that drew the new
page (see bench.painted), freeing the widgets of the page left included.
The flow's services are this process's own: a real spool in a temporary
folder and a printer that reports success when told, so no device or
network thread runs beside the GUI. The baseline, taking turns with the
kiosk's taps, is a tap that flips a bare QStackedWidget between two small
pages in a window of the same size. Prints p50, p99 and the ratios, and the
garbage collections that ran during the timed visits; never passes or fails on
time. For counts of instructions, which the machine's load does not change, see
bench.ui_taps_counted.

    .venv/bin/python -m bench.ui_taps [--visits N] [--quick]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bench.painted import PaintWatch, pump_until_painted, quiet_offscreen_platform
from config import bundled
from kiosk.catalog.items import Catalog, parse_catalog
from kiosk.settings.model import load_settings
from kiosk.uplink.client import CentralError
from kiosk.visit.availability import KioskStatus
from kiosk.visit.flow import Screen, VisitFlow
from offline_queue import Spool, SpoolSummary
from ui.main_window import KioskWindow
from ui.offscreen import platform_spec
from ui.screens.base import Page
from ui.taps import find

PAINT_LIMIT_S = 10.0
WARM_UP_VISITS = 5
SIZE = (1080, 1920)  # the portrait kiosk screen (ui/offscreen/portrait.json)
# a weekday morning, when every item of the bundled catalog is open
OPEN_HOURS = datetime(2026, 11, 24, 10, 0, tzinfo=timezone(timedelta(hours=8)))
SITE = {"zh_CN": "天河区政务服务中心", "en": "Tianhe Service Centre"}
BASE_ITEM = "440106-GAJ-001"  # the residence permit: 8 fields, the biggest bundled form
TEN_FIELDS = "BENCH-GAJ-10"
EXTRA_FIELDS = [
    {"name": "employer", "type": "string", "required": True, "max_length": 100,
     "label": {"zh_CN": "工作单位", "zh_TW": "工作單位", "en": "Employer"}},
    {"name": "remarks", "type": "text", "max_length": 500,
     "label": {"zh_CN": "备注", "zh_TW": "備註", "en": "Remarks"}},
]
ANSWERS = {
    "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000",
    "address": "广州市天河区天河路 100 号", "postal_code": "510630", "since": "2020-05-01",
    "reason": "work", "consent": "yes", "employer": "天河区某某科技有限公司", "remarks": "",
}
# (row, action tapped, its properties, the screen it leads to), in the order of a visit
STEPS: tuple[tuple[str, str, dict[str, str], Screen], ...] = (
    ("attract -> item grid", "start", {}, Screen.CHOOSE),
    ("item grid -> 10-field form", "item", {"item_code": TEN_FIELDS}, Screen.FORM),
    ("form -> review", "next", {}, Screen.REVIEW),
    ("review -> result + receipt preview", "confirm", {}, Screen.RESULT),
    ("result -> attract", "finish", {}, Screen.ATTRACT),
)
PRINTED = "printer done -> result repainted"  # not a tap: the printer's answer arriving
BASELINE = "bare QStackedWidget switch"


def catalog_with_ten_fields() -> Catalog:
    """The bundled catalog plus a copy of its biggest form grown to ten fields, asking no
    ID card, so a visit reaches the form by taps alone."""
    data = json.loads(bundled("catalog.json").read_text(encoding="utf-8"))
    base = next(item for item in data["items"] if item["code"] == BASE_ITEM)
    data["items"].insert(0, {**base, "code": TEN_FIELDS, "identity": "none",
                             "fields": base["fields"] + EXTRA_FIELDS})  # first: on screen
    return parse_catalog(data)


class BenchServices:
    """What the flow needs from the rest of the kiosk: a real spool; a printer that says
    "printed" when `finish_printing` is called, as the print queue's answer would."""

    device_id = "K0107-BENCH"
    site_name: dict[str, str] | str = SITE

    def __init__(self, spool: Spool) -> None:
        self.spool = spool
        self._printing: list[Callable[[bool, str], None]] = []

    def status(self) -> KioskStatus:
        verdict = self.spool.gate()
        return KioskStatus(gate_reason=None if verdict.open else f"gate_{verdict.reason}")

    def spool_submission(self, payload: dict[str, Any], *, item_code: str,
                         applicant_id: str | None) -> Any:
        return self.spool.put(payload, item_code=item_code, applicant_id=applicant_id)

    def local_cases(self, applicant_id: str) -> list[SpoolSummary]:
        return self.spool.find_by_applicant(applicant_id)

    def local_case(self, local_ref: str, lookup_token: str) -> SpoolSummary | None:
        return self.spool.find_by_local_ref(local_ref, lookup_token)

    def ask(self, question: Any, reply: Callable[[Any, CentralError | None], None]) -> None:
        reply(None, CentralError("no central in this benchmark"))

    def print(self, doc: Any, done: Callable[[bool, str], None]) -> None:
        self._printing.append(done)

    def finish_printing(self) -> None:
        while self._printing:
            self._printing.pop()(True, "")


def bare_stack() -> tuple[QWidget, list[tuple[QPushButton, QWidget]]]:
    """A window holding a QStackedWidget of two small pages, each with a button that shows
    the other: (window, [(button on the page showing, the page it leads to), ...])."""
    window, stack = QWidget(), QStackedWidget()
    QVBoxLayout(window).addWidget(stack)
    pages, flips = [QWidget(), QWidget()], []
    for n, page in enumerate(pages):
        column = QVBoxLayout(page)
        column.addWidget(QLabel(f"Page {n + 1}"))
        flip = QPushButton("Next")
        flip.clicked.connect(lambda _=False, other=pages[1 - n]: stack.setCurrentWidget(other))
        column.addWidget(flip)
        stack.addWidget(page)
        flips.append((flip, pages[1 - n]))
    window.resize(*SIZE)
    return window, flips


def time_to_paint(act: Callable[[], None], page: QWidget) -> float:
    """Seconds from `act` to the end of the event-loop turn that painted `page`."""
    app = QApplication.instance()
    watch = PaintWatch()
    page.installEventFilter(watch)
    start = time.perf_counter()
    act()
    pump_until_painted(app, watch, PAINT_LIMIT_S)
    elapsed = time.perf_counter() - start
    page.removeEventFilter(watch)
    return elapsed


def surface(page: Page) -> QWidget:
    """What paints when `page` is shown: its content, which fills the page's scroll area.
    The page itself lies under that scroll area's opaque viewport, so Qt paints it not at
    all."""
    return page.body.parentWidget()


def tap(widget: QWidget) -> Callable[[], None]:
    """A press and release at the middle of `widget`, delivered to its window's QWindow as
    the platform delivers a touch (QTest on the widget itself would skip that path)."""
    window = widget.window()
    point = widget.mapTo(window, widget.rect().center())
    hit = window.childAt(point)
    if hit is None or (hit is not widget and not widget.isAncestorOf(hit)):
        raise RuntimeError(f"{widget.objectName() or widget} is not on screen to be tapped")
    return lambda: QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=point)


class Visits:
    """The kiosk window and the bare stack, tapped in turns; latencies by row."""

    def __init__(self, flow: VisitFlow, services: BenchServices) -> None:
        self.flow, self.services = flow, services
        self.window = KioskWindow(flow, lambda language: SITE.get(language, SITE["zh_CN"]))
        self.window.resize(*SIZE)
        self.bare, self.flips = bare_stack()
        self.flipped = 0
        self.latencies: dict[str, list[float]] = {
            BASELINE: [], **{row: [] for row, *_ in STEPS}, PRINTED: []}
        time_to_paint(self.window.show, self.window)
        time_to_paint(self.bare.show, self.bare)

    def _flip(self) -> float:
        button, page = self.flips[self.flipped % 2]
        self.flipped += 1
        return time_to_paint(tap(button), page)

    def visit(self, record: bool) -> None:
        for row, action, props, screen in STEPS:
            if action == "next":
                for name, value in ANSWERS.items():
                    self.flow.set_value(name, value)
            button = find(self.window, action, **props)
            took = self.turn(row, tap(button), surface(self.window.pages[screen]), record)
            if self.flow.screen != screen:
                raise RuntimeError(f"{row}: the kiosk showed {self.flow.screen}, not {screen}")
            bare = self._flip()
            if record:
                self.latencies[row].append(took)
                self.latencies[BASELINE].append(bare)
            if screen == Screen.RESULT:
                printed = self.turn(PRINTED, self.services.finish_printing,
                                    surface(self.window.pages[Screen.RESULT]), record)
                if record:
                    self.latencies[PRINTED].append(printed)

    def turn(self, row: str, act: Callable[[], None], page: QWidget, record: bool) -> float:
        """One turn of the kiosk's `row`, timed (bench.ui_taps_counted counts it instead)."""
        return time_to_paint(act, page)


class Collections:
    """Python's garbage collections while it is installed, each one's time by generation:
    a full collection of the kiosk's objects inside a tap would be frames of its own."""

    def __init__(self) -> None:
        self.took: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.took[info["generation"]].append(time.perf_counter() - self._began)

    def summary(self) -> str:
        return "; ".join(f"generation {gen}: {len(took)}"
                         + (f" (longest {max(took) * 1000:.2f} ms)" if took else "")
                         for gen, took in self.took.items())


def _figures(latencies: list[float]) -> tuple[float, float, float]:
    """p50, p99 and max in ms; p99 by the inclusive method, never beyond the slowest tap."""
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[98] * 1000, max(latencies) * 1000


def report(latencies: dict[str, list[float]], visits: int, collections: Collections) -> None:
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"tap to next screen painted, {visits} visits after {WARM_UP_VISITS} untimed; "
          f"offscreen {SIZE[0]}x{SIZE[1]}; load average {load}")
    print(f"garbage collections during the timed visits: {collections.summary()}")
    print(f"{'':38}{'taps':>6}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}   ratio to bare: p50, p99")
    figures = {row: _figures(measured) for row, measured in latencies.items()}
    bare_p50, bare_p99, _ = figures[BASELINE]
    for row, (p50, p99, worst) in figures.items():
        print(f"{row:38}{len(latencies[row]):6}{p50:9.2f}{p99:9.2f}{worst:9.2f}   "
              f"{p50 / bare_p50:.1f}x, {p99 / bare_p99:.1f}x")


def measure(visits: int, collections: Collections) -> dict[str, list[float]]:
    """Latencies by row over `visits` timed visits, after WARM_UP_VISITS untimed ones;
    `collections` sees the garbage collections of the timed ones."""
    os.environ["QT_QPA_PLATFORM"] = platform_spec("portrait")  # before the QApplication
    app = QApplication.instance() or QApplication([])
    quiet_offscreen_platform()
    catalog = catalog_with_ten_fields()
    with tempfile.TemporaryDirectory(prefix="bench-taps-") as tmp, \
            Spool(Path(tmp) / "spool.sqlite3", Path(tmp) / "spool.key", device_prefix="K0107",
                  clock=lambda: OPEN_HOURS) as spool:
        services = BenchServices(spool)
        flow = VisitFlow(lambda: catalog, services, load_settings().ui,
                         clock=lambda: OPEN_HOURS)
        run = Visits(flow, services)
        for _ in range(WARM_UP_VISITS):
            run.visit(record=False)
        gc.callbacks.append(collections)
        for _ in range(visits):
            run.visit(record=True)
        gc.callbacks.remove(collections)
        run.window.close()
        run.bare.close()
    app.processEvents()
    return run.latencies


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1000,
                        help="timed visits: taps per screen (default 1000)")
    parser.add_argument("--quick", action="store_true", help="50 visits")
    args = parser.parse_args(argv)
    visits = 50 if args.quick else args.visits
    collections = Collections()
    report(measure(visits, collections), visits, collections)


if __name__ == "__main__":
    main()
