"""What every screen shares: a vertical page, a title, and big buttons.

Screens are rebuilt from the flow's state on every change rather than
patched, so a widget can never show data the core has already forgotten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.lockdown import seal_fields

if TYPE_CHECKING:  # the first frame's idle screen is drawn before the flow is imported
    from kiosk.visit.flow import VisitFlow



def clear_layout(layout: QLayout) -> None:
    while layout.count():
        child = layout.takeAt(0)
        if child.widget() is not None:
            widget = child.widget()
            # hidden first: a widget added this turn has a show queued by its layout, and
            # once out of the window that show would map it as a window of its own
            widget.hide()
            widget.setParent(None)  # out of the window now, freed when the loop turns
            widget.deleteLater()
        elif child.layout() is not None:
            clear_layout(child.layout())
        # takeAt gives the item to the caller, and PySide6 never frees it: every widget and
        # stretch of every rebuild kept its layout item (about 5 KB a visit, bench.endurance)
        shiboken6.delete(child)


def button(text: str, on_tap: Callable[[], None], *, name: str,
           secondary: bool = False) -> QPushButton:
    btn = QPushButton(text)
    btn.setObjectName("secondary" if secondary else name)
    btn.setProperty("action", name)
    btn.clicked.connect(lambda _checked=False: on_tap())
    return btn


def label(text: str, *, name: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


PAD_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK")


def key_pad(on_key: Callable[[str], None]) -> QGridLayout:
    """A digit pad of the screen's own (no keyboard a passer-by could use to switch away);
    each tap forwards its key: a digit, "⌫" or "OK"."""
    pad = QGridLayout()
    for n, key in enumerate(PAD_KEYS):
        pad.addWidget(button(key, lambda k=key: on_key(k), name=f"key_{key}",
                             secondary=key != "OK"), n // 3, n % 3)
    return pad


FIELD_MARGIN_PX = 16  # room kept around a field scrolled into view


class FieldsScroll(QScrollArea):
    """A scrolling column of fields that keeps the focused one in view when it shrinks,
    as it does when an on-screen keyboard comes up under it."""

    def __init__(self, holder: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setWidget(holder)

    def reveal(self, field: QWidget) -> None:
        """The whole field, not only its cursor (what ensureWidgetVisible settles for)."""
        centre = field.mapTo(self.widget(), field.rect().center())
        self.ensureVisible(centre.x(), centre.y(), 0, field.height() // 2 + FIELD_MARGIN_PX)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        field = QApplication.focusWidget()
        if field is not None and self.isAncestorOf(field):
            self.reveal(field)


class Page(QWidget):
    """A screen: `render` rebuilds its content from the flow.

    The content scrolls when it is taller than the room left to it (a landscape
    screen with the keyboard up), so the window never grows past the screen and
    the way back never falls off its bottom.
    """

    def __init__(self, flow: VisitFlow) -> None:
        super().__init__()
        self.flow = flow
        content = QWidget()
        content.setObjectName("page_content")
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(48, 48, 48, 48)
        self.body.setSpacing(24)
        scroll = FieldsScroll(content)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def render(self) -> None:
        clear_layout(self.body)
        self.build()
        seal_fields(self)

    def blank(self) -> None:
        """Hold nothing while another screen shows: no stale personal data behind it."""
        clear_layout(self.body)

    def build(self) -> None:
        raise NotImplementedError

    def nav(self, *buttons: QPushButton, push_down: bool = True) -> None:
        """The navigation row at the bottom; `push_down` when nothing above stretches."""
        row = QHBoxLayout()
        for btn in buttons:
            row.addWidget(btn)
        if push_down:
            self.body.addStretch(1)
        self.body.addLayout(row)

    def back_button(self) -> QPushButton:
        return button(self.tr("Back"), self.flow.back, name="back", secondary=True)
