"""One item of the chooser as a card: an icon, the item's name first and large, what
it is for, and the department in small type below.

A grid of name-and-department in one bold weight made a citizen read every card to
the end to find theirs; an icon is found before a word is read, and the description
says what the item does for people who do not know its official name. Icons are
Font Awesome's (free set, SIL OFL 1.1 font, CC BY 4.0 icons) through qtawesome, a
maintained package, chosen by the item's category and, for categories the kiosk does
not know, by its kind.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from kiosk.catalog.items import Item
from ui.screens.base import label
from ui.style import BASE_PT, ELDERLY_SCALE, HIGH_CONTRAST, MIN_TOUCH_PX, NORMAL

ICON_PX = 64
BY_CATEGORY = {
    "social_insurance": "fa5s.shield-alt",
    "medical_insurance": "fa5s.notes-medical",
    "housing_fund": "fa5s.home",
    "household": "fa5s.id-card",
    "elderly": "fa5s.hands-helping",
    "business": "fa5s.briefcase",
    "evaluation": "fa5s.star",
    "complaint": "fa5s.comment-dots",
}
BY_KIND = {
    "query_print": "fa5s.print",
    "submission": "fa5s.file-signature",
    "appointment": "fa5s.calendar-check",
    "case_status": "fa5s.search",
    "evaluation": "fa5s.star",
}
ANY_ITEM = "fa5s.concierge-bell"
SMALL = 0.8  # the department and a reason, against the page's type


def card_style(elderly: bool) -> str:
    """The card's own hierarchy: its name bold, the department and a reason smaller; a card
    is at least a touch target tall (its words make it taller), not two."""
    scale = ELDERLY_SCALE if elderly else 1.0
    small, touch = round(BASE_PT * scale * SMALL), round(MIN_TOUCH_PX * scale)
    return (f"QPushButton#item {{ min-height: {touch}px; padding: 8px; }}"
            "QLabel#item_title { font-weight: bold; }"
            f"QLabel#item_department, QLabel#item_note {{ font-size: {small}pt; }}")


def icon_name(item: Item) -> str:
    return BY_CATEGORY.get(item.category) or BY_KIND.get(str(item.kind)) or ANY_ITEM


def item_icon(item: Item, *, elderly: bool, enabled: bool) -> QIcon:
    colours = HIGH_CONTRAST if elderly else NORMAL
    return _icon(icon_name(item), colours["accent" if enabled else "muted"])


@cache
def _icon(name: str, colour: str) -> QIcon:
    """Drawn once a name and colour: the grid is rebuilt on every change of what it offers."""
    import qtawesome  # loads its fonts: after the first frame, when the grid is first drawn

    return qtawesome.icon(name, color=colour)


def _part(widget: QLabel) -> QLabel:
    """A label on the card that lets the tap through to the card."""
    widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return widget


class ItemCard(QPushButton):
    """A tappable card; `text()` is every word on it, as a plain button's would be."""

    def __init__(self, item: Item, language: str, *, elderly: bool, note: str,
                 on_tap: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("item")
        self.setProperty("action", "item")
        self.setProperty("item_code", item.code)
        self.setStyleSheet(card_style(elderly))
        # as tall as the row it shares with its neighbour, not only as its own words need
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setEnabled(not note)
        parts = [(item.title.text(language), "item_title")]
        if item.description is not None:
            parts.append((item.description.text(language), "hint"))
        parts.append((item.department.text(language), "item_department"))
        if note:
            parts.append((note, "item_note"))
        column = QVBoxLayout()
        for words, name in parts:
            column.addWidget(_part(label(words, name=name)))
        column.addStretch(1)  # in a row made taller by its neighbour, the words stay on top
        row = QHBoxLayout(self)
        row.addWidget(_part(self._icon(item, elderly=elderly)), 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)
        self._words = "\n".join(words for words, _name in parts)
        self.clicked.connect(lambda _checked=False: on_tap())

    def _icon(self, item: Item, *, elderly: bool) -> QLabel:
        picture = QLabel()
        picture.setObjectName("item_icon")
        icon = item_icon(item, elderly=elderly, enabled=self.isEnabled())
        picture.setPixmap(icon.pixmap(QSize(ICON_PX, ICON_PX)))
        picture.setFixedSize(ICON_PX, ICON_PX)
        return picture

    def text(self) -> str:
        """Every word the labels draw, as a plain button's text would be."""
        return self._words

    # a button sizes itself by its own text, which is empty here: the card grows to what
    # its wrapped words need at the width it is given, or they would be cut off
    def sizeHint(self) -> QSize:
        own = super().sizeHint()  # the width a column shares out; the height the words want
        return QSize(own.width(), max(own.height(), self.layout().sizeHint().height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A scroll area sizes the grid by the cards' hints, not by the height their wrapped
        words take at the width they get: the card asks for that height as its minimum,
        once this resize is done (not from inside it)."""
        super().resizeEvent(event)
        if self.layout().totalHeightForWidth(self.width()) > self.minimumHeight():
            QTimer.singleShot(0, self, self._grow)

    def _grow(self) -> None:
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.minimumHeight():
            self.setMinimumHeight(needed)
            holder = self.parentWidget()
            if holder is not None:
                holder.adjustSize()  # the scroll area takes the grid's new height
