"""`kiosk demo`: the real kiosk against a local central and emulated devices.

With a display it opens the kiosk window and a dock for placing demo ID
cards. Without one it scripts a whole visit through the same window
offscreen, writing a screenshot of every screen and the printed receipt, so
anyone can see the product work from a terminal. The A4 printer is a cups-pdf
queue on the rig's own cupsd; what it printed is copied to `a4/` beside the
receipts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.clock import local_now
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.payment import POLL_EVERY
from rig.demo import DemoRig
from ui.offscreen import platform_spec
from ui.taps import choose_option, tap, tick_every_box, type_text

DEMO_PHONE = "13800138000"
DEMO_CITIZEN = "wang_xiuying"
DEMO_ITEM = "440106-MZJ-001"  # senior-citizen card, from the bundled demo catalog
DEMO_CERTIFICATE = "440106-SBJ-001"  # social-insurance payment certificate (query_print)
DEMO_PROGRESS = "440106-ZWB-003"  # case progress (case_status)
# the household record on A4, signed by the central, its fee paid with the phone first
DEMO_A4 = "440106-GAJ-004"
WAIT_LIMIT_S = 30.0


class SkewedClock:
    """Real time plus an offset the script can move: timeouts without waiting."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return local_now() + self.offset


def drawn_in_full(window: QWidget) -> bool:
    """Whether every widget of the screen on show is shown. A widget added to a visible
    window is shown by Qt in a later turn of the event loop; a frame grabbed before then
    has the screen's background and nothing on it (01-attract.png was at times blank
    but for the language bar: the central's catalog had rebuilt the idle screen in the
    turn before the frame)."""
    return not any(widget.isHidden()
                   and not widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
                   and widget.parentWidget() is not None and widget.parentWidget().isVisible()
                   for widget in window.findChildren(QWidget))


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Turn the event loop until `condition` holds (the demo's own peers answer in ms)."""
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"demo: gave up waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.02)


class DemoDock(QWidget):
    """Buttons that put a demo citizen's card on the emulated reader, or a printed
    receipt's QR code in front of the emulated scanner."""

    def __init__(self, rig: DemoRig, payment_shown: Callable[[], str | None]) -> None:
        """`payment_shown` names the payment whose code the kiosk shows, if any."""
        super().__init__()
        self.setWindowTitle("Demo dock")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Place a demo ID card:"))
        for slug, name in rig.card_names().items():
            btn = QPushButton(f"{name} ({slug})")
            btn.clicked.connect(lambda _=False, s=slug: rig.place_card(s))
            layout.addWidget(btn)
        remove = QPushButton("Remove card")
        remove.clicked.connect(rig.remove_card)
        layout.addWidget(remove)
        scan = QPushButton("Scan the last receipt's QR")
        scan.clicked.connect(rig.scan_last_receipt)
        layout.addWidget(scan)
        pay = QPushButton("Pay with phone (the code on screen)")
        pay.clicked.connect(lambda _=False: _pay(rig, payment_shown()))
        layout.addWidget(pay)
        layout.addWidget(QLabel(f"Receipts: {rig.receipts_dir}"))
        if rig.a4_output is not None:
            layout.addWidget(QLabel(f"A4 printer's PDFs: {rig.a4_output}"))


def payment_shown(flow: VisitFlow) -> str | None:
    """The payment whose code the kiosk shows now, if any."""
    pay = flow.visit.pay
    return None if pay is None or pay.payment is None else pay.payment["payment_id"]


def _pay(rig: DemoRig, payment_id: str | None) -> None:
    if payment_id is not None:
        rig.pay_with_phone(payment_id)


def run_demo(out_dir: Path, headless: bool) -> int:
    headless = headless or not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless:
        os.environ["QT_QPA_PLATFORM"] = platform_spec("portrait")
    from ui.app import KioskSession, quit_on_signals  # after the platform is chosen

    out_dir = out_dir.resolve()
    workdir = Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
    rig = DemoRig(workdir=workdir, receipts_dir=out_dir / "receipts", a4_dir=out_dir / "a4")
    clock = SkewedClock()
    try:
        settings = rig.start()
        session = KioskSession(settings, clock)
        try:
            if headless:
                scripted_visit(session, rig, clock, out_dir)
                return 0
            dock = DemoDock(rig, lambda: payment_shown(session.core.flow))
            session.window.resize(540, 960)
            session.window.show()
            # beside the kiosk, not under it: a display without a window manager (Xvfb)
            # puts every window at the top left
            dock.move(session.window.frameGeometry().right() + 24, 0)
            dock.show()
            quit_on_signals(session.app)
            return session.app.exec()
        finally:
            session.stop()
    finally:
        rig.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _online_visit(window, flow, rig: DemoRig, shot: Callable[[str], None]) -> None:
    """The receipt's QR shown to the scanner, then the same citizen again: a
    certificate printed on the spot, their cases, and a rating of one of them."""
    rig.scan_last_receipt()
    wait_until(lambda: flow.screen == Screen.RESULT, "the scanned receipt's case")
    shot("scanned-receipt")
    tap(window, "finish")
    rig.place_card(DEMO_CITIZEN)
    wait_until(lambda: flow.screen == Screen.CHOOSE, "the ID card to be read")
    tap(window, "item", item_code=DEMO_CERTIFICATE)
    choose_option(window, "months", "12")
    tap(window, "next")
    wait_until(lambda: flow.screen == Screen.RESULT and flow.visit.outcome.printed is not None,
                "the certificate to print")
    shot("certificate")
    tap(window, "finish")
    rig.place_card(DEMO_CITIZEN)
    wait_until(lambda: flow.screen == Screen.CHOOSE, "the ID card to be read")
    tap(window, "item", item_code=DEMO_PROGRESS)
    tap(window, "next")
    wait_until(lambda: flow.screen == Screen.RESULT, "the case list")
    shot("progress")
    tap(window, "rate_case")
    tap(window, "rate_5")
    tap(window, "next")
    tap(window, "confirm")
    wait_until(lambda: flow.visit.outcome.printed is not None, "the thanks slip")
    shot("rating")
    tap(window, "finish")
    rig.remove_card()


def _a4_visit(window, flow, rig: DemoRig, clock: SkewedClock,
              shot: Callable[[str], None]) -> None:
    """The same citizen's signed A4 record: its fee paid by phone (as the dock's button
    pays it), then fetched, verified, printed through CUPS with a slip naming the fee."""
    rig.place_card(DEMO_CITIZEN)
    wait_until(lambda: flow.screen == Screen.CHOOSE, "the ID card to be read")
    tap(window, "item", item_code=DEMO_A4)
    choose_option(window, "purpose", "school")
    tap(window, "next")
    wait_until(lambda: payment_shown(flow) is not None, "the pay code")
    shot("a4-pay")
    _pay(rig, payment_shown(flow))
    clock.offset += POLL_EVERY  # the kiosk's next question hears "paid" without a wait
    flow.tick()
    wait_until(lambda: flow.screen == Screen.RESULT and flow.visit.outcome.printed is not None,
                "the A4 record to print")
    shot("a4-certificate")
    tap(window, "finish")
    rig.remove_card()


def _a4_test_page(core, rig: DemoRig) -> list[Path]:
    """The technician's A4 test page through the rig's CUPS queue; the PDFs the A4
    printer put out (the certificate's too), copied beside the receipts."""
    ended: list[tuple[bool, str]] = []
    core.a4_test_pages.send("demo A4 test page", lambda ok, detail: ended.append((ok, detail)))
    wait_until(lambda: bool(ended), "the A4 test page")
    if not ended[0][0]:
        raise RuntimeError(f"demo: the A4 test page failed: {ended[0][1]}")
    wait_until(lambda: len(rig.collect_a4()) >= 2, "cups-pdf's PDFs")
    return rig.collect_a4()


def scripted_visit(session, rig: DemoRig, clock: SkewedClock, out_dir: Path) -> None:
    """One whole visit by a demo citizen, with a screenshot of every screen."""
    window, flow, core = session.window, session.core.flow, session.core
    window.resize(1080, 1920)
    window.show()
    out_dir.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []

    def shot(name: str) -> None:
        QApplication.processEvents()
        wait_until(lambda: drawn_in_full(window), f"the {name} screen to be drawn")
        path = out_dir / f"{len(shots) + 1:02d}-{name}.png"
        window.grab().save(str(path))
        shots.append(path)

    before = rig.central.counters()
    wait_until(lambda: core.catalogs.source == "cache", "the central's catalog")
    shot("attract")
    rig.place_card(DEMO_CITIZEN)
    wait_until(lambda: flow.screen == Screen.CHOOSE, "the ID card to be read")
    shot("choose")
    tap(window, "item", item_code=DEMO_ITEM)
    wait_until(lambda: flow.screen == Screen.FORM, "the form")
    # the platform already holds her phone: shown masked, she changes it and mistypes
    wait_until(lambda: "phone" in flow.visit.form.from_profile, "the platform's profile")
    shot("form-prefilled")
    tap(window, "prefill_change_phone")
    type_text(window, "phone", "1380013")
    tick_every_box(window)
    tap(window, "next")
    shot("form-with-a-problem")
    type_text(window, "phone", DEMO_PHONE)
    tap(window, "next")
    wait_until(lambda: flow.screen == Screen.REVIEW, "the review")
    shot("review")
    tap(window, "confirm")
    wait_until(lambda: flow.visit.outcome is not None and flow.visit.outcome.printed is not None,
                "the receipt to print")
    shot("result")
    wait_until(lambda: core.spool.stats().delivered >= 1, "delivery to the central")
    rig.remove_card()
    clock.offset += timedelta(seconds=core.settings.ui.result_timeout_s + 1)
    flow.tick()
    wait_until(lambda: flow.screen == Screen.ATTRACT, "the timeout back to the start")
    shot("attract-after-timeout")
    _online_visit(window, flow, rig, shot)
    _a4_visit(window, flow, rig, clock, shot)
    a4_pages = _a4_test_page(core, rig)
    _summary(out_dir, shots, rig, core.spool.stats().delivered, before, a4_pages)


def _summary(out_dir: Path, shots: list[Path], rig: DemoRig, delivered: int,
             before: dict[str, Any], a4_pages: list[Path]) -> None:
    receipts = sorted(rig.receipts_dir.glob("*.png"))
    print(f"demo: screens in {out_dir}")
    for path in shots:
        print(f"  {path.name}")
    print(f"demo: receipt(s) in {rig.receipts_dir}: {', '.join(p.name for p in receipts)}")
    print(f"demo: A4 PDF(s) in {rig.a4_dir}: {', '.join(p.name for p in a4_pages)}")
    print(f"demo: delivered to the central: {delivered}")
    after = rig.central.counters()  # the central's own count, not the kiosk's
    print("demo: the central's counters: " + ", ".join(
        f"{name} {before[name]} -> {after[name]}" for name in ("submissions", "cases")))
