"""What every screen shares: a vertical page, a title, and big buttons.

Screens are rebuilt from the flow's state on every change rather than
patched, so a widget can never show data the core has already forgotten. The
parts too slow to build at every tap are kept (`Page.place_kept`) only where
they hold nothing of a citizen while another screen shows: the item grid's
cards, and a form's fields, emptied when the form is left.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
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


def free_widget(widget: QWidget) -> None:
    """`widget` out of the window now, and freed when the event loop turns."""
    # hidden first: a widget added this turn has a show queued by its layout, and once
    # out of the window that show would map it as a window of its own
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


def release_items(layout: QLayout) -> None:
    """`layout` emptied, its widgets left to their owner (a page keeps them)."""
    while layout.count():
        # takeAt gives the item to the caller, and PySide6 never frees it: every widget and
        # stretch of every rebuild kept its layout item (about 5 KB a visit, bench.endurance)
        shiboken6.delete(layout.takeAt(0))


def clear_layout(layout: QLayout) -> None:
    while layout.count():
        child = layout.takeAt(0)
        if child.widget() is not None:
            free_widget(child.widget())
        elif child.layout() is not None:
            clear_layout(child.layout())
        shiboken6.delete(child)  # as in release_items


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


def fit_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` broken into lines no wider than `width` (a button does not wrap by itself):
    at spaces, or anywhere in Chinese, which has none."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in re.findall(r"\S+\s*|\s+", paragraph) if " " in paragraph else paragraph:
            if line and metrics.horizontalAdvance((line + piece).rstrip()) > width:
                lines.append(line.rstrip())
                line = ""
            line += piece
        lines.append(line.rstrip())
    return "\n".join(lines)


def scrolling(rows: QLayout) -> QScrollArea:
    """`rows` in a list that scrolls in its own place (a document's lines, a review's
    fields): the page keeps its title and its way on in view, however many rows."""
    holder = QWidget()
    holder.setObjectName("rows")
    holder.setLayout(rows)
    scroll = QScrollArea()
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(holder)
    return scroll


def is_wide(page: QWidget) -> bool:
    """Whether the kiosk's screen is landscape: some pages lay out side by side there."""
    window = page.window()
    return window.width() > window.height()


PAD_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK")


def key_pad(on_key: Callable[[str], None]) -> QGridLayout:
    """A digit pad of the screen's own (no keyboard a passer-by could use to switch away);
    each tap forwards its key: a digit, "⌫" or "OK"."""
    pad = QGridLayout()
    for n, key in enumerate(PAD_KEYS):
        text = QCoreApplication.translate("Page", "OK") if key == "OK" else key
        key_button = button(text, lambda k=key: on_key(k), name=f"key_{key}",
                            secondary=key != "OK")
        key_button.setProperty("pad", True)  # keys of a pad: the least target, not more
        pad.addWidget(key_button, n // 3, n % 3)
    return pad


FIELD_MARGIN_PX = 16  # room kept around a field scrolled into view
PAGE_MARGIN_PX, PAGE_SPACING_PX, ELDERLY_SPACING = 40, 20, 1.2


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


class PageColumn(QVBoxLayout):
    """The page's column, as its scroll area sees it: as tall as its parts' least.

    A scroll area sizes a column whose height depends on its width (any wrapped label)
    to that column's preferred height, which counts every row of a list that scrolls
    in its own place: the whole page then scrolled, and the way on went below the
    screen. Asked at its least, the column gives a list the room that is left."""

    def hasHeightForWidth(self) -> bool:
        return False


class Page(QWidget):
    """A screen: `render` rebuilds its content from the flow.

    The content scrolls when it is taller than the room left to it (a field list
    with the keyboard up), while the navigation row stays under it, outside the
    scroll: the way on and the way back never fall off the screen's bottom, and
    the window never grows past the screen.
    """

    def __init__(self, flow: VisitFlow) -> None:
        super().__init__()
        self.flow = flow
        self._kept: list[tuple[QBoxLayout, QWidget]] = []
        content = QWidget()
        content.setObjectName("page_content")
        self.body = PageColumn(content)
        self.body.setContentsMargins(PAGE_MARGIN_PX, PAGE_MARGIN_PX // 2, PAGE_MARGIN_PX, 0)
        self.body.setSpacing(PAGE_SPACING_PX)
        scroll = FieldsScroll(content)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer = QVBoxLayout()  # the navigation row, under the scroll
        self.footer.setContentsMargins(PAGE_MARGIN_PX, PAGE_SPACING_PX // 2, PAGE_MARGIN_PX,
                                       PAGE_SPACING_PX // 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(scroll, 1)
        outer.addLayout(self.footer)

    def render(self) -> None:
        self.clear()
        # more air between the parts in large-text mode, as the type grows
        elderly = getattr(self.flow.visit, "elderly", False)
        self.body.setSpacing(round(PAGE_SPACING_PX * (ELDERLY_SPACING if elderly else 1)))
        self.build()
        seal_fields(self)

    def clear(self) -> None:
        """Every widget of the page gone, before it is built again or left, but for the
        parts it keeps (`place_kept`): those only leave their layout."""
        for layout, widget in self._kept:
            layout.removeWidget(widget)
        self._kept = []
        clear_layout(self.body)
        clear_layout(self.footer)

    def place_kept(self, layout: QBoxLayout, widget: QWidget, stretch: int = 0) -> None:
        """`widget` in `layout` for this showing: a part the page keeps from one showing to
        the next, because building it again would cost the citizen's tap most of its time.
        It holds nothing of a citizen while another screen shows (see the page's blank)."""
        layout.addWidget(widget, stretch)
        self._kept.append((layout, widget))

    def blank(self) -> None:
        """Hold nothing while another screen shows: no stale personal data behind it."""
        self.clear()

    def build(self) -> None:
        raise NotImplementedError

    def nav(self, *buttons: QPushButton, push_down: bool = True,
            stacked: bool = False) -> None:
        """The navigation row at the bottom; `push_down` when nothing above stretches;
        `stacked` one above the other, for long wordings on a narrow screen."""
        row = QVBoxLayout() if stacked else QHBoxLayout()
        for btn in buttons:
            row.addWidget(btn)
        if push_down:
            self.body.addStretch(1)
        self.footer.addLayout(row)

    def back_button(self) -> QPushButton:
        return button(self.tr("Back"), self.flow.back, name="back", secondary=True)
