"""The technician's PIN pad and service screen.

Reached only by the hidden gesture on the attract screen; the PIN pad has
digit keys of its own (no keyboard a passer-by could use to switch away),
and the service screen shows what the core reports and runs what the core
offers, nothing a widget decides by itself. A device test's result comes
later than the tap that asked for it, so the screen is drawn again when the
core says its report changed.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.service.report_words import Phrase, Value
from kiosk.service.technician import ACTIONS, MAX_PIN, TechnicianDesk
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.technician_login import Badge
from ui.screens.base import (
    PAGE_MARGIN_PX,
    Page,
    button,
    fit_lines,
    is_wide,
    key_pad,
    label,
)
from ui.screens.technician_words import TechnicianWords
from ui.style import SERVICE_SHARE, point_size

# what a button's padding and borders take of its width, and the grid's spacing
BUTTON_FRAME_PX, GRID_SPACING_PX = 2 * (12 + 3), 16
PER_ROW = 3
# landscape: the report's and the actions' shares of the width, side by side
REPORT_SHARE, ACTIONS_SHARE = 9, 11
# the report's rows a technician must see without scrolling
MUST_SEE = frozenset({"device", "service", "central", "ID-card reader", "badge reader",
                      "scanner", "printer", "A4 printer", "spool"})


class TechPinPage(Page):
    def build(self) -> None:
        # beside the pad on a landscape screen, where above it the pad runs off the bottom
        columns = QHBoxLayout() if is_wide(self) else QVBoxLayout()
        column = QVBoxLayout()
        columns.addLayout(column, 1)
        column.addWidget(label(self.tr("Technician PIN"), name="title"))
        shown = QLineEdit()
        shown.setObjectName("field_pin")
        shown.setEchoMode(QLineEdit.EchoMode.Password)
        shown.setReadOnly(True)
        column.addWidget(shown)
        badge = {Badge.WANTED: (self.tr("First hold your badge to the badge reader, "
                                        "then enter the PIN"), "hint"),
                 Badge.REFUSED: (self.tr("This badge is not enrolled on this kiosk"), "problem"),
                 Badge.SHOWN: (self.tr("Badge accepted: enter the PIN"), "hint")}
        if self.flow.badge in badge:
            text, name = badge[self.flow.badge]
            column.addWidget(label(text, name=name))
        if self.flow.visit.notice:
            column.addWidget(label(self.flow.visit.notice, name="problem"))
        column.addStretch(1)
        columns.addLayout(key_pad(lambda key: self._press(shown, key)), 1)
        self.body.addLayout(columns)
        self.nav(self.back_button())

    def _press(self, shown: QLineEdit, key: str) -> None:
        if key == "OK":
            pin, _ = shown.text(), shown.clear()
            self.flow.enter_pin(pin)
        elif key == "⌫":
            shown.backspace()
        elif len(shown.text()) < MAX_PIN:
            shown.setText(shown.text() + key)


class TechnicianPage(Page):
    def __init__(self, flow: VisitFlow, desk: TechnicianDesk | None) -> None:
        super().__init__(flow)
        self._desk = desk
        self._last: Phrase | None = None  # what came of the last tap, said at each render
        self._choosing = False  # the times back are offered in place of the actions
        if desk is not None:
            desk.watch(self._report_changed)

    def _report_changed(self) -> None:
        if self.flow.screen == Screen.TECHNICIAN:
            self.render()

    def build(self) -> None:
        title = label(self.tr("Technician mode"), name="title")
        if self._desk is None:
            self.body.addWidget(title)
            self.nav(button(self.tr("Leave"), self._leave, name="leave"))
            return
        wide = is_wide(self)
        room = self.window().width() - 2 * PAGE_MARGIN_PX
        if wide:  # the report beside the title and actions: the whole height for each
            side = QHBoxLayout()
            side.setSpacing(GRID_SPACING_PX)
            side.addWidget(self._report(), REPORT_SHARE)
            column = QVBoxLayout()
            side.addLayout(column, ACTIONS_SHARE)
            self.body.addLayout(side, 1)
            room = (room - GRID_SPACING_PX) * ACTIONS_SHARE // (REPORT_SHARE + ACTIONS_SHARE)
            column.addWidget(title)
        else:
            self.body.addWidget(title)
            self.body.addWidget(self._report(), 1)
            column = self.body
        column.addLayout(self._choices(room) if self._choosing else self._actions(room))
        if self._last is not None:  # under the buttons, beside the report in landscape
            column.addWidget(label(TechnicianWords().phrase(self._last), name="hint"))
        if wide:
            column.addStretch(1)
        self.nav(button(self.tr("Leave"), self._leave, name="leave"), push_down=False)

    def _report(self) -> QScrollArea:
        """The report, scrolling in its place: the actions stay put. The rows a technician
        comes for (the service state, the central, each device, the spool) are the first,
        and must show without scrolling."""
        assert self._desk is not None
        holder = QWidget()
        holder.setObjectName("technician_report")
        rows = QFormLayout(holder)
        names, words = self._report_names(), TechnicianWords()
        for name, value in self._desk.report():
            shown = label(said(value, words), name="report")
            shown.setProperty("must_see", name in MUST_SEE)
            rows.addRow(label(names.get(name, name)), shown)
        self._payments_to_clear(rows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        return scroll

    def _actions(self, room: int) -> QGridLayout:
        """A button for each action, and the way out of service or back in."""
        assert self._desk is not None
        words = {"print_test_page": self.tr("Print a test page"),
                 "print_a4_test_page": self.tr("Print an A4 test page"),
                 "test_card_reader": self.tr("Test the ID-card reader"),
                 "test_scanner": self.tr("Test the scanner"),
                 "sync_now": self.tr("Deliver the spool now"),
                 "retry_dead": self.tr("Retry dead entries"),
                 "refresh_catalog": self.tr("Refresh the catalog"),
                 "export_dead": self.tr("Export dead entries"),
                 "export_undelivered": self.tr("Export everything undelivered"),
                 "restart_app": self.tr("Restart the kiosk app")}
        taps = [(words[action], action, lambda a=action: self._act(a)) for action in ACTIONS]
        taken_out = self._desk.taken_out()
        if taken_out:
            taps.insert(0, (self.tr("Put back in service"), "in_service",
                            lambda: self._act("in_service")))
        elif taken_out is not None:
            taps.insert(0, (self.tr("Take out of service…"), "out_of_service",
                            lambda: self._choose(True)))
        return self._grid(taps, room)

    def _choices(self, room: int) -> QVBoxLayout:
        """When the kiosk is expected back, a few large choices; the page says that time."""
        assert self._desk is not None
        times = {"30m": self.tr("In 30 minutes"), "1h": self.tr("In 1 hour"),
                 "2h": self.tr("In 2 hours"), "opening": self.tr("When the hall opens, %1"),
                 "unknown": self.tr("Not known")}
        taps = [(times[choice].replace("%1", f"{when:%H:%M}" if when else ""),
                 f"out_of_service_{choice}", lambda c=choice: self._take_out(c))
                for choice, when in self._desk.back_choices()]
        taps.append((self.tr("Cancel"), "cancel", lambda: self._choose(False)))
        column = QVBoxLayout()
        column.addWidget(label(self.tr("Out of service now. When is the kiosk expected "
                                       "back?"), name="subtitle"))
        column.addLayout(self._grid(taps, room))
        return column

    def _grid(self, taps: list[tuple[str, str, Callable[[], None]]], room: int) -> QGridLayout:
        """Three buttons a row, their words broken to fit (large English too); a pad's
        height and a smaller type than a citizen's buttons, so the report keeps its
        room."""
        grid = QGridLayout()
        grid.setSpacing(GRID_SPACING_PX)
        font = QFont(self.font())
        font.setPointSize(point_size(self.flow.visit.elderly, SERVICE_SHARE))
        font.setBold(True)
        width = (room - (PER_ROW - 1) * GRID_SPACING_PX) // PER_ROW - BUTTON_FRAME_PX
        for n, (text, name, tapped) in enumerate(taps):
            shown = button(fit_lines(text, QFontMetrics(font), width), tapped, name=name,
                           secondary=True)
            shown.setProperty("service", True)
            grid.addWidget(shown, n // PER_ROW, n % PER_ROW)
        return grid

    def _choose(self, choosing: bool) -> None:
        self._choosing = choosing
        self.render()

    def _take_out(self, choice: str) -> None:
        self._choosing = False
        self._act(f"out_of_service_{choice}")

    def _payments_to_clear(self, rows: QFormLayout) -> None:
        """Each paid payment whose visit ended, with the two ways a technician makes it
        right with the citizen: in the scrolled report, beside what it says of it."""
        assert self._desk is not None
        ways = {"refunded": self.tr("Refunded at the counter"),
                "delivered_by_hand": self.tr("Given at the counter")}
        words = TechnicianWords()
        for payment_id, line in self._desk.payments_to_clear():
            column = QVBoxLayout()
            column.addWidget(label(words.phrase(line), name="report"))
            choices = QHBoxLayout()
            for how, way in ways.items():
                choices.addWidget(button(way, lambda p=payment_id, h=how: self._clear(p, h),
                                         name=f"clear_{how}", secondary=True))
            column.addLayout(choices)
            rows.addRow(label(self.tr("Paid, not delivered")), column)

    def _clear(self, payment_id: str, how: str) -> None:
        assert self._desk is not None
        self._last = self._desk.clear_payment(payment_id, how)
        self.render()

    def _report_names(self) -> dict[str, str]:
        """The report's labels in the screen's language (the core names them in English,
        as its log and the central do)."""
        return {"device": self.tr("Device"), "central": self.tr("Central"),
                "ID-card reader": self.tr("ID-card reader"), "printer": self.tr("Printer"),
                "A4 printer": self.tr("A4 printer"), "payment": self.tr("Payment"),
                "scanner": self.tr("Scanner"), "badge reader": self.tr("Badge reader"),
                "spool": self.tr("Spool"), "catalog": self.tr("Catalog"),
                "upkeep": self.tr("Upkeep"), "service": self.tr("Service"),
                "recent commands": self.tr("Recent commands"),
                "recent events": self.tr("Recent events"), "card test": self.tr("Card test"),
                "scan test": self.tr("Scan test")}

    def _act(self, action: str) -> None:
        assert self._desk is not None
        self._last = self._desk.act(action)
        self.render()

    def _leave(self) -> None:
        self._last, self._choosing = None, False
        self.flow.back()


def said(value: Value, words: TechnicianWords) -> str:
    """A report value in the screen's language; an event or a command by its translated
    name with its stable code beside it in small type, the code a technician quotes to
    the city's IT and finds in the log."""
    if isinstance(value, Phrase):
        return words.phrase(value)
    if not value:
        return words.phrase(Phrase("none"))
    lines = (" ".join(filter(None, (happened.when, escape(words.event(happened.event)),
                                    f"<small>{escape(happened.event)}</small>",
                                    escape(happened.ref))))
             for happened in value)
    return "<br>".join(lines)
