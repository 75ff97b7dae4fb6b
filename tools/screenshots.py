"""Every screen of the kiosk, in both orientations and the three languages, as PNGs.

    .venv/bin/python tools/screenshots.py [--out docs/screens]

The real window over the demo rig (reference central, emulated reader and
printer), offscreen, driven by taps as a citizen would; each picture is taken
after the screen has painted, at half the screen's size. The files are named
by orientation, language and step, so a change to a screen shows up as a
change to its files.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import requests
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.service.technician import hash_pin
from kiosk.settings.model import Sentences
from kiosk.visit.flow import Screen
from rig.demo import DemoRig
from ui.app import KioskSession
from ui.demo import SkewedClock, wait_until
from ui.keyboard.tapping import focus_field, tap_candidate, tap_keys
from ui.languages import LANGUAGES
from ui.main_window import KioskWindow
from ui.offscreen import ORIENTATIONS, platform_spec, show_full_screen_on
from ui.screens.attract import CORNER_PX, GESTURE_TAPS
from ui.taps import choose_option, find, tap, tick_every_box, type_text

PIN = "314159"
CITIZEN = "wang_xiuying"
SENIOR_CARD, CERTIFICATE = "440106-MZJ-001", "440106-SBJ-001"
PROGRESS, BOOKING = "440106-ZWB-003", "440106-ZWB-001"
CARD_FEE = "440106-GAJ-002"  # a replacement ID card, with its card fee paid by phone
CERTIFIED_RECORD = "440106-GAJ-003"  # a certified household record, paid before it prints
SEALED_RECORD = "440106-GAJ-004"  # the same record on A4, paid before CUPS prints it
TYPED_ID, TYPED_NAME = "310104199511020041", "陈晓燕"  # a demo citizen the central has a phone for
HOLD_MS = 1500  # how long the central keeps the waiting screen up for its picture
# as config/kiosk.example.toml has them: the out-of-service page shows both
ONLINE_HALL = "https://www.gdzwfw.gov.cn/"
NEAREST = Sentences(
    zh_CN="最近的自助服务点：天河区政务服务中心一楼大厅（天河路 2 号，步行约 5 分钟）",
    zh_TW="最近的自助服務點：天河區政務服務中心一樓大廳（天河路 2 號，步行約 5 分鐘）",
    en="Nearest alternative: Tianhe District Service Centre, ground floor "
       "(2 Tianhe Road, 5 minutes on foot)")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "docs" / "screens"


class Camera:
    """Takes the window's picture under a numbered name, once its screen has painted."""

    def __init__(self, session: KioskSession, out: Path) -> None:
        self.session, self.out, self.count = session, out, 0
        out.mkdir(parents=True, exist_ok=True)

    def shoot(self, name: str) -> None:
        for _ in range(5):  # the keyboard's slide and the page's layout settle in a few turns
            QApplication.processEvents()
            QTest.qWait(40)
        self.count += 1
        shot = self.session.window.grab()  # half size: readable, and the repository stays small
        shot = shot.scaled(shot.size() / 2, mode=Qt.TransformationMode.SmoothTransformation)
        shot.save(str(self.out / f"{self.count:02d}-{name}.png"))


def _opening_hours(clock: SkewedClock, rig: DemoRig) -> None:
    """Move the kiosk's clock to 10:00 on the next weekday, when every item is open, and
    the central's with it: a central a day behind lists slots the kiosk has passed, and
    stamps its certificates with another day than the receipts beside them."""
    now = clock()
    day = now.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    target = datetime(day.year, day.month, day.day, 10, 0, tzinfo=now.tzinfo)
    clock.offset += target - now
    moved = requests.post(rig.central.admin_url + "/clock", json={"advance_s": 0.001},
                          timeout=5)
    central_now = datetime.fromisoformat(moved.json()["now"])
    requests.post(rig.central.admin_url + "/clock", timeout=5,
                  json={"advance_s": max(0.001, (clock() - central_now).total_seconds())})


@contextmanager
def held_central(rig: DemoRig, operation: str) -> Iterator[None]:
    """The central answers the next `operation` only HOLD_MS later (a delay fault armed
    through its admin API, on loopback), and as quickly as ever after the block."""
    faults = rig.central.admin_url + "/faults"
    requests.post(faults, json={"operation": operation, "mode": "delay", "delay_ms": HOLD_MS,
                                "sequence": [True]}, timeout=5).raise_for_status()
    try:
        yield
    finally:
        requests.delete(faults, timeout=5).raise_for_status()


def _card_visit(session: KioskSession, rig: DemoRig, item: str, language: str,
                elderly: bool) -> None:
    """A new visit by card, in `language` (each visit starts in the kiosk's own), in
    large-text mode when `elderly` (switched on the idle screen, as a citizen does)."""
    flow, window = session.core.flow, session.window
    if elderly:
        tap(window, "elderly")
    rig.place_card(CITIZEN)
    wait_until(lambda: flow.screen == Screen.CHOOSE, "the card")
    tap(window, f"lang_{language}")
    wait_until(lambda: find(window, "item", item_code=item).isEnabled(), "the item")
    tap(window, "item", item_code=item)


def _end_visit(session: KioskSession, rig: DemoRig, clock: SkewedClock) -> None:
    """The citizen takes the card and walks away: the reader sees it gone within a few
    polls, and the idle timeout ends the visit."""
    rig.remove_card()
    QTest.qWait(int(session.core.settings.idcard.poll_interval_s * 4 * 1000))
    ui = session.core.settings.ui
    idle = ui.elderly_idle_timeout_s if session.core.flow.visit.elderly else ui.idle_timeout_s
    clock.offset += timedelta(seconds=idle + ui.result_timeout_s + 1)
    session.core.flow.tick()
    session.core.flow.tick()
    wait_until(lambda: session.core.flow.screen == Screen.ATTRACT, "the attract screen")


def _idle_and_identify(window: KioskWindow, language: str, elderly: bool,
                       shoot: Callable[[str], None]) -> None:
    tap(window, f"lang_{language}")
    if elderly:
        tap(window, "elderly")
    shoot("attract")
    if not elderly:
        tap(window, "elderly")
        shoot("attract-elderly")
        tap(window, "elderly")

    tap(window, "start")
    wait_until(lambda: find(window, "item", item_code=PROGRESS).isEnabled(), "the grid")
    shoot("choose")
    tap(window, "item", item_code=PROGRESS)
    focus_field(find(window, "field_name"))
    wait_until(window.keyboard.isVisible, "the keyboard")
    if language == "zh_CN":  # a name begun, the next syllable's offers showing
        tap_keys(window.keyboard, "wang")
        tap_candidate(window.keyboard, "王")
        tap_keys(window.keyboard, "fang")
    elif language == "zh_TW":
        tap_keys(window.keyboard, "ㄨㄤ")  # Zhuyin
    shoot("identify-keyboard")
    focus_field(find(window, "field_id_number"))
    wait_until(window.id_pad.isVisible, "the ID pad")
    shoot("identify-id-pad")
    tap(window, "back")
    tap(window, "back")


def _submission(session: KioskSession, rig: DemoRig, shoot: Callable[[str], None]) -> None:
    window, flow = session.window, session.core.flow
    # the platform holds the phone: changed here, so the keyboard and a problem show
    wait_until(lambda: "phone" in flow.visit.form.from_profile, "the platform's profile")
    tap(window, "prefill_change_phone")
    focus_field(find(window, "field_phone"))
    shoot("form-keyboard")
    type_text(window, "phone", "1380013")
    tick_every_box(window)
    tap(window, "next")
    shoot("form-problem")
    type_text(window, "phone", "13800138000")
    tap(window, "next")
    shoot("review")
    tap(window, "confirm")
    wait_until(lambda: session.core.flow.visit.outcome.printed is not None, "the receipt")
    shoot("result-received")


def _certificate(session: KioskSession, rig: DemoRig, shoot: Callable[[str], None]) -> None:
    choose_option(session.window, "months", "12")
    # the central is held on this one question, so the picture is the waiting screen
    # (with its cancel), not the certificate a quick answer has already replaced it with
    with held_central(rig, "queries"):
        tap(session.window, "next")
        wait_until(lambda: session.core.flow.screen == Screen.WORKING, "the waiting screen")
        shoot("working")
    wait_until(lambda: session.core.flow.screen == Screen.RESULT, "the certificate")
    shoot("result-certificate")


def _cases_and_rating(session: KioskSession, rig: DemoRig,
                      shoot: Callable[[str], None]) -> None:
    tap(session.window, "next")
    wait_until(lambda: session.core.flow.screen == Screen.RESULT, "the cases")
    shoot("result-cases")
    tap(session.window, "rate_case")  # the finished case's: one in review offers none
    tap(session.window, "rate_2")
    tap(session.window, "reason_long_wait")  # a reason tapped, not typed
    shoot("rating")


def _slots_and_countdown(session: KioskSession, clock: SkewedClock,
                         shoot: Callable[[str], None]) -> None:
    flow, ui = session.core.flow, session.core.settings.ui
    wait_until(lambda: flow.visit.slots is not None, "the free times")
    shoot("slots")
    idle = ui.elderly_idle_timeout_s if flow.visit.elderly else ui.idle_timeout_s
    clock.offset += timedelta(seconds=idle - ui.countdown_s + 1)
    flow.tick()
    shoot("countdown")


def _idle_in(window: KioskWindow, language: str, elderly: bool) -> None:
    """The idle screen in `language`, in large-text mode when `elderly`."""
    tap(window, f"lang_{language}")
    if elderly:
        tap(window, "elderly")


def _technician_gesture(window: KioskWindow) -> None:
    """The hidden taps in the idle screen's corner: the PIN pad."""
    page = window.stack.currentWidget()
    for _ in range(GESTURE_TAPS):
        QTest.mouseClick(page, Qt.MouseButton.LeftButton, pos=QPoint(CORNER_PX // 4,
                                                                     CORNER_PX // 4))


def _technician_pin(window: KioskWindow) -> None:
    for digit in PIN:
        tap(window, f"key_{digit}")
    tap(window, "key_OK")


def _out_of_service_and_technician(session: KioskSession, language: str, elderly: bool,
                                   shoot: Callable[[str], None]) -> None:
    flow, window = session.core.flow, session.window
    _idle_in(window, language, elderly)
    # as the central's command gives it: its maintenance ends in two hours
    flow.set_out_of_service("out_of_service", (flow.now() + timedelta(hours=2)).isoformat())
    shoot("out-of-service")
    flow.set_out_of_service(None)
    _technician_gesture(window)
    shoot("technician-pin")
    _technician_pin(window)
    tap(window, "test_card_reader")  # the line saying what came of a tap, under the buttons
    shoot("technician")
    tap(window, "leave")
    flow.set_elderly(False)  # the technician's screen left the visit's mode as it was


def _technician_out_of_service(session: KioskSession, language: str, elderly: bool,
                               shoot: Callable[[str], None]) -> None:
    """A technician takes the kiosk out of service for an hour, from the service screen."""
    flow, window = session.core.flow, session.window
    _idle_in(window, language, elderly)
    _technician_gesture(window)
    _technician_pin(window)
    tap(window, "out_of_service")
    shoot("technician-back-when")
    tap(window, "out_of_service_1h")
    shoot("technician-out-of-service")
    tap(window, "in_service")
    tap(window, "leave")
    flow.set_elderly(False)


def _typed_identity(session: KioskSession, rig: DemoRig, language: str, modes: tuple[bool, ...],
                    shoot: Callable[[str], None]) -> None:
    """The code a typed identity types before its cases show (in each of `modes`), then
    back to the card."""
    window, flow = session.window, session.core.flow
    for elderly in modes:
        # a new code for the same citizen: past the central's wait since the last one
        requests.post(rig.central.admin_url + "/clock", json={"advance_s": 61}, timeout=5)
        tap(window, f"lang_{language}")
        if elderly:
            tap(window, "elderly")
        tap(window, "start")
        wait_until(lambda: find(window, "item", item_code=PROGRESS).isEnabled(), "the grid")
        tap(window, "item", item_code=PROGRESS)
        find(window, "field_id_number").setText(TYPED_ID)
        find(window, "field_name").setText(TYPED_NAME)
        tap(window, "manual")
        wait_until(lambda: flow.screen == Screen.VERIFY, "the code screen")
        for key in "1234":
            tap(window, f"key_{key}")
        shoot("verify-elderly" if elderly and len(modes) > 1 else "verify")
        if modes[0] == elderly:
            tap(window, "key_OK")
            shoot("verify-problem")
        for _ in range(3):  # to the card, the grid, the idle screen: the visit ends
            tap(window, "back")


def _fee(session: KioskSession, rig: DemoRig, clock: SkewedClock,
         shoot: Callable[[str], None]) -> None:
    """The pay code shown, paid with the demo's phone, and the receipt with the fee."""
    window = session.window
    choose_option(window, "reason", "lost")
    type_text(window, "phone", "13800138000")
    tick_every_box(window)
    tap(window, "next")
    tap(window, "confirm")
    _paid_by_phone(session, rig, clock, shoot, "pay", "result-paid")


def _paid_by_phone(session: KioskSession, rig: DemoRig, clock: SkewedClock,
                   shoot: Callable[[str], None], code: str | None, result: str) -> None:
    """The pay code shown (picture `code`, if any), paid with the demo's phone, and what
    was paid for on the result screen, printed (picture `result`)."""
    flow = session.core.flow
    wait_until(lambda: flow.visit.pay is not None and flow.visit.pay.payment is not None,
               "the pay code")
    if code is not None:
        shoot(code)
    rig.pay_with_phone(flow.visit.pay.payment["payment_id"])
    clock.offset += timedelta(seconds=2)
    wait_until(lambda: flow.screen == Screen.RESULT, "the payment")
    wait_until(lambda: flow.visit.outcome.printed is not None, "the receipt")
    shoot(result)


def _prefilled(session: KioskSession, shoot: Callable[[str], None]) -> None:
    """The form as the platform's profile filled it: each value to confirm or change."""
    flow = session.core.flow
    wait_until(lambda: "phone" in flow.visit.form.from_profile, "the platform's profile")
    shoot("form-prefilled")


def _fee_before_print(session: KioskSession, rig: DemoRig, clock: SkewedClock,
                      shoot: Callable[[str], None], code: str | None = "pay-document",
                      result: str = "result-document-paid") -> None:
    """A document's fee: paid first, then the document asked for and printed with it."""
    choose_option(session.window, "purpose", "school")
    tap(session.window, "next")
    _paid_by_phone(session, rig, clock, shoot, code, result)


def _help(session: KioskSession, language: str, elderly: bool,
          shoot: Callable[[str], None]) -> None:
    """The help control on the idle screen: the central's answer in the banner."""
    window = session.window
    tap(window, f"lang_{language}")
    if elderly:
        tap(window, "elderly")
    tap(window, "help")
    wait_until(lambda: session.core.flow.help_state().status.value == "coming", "the help")
    shoot("help")
    tap(window, "start")  # and back: the visit, and the help asked in it, end
    tap(window, "back")


def one_language(session: KioskSession, rig: DemoRig, clock: SkewedClock, language: str,
                 elderly: bool, camera: Camera) -> None:
    """Every screen in `language` and mode: one visit for each kind of item, then the
    out-of-service page and the technician's, and help asked."""
    shoot = camera.shoot
    _idle_and_identify(session.window, language, elderly, shoot)
    for item_code, visit in ((SENIOR_CARD, _submission), (CERTIFICATE, _certificate),
                             (PROGRESS, _cases_and_rating)):
        _card_visit(session, rig, item_code, language, elderly)
        visit(session, rig, shoot)
        _end_visit(session, rig, clock)
    _card_visit(session, rig, BOOKING, language, elderly)
    _slots_and_countdown(session, clock, shoot)
    _end_visit(session, rig, clock)
    _out_of_service_and_technician(session, language, elderly, shoot)
    _typed_identity(session, rig, language, (True,) if elderly else (False, True), shoot)
    # last: the earlier pictures keep their names
    _card_visit(session, rig, CARD_FEE, language, elderly)
    _fee(session, rig, clock, shoot)
    _end_visit(session, rig, clock)
    _help(session, language, elderly, shoot)
    _card_visit(session, rig, SENIOR_CARD, language, elderly)
    _prefilled(session, shoot)
    _end_visit(session, rig, clock)
    _card_visit(session, rig, CERTIFIED_RECORD, language, elderly)
    _fee_before_print(session, rig, clock, shoot)
    _end_visit(session, rig, clock)
    _card_visit(session, rig, SEALED_RECORD, language, elderly)  # pays as the last one did
    _fee_before_print(session, rig, clock, shoot, None, "result-a4-paid")
    _end_visit(session, rig, clock)
    _technician_out_of_service(session, language, elderly, shoot)


def run(out: Path, only: Callable[[str, str], bool]) -> int:
    with tempfile.TemporaryDirectory(prefix="kiosk-screens-") as work:
        rig = DemoRig(workdir=Path(work) / "rig", receipts_dir=Path(work) / "receipts",
                      a4_dir=Path(work) / "a4")
        try:
            settings = rig.start()
            technician = settings.technician.model_copy(update={"pin_hash": hash_pin(PIN)})
            ui = settings.ui.model_copy(update={"online_hall_url": ONLINE_HALL})
            settings = settings.model_copy(update={"technician": technician, "ui": ui,
                                                   "nearest_alternative": NEAREST})
            for orientation in ORIENTATIONS:
                clock = SkewedClock()
                _opening_hours(clock, rig)
                session = KioskSession(settings, clock)
                try:
                    show_full_screen_on(session.window, orientation)
                    wait_until(lambda s=session: s.core.catalogs.source == "cache",
                                "the catalog")
                    for language, _name in LANGUAGES:
                        for elderly in (False, True):
                            if not only(orientation, language):
                                continue
                            where = out / orientation / language
                            camera = Camera(session, where / "elderly" if elderly else where)
                            one_language(session, rig, clock, language, elderly, camera)
                            print(f"{orientation}/{language}{'/elderly' * elderly}: "
                                  f"{camera.count} screens")
                finally:
                    session.stop()
        finally:
            rig.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", default="", help="e.g. landscape/en")
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = platform_spec("both")  # read when Qt starts
    os.environ["TZ"] = "Asia/Shanghai"  # the kiosks' own zone, whatever this machine's is
    time.tzset()
    return run(args.out, lambda o, lang: not args.only or args.only == f"{o}/{lang}")


if __name__ == "__main__":
    sys.exit(main())
