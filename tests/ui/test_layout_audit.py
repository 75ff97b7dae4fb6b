"""The layout audit: every screen of the kiosk, in each orientation, language and mode,
with the keyboard up where a field has the focus, held to the rules of layout_audit.

One visit of each kind walks the real window over the rig; at each screen the
visit is shown in English, Simplified and Traditional Chinese, standard and large
text, each drawn once and checked. The test fails with every finding, grouped by
screen and rule, so one run says all that is wrong.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pytest
import requests
from layout_audit import (
    big_enough,
    candidates_fit,
    fits_screen,
    in_view,
    text_whole,
    untranslated,
    words_shown,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.service.technician import hash_pin
from kiosk.settings.model import Sentences
from kiosk.visit.flow import Screen
from ui.keyboard.id_pad import wants_id_pad
from ui.keyboard.tapping import candidates, focus_field, tap_keys
from ui.offscreen import ORIENTATIONS, show_full_screen_on
from ui.taps import choose_option, find, tap, tick_every_box, type_text

PIN = "314159"
SENIOR_CARD, CERTIFICATE = "440106-MZJ-001", "440106-SBJ-001"
PROGRESS, BOOKING = "440106-ZWB-003", "440106-ZWB-001"
CARD_FEE = "440106-GAJ-002"  # a replacement ID card, its fee paid by phone
CERTIFIED_RECORD = "440106-GAJ-003"  # a certified household record, paid before it prints
SEALED_RECORD = "440106-GAJ-004"  # the same record on A4, paid before CUPS prints it
TYPED_ID, TYPED_NAME = "310104199511020041", "陈晓燕"
LANGUAGES = ("en", "zh_CN", "zh_TW")  # English first: a Chinese screen is compared to it
SYLLABLES = {"zh_CN": "wang", "zh_TW": "ㄨㄤ"}  # Pinyin, Zhuyin: 王 among the offers


class Auditor:
    """Shows the screen in every language and mode and keeps what the rules find."""

    def __init__(self, qtbot, session) -> None:
        self.qtbot, self.session = qtbot, session
        self.window, self.flow = session.window, session.core.flow
        self.findings: dict[str, set[str]] = defaultdict(set)
        self.details: dict[str, str] = {}
        self.screens = 0

    def settle(self) -> None:
        for _ in range(3):  # layouts are redone in posted events, a level at a time
            QApplication.processEvents()

    def focus(self, field: str) -> None:
        """Touch the field, and wait for its keyboard to come up under the page."""
        edit = find(self.window, f"field_{field}")
        focus_field(edit)
        window = self.window
        if wants_id_pad(edit):
            self.qtbot.waitUntil(window.id_pad.isVisible)
        else:
            self.qtbot.waitUntil(lambda: window.keyboard is not None
                                 and window.keyboard.isVisible())

    def audit(self, name: str, focus: str | None = None,
              again: Callable[[], None] | None = None) -> None:
        """Check screen `name` in each language and mode; `focus` a field first, and
        `again` what must be redone after a switch (a switch is a touch: it rearms the
        idle timer a countdown shows)."""
        screen = self.window.screen().geometry()
        for elderly in (False, True):
            english: set[str] = set()
            for language in LANGUAGES:
                self.flow.set_elderly(elderly)
                self.flow.set_language(language)
                self.settle()
                if focus is not None:
                    self.focus(focus)
                    self.settle()
                if again is not None:
                    again()
                    self.settle()
                self.screens += 1
                where = f"{language}{' elderly' if elderly else ''}"
                found = fits_screen(self.window, screen) + text_whole(self.window) \
                    + big_enough(self.window, elderly) + candidates_fit(self.window, elderly) \
                    + in_view(self.window, screen)
                words = words_shown(self.window)
                if language == "en":
                    english = words
                else:
                    found += untranslated(words, english)
                for finding in found:
                    key = f"{name}: {finding.rule}: {finding.widget}"
                    self.findings[key].add(where)
                    self.details.setdefault(key, finding.detail)
        self.flow.set_elderly(False)
        self.flow.set_language("zh_CN")
        self.settle()

    def report(self) -> str:
        return "\n".join(f"{what} {self.details[what]}  [{', '.join(sorted(where))}]"
                         for what, where in sorted(self.findings.items()))


def _wait_screen(auditor: Auditor, screen: Screen) -> None:
    auditor.qtbot.waitUntil(lambda: auditor.flow.screen == screen)


def _compose(auditor: Auditor) -> None:
    """Type a syllable in the language's input method, and wait for its candidates."""
    syllable = SYLLABLES.get(auditor.flow.visit.language)
    if syllable is None:  # English: letters go straight into the field
        return
    keyboard = auditor.window.keyboard
    QGuiApplication.inputMethod().reset()
    tap_keys(keyboard, syllable)
    auditor.qtbot.waitUntil(lambda: len(candidates(keyboard)) > 1)


def _typed_identity(auditor: Auditor) -> None:
    window, flow = auditor.window, auditor.flow
    tap(window, "start")
    auditor.qtbot.waitUntil(lambda: find(window, "item", item_code=PROGRESS).isEnabled())
    auditor.audit("choose")
    tap(window, "item", item_code=PROGRESS)
    auditor.audit("identify")
    auditor.audit("identify, keyboard", focus="name")
    auditor.audit("identify, keyboard with candidates", focus="name",
                  again=lambda: _compose(auditor))
    QGuiApplication.inputMethod().reset()  # the syllables typed are not a name
    auditor.audit("identify, ID pad", focus="id_number")
    find(window, "field_id_number").setText(TYPED_ID)
    find(window, "field_name").setText(TYPED_NAME)
    tap(window, "manual")
    _wait_screen(auditor, Screen.VERIFY)
    auditor.audit("verify")
    for _ in range(3):  # to the card, the grid, the idle screen: the visit ends
        flow.back()
    _wait_screen(auditor, Screen.ATTRACT)


def _submission(auditor: Auditor, person) -> None:
    window, flow = auditor.window, auditor.flow
    flow.card_read(person)
    auditor.audit("choose, by card")
    tap(window, "item", item_code=SENIOR_CARD)
    # the platform's phone, masked, with its confirm and change: the citizen changes it
    auditor.qtbot.waitUntil(lambda: "phone" in flow.visit.form.from_profile)
    auditor.audit("form, prefilled")
    tap(window, "prefill_change_phone")
    auditor.audit("form")
    auditor.audit("form, keyboard", focus="phone")
    type_text(window, "phone", "1380013")
    tick_every_box(window)
    tap(window, "next")
    auditor.audit("form with a problem")
    type_text(window, "phone", "13800138000")
    tap(window, "next")
    auditor.audit("review")
    tap(window, "confirm")
    auditor.qtbot.waitUntil(lambda: flow.visit.outcome.printed is not None, timeout=10_000)
    auditor.audit("result, received")


def _fee(auditor: Auditor, rig, clock, person) -> None:
    """A replacement card's fee: the pay code on screen, then the paid receipt."""
    window, flow = auditor.window, auditor.flow
    flow.card_read(person)
    auditor.qtbot.waitUntil(lambda: find(window, "item", item_code=CARD_FEE).isEnabled())
    tap(window, "item", item_code=CARD_FEE)
    choose_option(window, "reason", "lost")
    type_text(window, "phone", "13800138000")
    tick_every_box(window)
    tap(window, "next")
    tap(window, "confirm")
    _paid(auditor, rig, clock, "")


def _fee_before_print(auditor: Auditor, rig, clock, person, item: str = CERTIFIED_RECORD,
                      what: str = ", document") -> None:
    """A certified record's fee (or `item`'s): the pay code, then the document with what
    was paid, and for a record on A4 the slip that names it."""
    window, flow = auditor.window, auditor.flow
    flow.card_read(person)
    auditor.qtbot.waitUntil(lambda: find(window, "item", item_code=item).isEnabled())
    tap(window, "item", item_code=item)
    choose_option(window, "purpose", "school")
    tap(window, "next")
    _paid(auditor, rig, clock, what)


def _paid(auditor: Auditor, rig, clock, what: str) -> None:
    """The pay code on screen, paid by phone, and the result of what was paid for."""
    flow = auditor.flow
    auditor.qtbot.waitUntil(lambda: flow.visit.pay is not None
                            and flow.visit.pay.payment is not None, timeout=10_000)
    auditor.audit(f"pay{what}")
    assert rig.pay_with_phone(flow.visit.pay.payment["payment_id"])
    clock.advance(2)  # the kiosk asks again: paid
    flow.tick()
    auditor.qtbot.waitUntil(lambda: flow.screen == Screen.RESULT
                            and flow.visit.outcome.printed is not None, timeout=10_000)
    auditor.audit(f"result, paid{what}")
    flow.finish()


def _central_answers(auditor: Auditor, rig, clock, person) -> None:
    window, flow = auditor.window, auditor.flow
    flow.card_read(person)
    tap(window, "item", item_code=CERTIFICATE)
    choose_option(window, "months", "12")
    tap(window, "next")
    _wait_screen(auditor, Screen.RESULT)
    auditor.audit("result, certificate")
    flow.card_read(person)
    tap(window, "item", item_code=PROGRESS)
    tap(window, "next")
    _wait_screen(auditor, Screen.RESULT)
    auditor.audit("result, cases")
    flow.card_read(person)
    tap(window, "item", item_code=BOOKING)
    auditor.qtbot.waitUntil(lambda: flow.visit.slots is not None)
    auditor.audit("slots")
    ui = auditor.session.core.settings.ui

    def counting_down() -> None:
        clock.advance(ui.elderly_idle_timeout_s if flow.visit.elderly else ui.idle_timeout_s)
        clock.advance(-ui.countdown_s + 1)
        flow.tick()
        assert flow.countdown() is not None

    auditor.audit("slots, counting down", again=counting_down)
    flow.touch()
    fault = {"operation": "queries", "mode": "status_503", "sequence": [True]}
    requests.post(rig.central.admin_url + "/faults", json=fault, timeout=5)
    flow.card_read(person)
    tap(window, "item", item_code=CERTIFICATE)
    choose_option(window, "months", "12")
    tap(window, "next")
    _wait_screen(auditor, Screen.NOTICE)
    auditor.audit("notice")
    fault = {"operation": "queries", "mode": "delay", "delay_ms": 3000}
    requests.post(rig.central.admin_url + "/faults", json=fault, timeout=5)
    tap(window, "retry")
    assert flow.screen == Screen.WORKING
    auditor.audit("working")
    tap(window, "cancel")
    requests.delete(rig.central.admin_url + "/faults", timeout=5)
    for _ in range(4):  # the form, the grid, the idle screen
        if flow.screen != Screen.ATTRACT:
            flow.back()
    assert flow.screen == Screen.ATTRACT


def _service(auditor: Auditor) -> None:
    window, flow = auditor.window, auditor.flow
    flow.set_out_of_service("out_of_service")
    auditor.audit("out of service")
    flow.set_out_of_service(None)
    flow.technician()
    auditor.audit("technician PIN")
    for digit in PIN:
        tap(window, f"key_{digit}")
    tap(window, "key_OK")
    assert flow.screen == Screen.TECHNICIAN
    auditor.audit("technician")
    tap(window, "test_card_reader")
    auditor.audit("technician, after a tap")  # with the line saying what came of it
    tap(window, "out_of_service")
    auditor.audit("technician, when back")
    tap(window, "out_of_service_opening")
    auditor.audit("technician, out of service")
    tap(window, "in_service")
    tap(window, "leave")


def _walk(auditor: Auditor, rig, clock) -> None:
    auditor.audit("attract")
    _typed_identity(auditor)
    rig.place_card("wang_xiuying")
    _wait_screen(auditor, Screen.CHOOSE)
    person = auditor.flow.visit.person
    auditor.flow.back()
    _submission(auditor, person)
    _central_answers(auditor, rig, clock, person)
    _fee(auditor, rig, clock, person)
    _fee_before_print(auditor, rig, clock, person)
    _fee_before_print(auditor, rig, clock, person, SEALED_RECORD, ", A4 document")
    _service(auditor)


@pytest.mark.slow
@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_every_screen_fits_reads_whole_and_speaks_the_language(qtbot, kiosk_session, a4_rig,
                                                                clock, orientation) -> None:
    rig = a4_rig  # with an A4 printer: a cups-pdf queue on a cupsd of the test's own
    technician = rig.settings.technician.model_copy(update={"pin_hash": hash_pin(PIN)})
    ui = rig.settings.ui.model_copy(update={"online_hall_url": "https://hall.example.gov.cn/"})
    elsewhere = Sentences(zh_CN="最近的自助服务点：天河区政务服务中心一楼大厅（天河路 2 号）",
                          en="Nearest alternative: Tianhe District Service Centre, ground "
                             "floor (2 Tianhe Road)")
    session = kiosk_session(rig.settings.model_copy(update={
        "technician": technician, "ui": ui, "nearest_alternative": elsewhere}))
    show_full_screen_on(session.window, orientation)
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    qtbot.waitUntil(lambda: session.window.keyboard is not None)
    auditor = Auditor(qtbot, session)
    _walk(auditor, rig, clock)
    assert auditor.screens >= 20 * 6
    assert not auditor.findings, f"{len(auditor.findings)} findings:\n" + auditor.report()


def test_the_audit_sees_what_it_is_for(qtbot) -> None:
    """Each rule finds its fault on a small window made to have it."""
    from layout_audit import Finding
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    tight = QLabel("a sentence far too long for the room it was given")
    tight.setFixedWidth(60)
    small = QPushButton("OK")
    small.setFixedSize(40, 40)
    column.addWidget(tight)
    column.addWidget(small)
    window.setGeometry(0, 0, 300, 300)
    window.show()
    qtbot.waitExposed(window)
    screen = QRect(0, 0, 200, 200)
    found: Callable[[list[Finding]], set[str]] = lambda fs: {f.rule for f in fs}  # noqa: E731
    assert "window larger than the screen" in found(fits_screen(window, screen))
    assert "text clipped" in found(text_whole(window))
    assert "tappable under 64 px" in found(big_enough(window, elderly=False))
    assert in_view(window, screen) == []
    rows = QWidget()
    column_of_rows = QVBoxLayout(rows)
    for n in range(30):
        column_of_rows.addWidget(QLabel(f"row {n}"))
    scroll = QScrollArea()
    scroll.setWidget(rows)
    column.addWidget(scroll)
    qtbot.waitUntil(scroll.isVisible)
    last = column_of_rows.itemAt(29).widget()
    last.setProperty("must_see", True)
    assert found(in_view(window, screen)) == {"important row below the fold"}
    last.setProperty("must_see", False)
    column_of_rows.itemAt(0).widget().setProperty("must_see", True)
    assert in_view(window, screen) == []  # the first row shows
    assert [f.rule for f in untranslated({"OK", "好"}, {"OK", "Fine"})] == ["untranslated"]
    assert untranslated({"440106-ZWB-003"}, {"440106-ZWB-003"}) == []
