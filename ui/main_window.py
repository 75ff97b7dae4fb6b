"""The kiosk window: one page per screen, re-rendered when the visit changes.

Rendering is keyed on what a page shows (screen, visit, language, mode,
problems, outcome), not on every change, so typing in a field does not
rebuild the form under the citizen's finger. Below the pages sit the
on-screen keyboards; while one shows, the page above is shorter and the
focused field is scrolled into what is left.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.service.technician import TechnicianDesk
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.profile import prefill_state
from ui.chrome import Footer, Header
from ui.first_frame import FirstFrame
from ui.keyboard.id_pad import MAX_WIDTH_PX, IdPad, wants_id_pad
from ui.lockdown import forget_clipboard, refused, show_locked
from ui.screens.attract import AttractPage
from ui.screens.base import FieldsScroll, Page
from ui.screens.choose import ChoosePage
from ui.screens.form import FormPage
from ui.screens.identify import IdentifyPage
from ui.screens.notice import NoticePage
from ui.screens.pay import PayPage
from ui.screens.result import ResultPage
from ui.screens.review import ReviewPage
from ui.screens.slots import SlotsPage
from ui.screens.technician import TechnicianPage, TechPinPage
from ui.screens.verify import VerifyPage
from ui.screens.working import WorkingPage
from ui.speaker import SILENT, Speaker
from ui.style import WINDOW_NAME, stylesheet
from ui.translations import use_language

if TYPE_CHECKING:  # Qt Quick, under the keyboard, loads with it after the first paint
    from ui.keyboard.panel import KeyboardPanel

log = logging.getLogger(__name__)

TICK_MS = 1000
PAD_BESIDE_PX = 600  # the ID pad's width beside a landscape page: a hand's span


class KioskWindow(QWidget):
    # once, when the first frame is on the screen: what can wait until a passer-by sees
    # the kiosk (the on-screen keyboard, the core's workers in `kiosk run`) waits for it
    drawn = Signal()

    def __init__(self, flow: VisitFlow, site_name: Callable[[str], str],
                 speaker: Speaker | None = None, desk: TechnicianDesk | None = None,
                 hotline: str = "12345", hall_url: str = "") -> None:
        super().__init__()
        self.speaker = speaker or Speaker(SILENT)
        self.setWindowTitle("Kiosk")
        self.setObjectName(WINDOW_NAME)
        self.flow = flow
        self.pages: dict[Screen, Page] = {
            Screen.ATTRACT: AttractPage(flow, site_name, hotline=hotline, hall_url=hall_url),
            Screen.IDENTIFY: IdentifyPage(flow),
            Screen.VERIFY: VerifyPage(flow),
            Screen.CHOOSE: ChoosePage(flow),
            Screen.FORM: FormPage(flow),
            Screen.REVIEW: ReviewPage(flow),
            Screen.WORKING: WorkingPage(flow),
            Screen.SLOTS: SlotsPage(flow),
            Screen.RESULT: ResultPage(flow),
            Screen.NOTICE: NoticePage(flow),
            Screen.PAY: PayPage(flow),
            Screen.TECH_PIN: TechPinPage(flow),
            Screen.TECHNICIAN: TechnicianPage(flow, desk),
        }
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.countdown = _banner("countdown")
        self.countdown.setWordWrap(True)  # a long English sentence must not widen the window
        self.card_notice = _banner("card_notice")  # "reading your card…", "place it again"
        self.card_notice.setWordWrap(True)
        self._card_said: str | None = None
        self.help_notice = _banner("help_notice")  # help asked: who comes, or the hotline
        self.help_notice.setWordWrap(True)
        self.header = Header(flow, site_name)
        self.languages = self.header.languages
        self.footer = Footer(flow.ask_for_help, self._read_again)
        self._hotline = hotline
        self._lay_out()
        self.keyboard: KeyboardPanel | None = None
        self.locked = False
        QApplication.instance().focusChanged.connect(self._focus_moved)
        self._shown_key: tuple | None = None
        self._elderly: bool | None = None
        self._language: str | None = None
        self._spoken: tuple | None = None
        flow.subscribe(self.refresh)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(flow.tick)
        self.timer.timeout.connect(self._show_card_notice)  # a notice fades with time
        self.timer.timeout.connect(self._show_chrome)  # the clock in the header
        self.timer.start()
        self._watching_touches = False
        FirstFrame(self, self.drawn)
        self.drawn.connect(self._attach_keyboard)
        self.refresh()

    def _lay_out(self) -> None:
        """Header, banners, the page (the ID pad beside it in landscape), footer, and the
        on-screen keyboards under all, as the first frame's window lays them out."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for bar in (self.header, self.countdown, self.card_notice, self.help_notice):
            layout.addWidget(bar)
        self.middle = QHBoxLayout()
        self.middle.setContentsMargins(0, 0, 0, 0)
        self.middle.addWidget(self.stack, 1)
        layout.addLayout(self.middle, 1)
        layout.addWidget(self.footer)
        self.keys = QVBoxLayout()
        self.keys.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.keys)
        self._pad_beside = False
        self.id_pad = IdPad()
        self._place_id_pad()

    def _render_key(self) -> tuple:
        flow, visit = self.flow, self.flow.visit
        outcome = visit.outcome
        # what the kiosk offers matters only where items are listed; elsewhere a printer
        # status change must not rebuild the form under the citizen's finger
        offer = flow.offer_revision if flow.screen in (Screen.ATTRACT, Screen.CHOOSE,
                                                       Screen.SLOTS) else None
        slots = (visit.slot_day, visit.slots, visit.slots_error)
        challenge = visit.challenge
        code = None if challenge is None or flow.screen != Screen.VERIFY else (
            challenge.challenge_id, challenge.code, challenge.problem, flow.resend_in())
        pay = visit.pay
        # not what is typed: a rebuild under the citizen's finger would lose the field
        paying = None if pay is None or flow.screen != Screen.PAY else (
            pay.key, pay.status, pay.problem, pay.cancelling, pay.scans,
            pay.payment and pay.payment.get("pay_code"))
        return (flow.screen, id(visit), visit.language, visit.elderly,
                id(visit.item), tuple((p.field, p.code) for p in visit.problems),
                id(outcome), getattr(outcome, "printed", None), visit.notice,
                flow.can_retry, slots, offer, visit.search, visit.category, code,
                prefill_state(visit.form), paying)

    def refresh(self) -> None:
        visit = self.flow.visit
        if (visit.elderly, visit.language) != (self._elderly, self._language):
            self._elderly = visit.elderly
            self.setStyleSheet(stylesheet(visit.elderly, visit.language))
            if self.keyboard is not None:
                self.keyboard.use_elderly(visit.elderly)
        if visit.language != self._language:
            self._language = visit.language
            use_language(visit.language)  # before a page renders: pages call tr as they build
            self.languages.show_current()
            if self.keyboard is not None:
                self.keyboard.use_language(visit.language)
        key = self._render_key()
        if key != self._shown_key:
            if self._shown_key is None or key[:2] != self._shown_key[:2]:
                QGuiApplication.inputMethod().reset()  # no half-typed word into the next screen
            if self._shown_key is not None and key[1] != self._shown_key[1]:
                forget_clipboard()  # a visit ended: nothing of it for the next citizen
            self._shown_key = key
            page = self.pages[self.flow.screen]
            for other in self.pages.values():
                if other is not page:
                    other.blank()
            page.render()
            self.stack.setCurrentWidget(page)
            self._read_out(key)
        self._show_card_notice()
        self._show_chrome()
        left = self.flow.countdown()
        if left is None:
            self.countdown.hide()
        else:
            self.countdown.setText(self.tr("No activity: this visit ends in %n second(s). "
                                           "Touch the screen to continue.", "", left))
            self.countdown.show()

    def _show_card_notice(self) -> None:
        """What the flow says about the card on the reader, over any page; read out once
        in elderly mode, as a screen's instruction is."""
        notice = self.flow.card_notice()
        self.card_notice.setVisible(notice is not None)
        if notice is not None:
            self.card_notice.setText(notice)
            if self.flow.visit.elderly and notice != self._card_said:
                self.speaker.say(notice, self.flow.visit.language)
        self._card_said = notice

    def _show_chrome(self) -> None:
        """Header and footer on every citizen screen (not the technician's), and what the
        help asked has come to."""
        visit, screen = self.flow.visit, self.flow.screen
        citizen = screen not in (Screen.TECH_PIN, Screen.TECHNICIAN)
        self.header.show_now(self.flow.now(), visit.language)
        # while a keyboard is up the page needs the room more: the field and its way on
        typing = self.id_pad.isVisibleTo(self) or (
            self.keyboard is not None and self.keyboard.isVisibleTo(self))
        self.footer.setVisible(citizen and not typing)
        if citizen:
            self.footer.show_for(self._hotline, visit.elderly, visit.language)
        said = self.footer.help_said(self.flow.help_state()) if citizen else None
        self.help_notice.setVisible(said is not None)
        if said is not None and said != self.help_notice.text():
            self.help_notice.setText(said)

    def _read_again(self) -> None:
        """The speaker control: this screen's instruction again, louder."""
        self.flow.touch()
        self.speaker.say(self.flow.instruction(), self.flow.visit.language, louder=True)

    def _read_out(self, key: tuple) -> None:
        """In elderly mode, say the screen's instruction when the screen or language changes."""
        spoken = (self.flow.screen, self.flow.visit.language, self.flow.visit.notice)
        if not self.flow.visit.elderly:
            self._spoken = None
            return
        if spoken != self._spoken:
            self._spoken = spoken
            self.speaker.say(self.flow.instruction(), self.flow.visit.language)

    # -- on-screen keyboards ------------------------------------------------------------

    def _place_id_pad(self) -> None:
        """Under the page on a portrait screen; beside it on a landscape one, where under
        it the pad would leave the page too little height for its fields."""
        wide = self.width() > self.height()
        if self.id_pad.parentWidget() is not None and wide == self._pad_beside:
            return
        self._pad_beside = wide
        if wide:
            self.id_pad.setFixedWidth(PAD_BESIDE_PX)
            self.middle.addWidget(self.id_pad, 0, Qt.AlignmentFlag.AlignVCenter)
        else:
            self.id_pad.setMinimumWidth(0)
            self.id_pad.setMaximumWidth(MAX_WIDTH_PX)
            self.keys.insertWidget(0, self.id_pad, 0, Qt.AlignmentFlag.AlignHCenter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_id_pad()

    def _attach_keyboard(self) -> None:
        """The virtual keyboard is built after the first frame: the attract screen has no
        field, and the citizen should not wait for a keyboard (250 ms) to see the kiosk."""
        if self.keyboard is not None or os.environ.get("QT_IM_MODULE") != "qtvirtualkeyboard":
            return
        from ui.keyboard.panel import KeyboardPanel

        self.keyboard = KeyboardPanel()
        self.keys.addWidget(self.keyboard)
        self.keyboard.use_language(self.flow.visit.language)
        self.keyboard.use_elderly(self.flow.visit.elderly)
        QGuiApplication.inputMethod().visibleChanged.connect(self._fit_keys)

    def _focus_moved(self, _old: QWidget | None, _new: QWidget | None) -> None:
        QTimer.singleShot(0, self, self._fit_keys)  # once the input method has seen it too

    def _fit_keys(self) -> None:
        """The pad for an ID number, the virtual keyboard for other fields, and the field
        scrolled above whichever of them now takes the bottom."""
        field = QApplication.focusWidget()
        mine = field is not None and self.isAncestorOf(field)
        pad = mine and wants_id_pad(field)
        if pad:
            QGuiApplication.inputMethod().hide()
        if pad:
            self.id_pad.suit(field)
        self.id_pad.setVisible(pad)
        self._show_chrome()
        if not mine:
            return
        holder = field.parentWidget()
        while holder is not None and not isinstance(holder, FieldsScroll):
            holder = holder.parentWidget()
        if holder is not None:  # and again when the keyboard's coming shrinks it
            holder.reveal(field)

    # -- lockdown and touches -------------------------------------------------------------

    def lock_down(self, *, hide_cursor: bool) -> None:
        """Full screen without a frame, closing refused, key chords, the clipboard's keys
        and the middle button dropped; the pointer hidden where citizens only touch. What
        `kiosk run` shows; tests and the demo leave the window ordinary."""
        self.locked = True
        show_locked(self, hide_cursor=hide_cursor)

    def release(self) -> None:
        """Let the window close: only the session's own stop calls this."""
        self.locked = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked:
            log.warning("window: a request to close the kiosk was refused")
            event.ignore()
            return
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """Watch touches on the window's own surface, where every real touch arrives first;
        a filter on the whole application ran Python for every event of every widget."""
        super().showEvent(event)
        if not self._watching_touches and self.windowHandle() is not None:
            self.windowHandle().installEventFilter(self)
            self._watching_touches = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.locked and refused(event):
            return True
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
                            QEvent.Type.KeyPress):
            self.flow.touch()
        return False


def _banner(name: str) -> QLabel:
    """A line across the window above the page, hidden until it has something to say."""
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.hide()
    return label
