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
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from kiosk.catalog.items import Item
from ui.screens.base import label
from ui.style import HIGH_CONTRAST, NORMAL

ICON_PX = 64
GROWING = "cards_growing"  # on the grid: its cards' heights are to be set, once
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
def icon_name(item: Item) -> str:
    return BY_CATEGORY.get(item.category) or BY_KIND.get(str(item.kind)) or ANY_ITEM


def item_picture(item: Item, *, elderly: bool, enabled: bool) -> QPixmap:
    colours = HIGH_CONTRAST if elderly else NORMAL
    return _picture(icon_name(item), colours["accent" if enabled else "muted"])


@cache
def _picture(name: str, colour: str) -> QPixmap:
    """Drawn once a name and colour, at the card's size: the grid is rebuilt on every
    change of what it offers, and an icon font paints its glyph anew at every request."""
    import qtawesome  # loads its fonts: after the first frame, when the grid is first drawn

    return qtawesome.icon(name, color=colour).pixmap(QSize(ICON_PX, ICON_PX))


def _part(widget: QLabel) -> QLabel:
    """A label on the card that lets the tap through to the card."""
    widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return widget


class ItemCard(QPushButton):
    """A tappable card; `text()` is every word on it, as a plain button's would be.

    The item grid keeps its cards from visit to visit: what may change while one shows
    (whether the item can be started now, and why not) is set by `show_note`."""

    def __init__(self, item: Item, language: str, *, elderly: bool,
                 on_tap: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("item")
        self.setProperty("action", "item")
        self.setProperty("item_code", item.code)
        # as tall as the row it shares with its neighbour, not only as its own words need
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._item, self._elderly = item, elderly
        parts = [(item.title.text(language), "item_title")]
        if item.description is not None:
            parts.append((item.description.text(language), "hint"))
        parts.append((item.department.text(language), "item_department"))
        self._words = "\n".join(words for words, _name in parts)
        self._note = _part(label("", name="item_note"))
        self._note.hide()
        column = QVBoxLayout()
        for words, name in parts:
            column.addWidget(_part(label(words, name=name)))
        column.addWidget(self._note)
        column.addStretch(1)  # in a row made taller by its neighbour, the words stay on top
        row = QHBoxLayout(self)
        self._picture = QLabel()
        self._picture.setObjectName("item_icon")
        self._picture.setFixedSize(ICON_PX, ICON_PX)
        self._picture.setPixmap(item_picture(item, elderly=elderly, enabled=True))
        row.addWidget(_part(self._picture), 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)
        self.clicked.connect(lambda _checked=False: on_tap())

    def show_note(self, note: str) -> None:
        """Why the item cannot be started now ("" when it can): the card greyed out with
        the reason under its words, or whole again."""
        if note == self._note.text() and self.isEnabled() == (not note):
            return
        self.setEnabled(not note)
        self._note.setText(note)
        self._note.setVisible(bool(note))
        self._picture.setPixmap(item_picture(self._item, elderly=self._elderly,
                                             enabled=not note))
        self.setMinimumHeight(0)  # measured again: a note gone leaves no empty line behind
        self._ask_growth()

    def text(self) -> str:
        """Every word the labels draw, as a plain button's text would be."""
        return self._words + ("\n" + self._note.text() if self._note.text() else "")

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
            self._ask_growth()

    def _ask_growth(self) -> None:
        """The grid's cards measured again once this turn's changes are done."""
        holder = self.parentWidget()
        if holder is not None and not holder.property(GROWING):
            holder.setProperty(GROWING, True)
            QTimer.singleShot(0, holder, self._grow_grid)

    def _grow_grid(self) -> None:
        """Every card of the grid at the height its words need, and the grid laid out
        once. A card at a time laid the whole grid out again for each one, and every card
        of it was resized each time: some 500 resizes, most of the tap that shows it."""
        holder = self.parentWidget()
        holder.setProperty(GROWING, False)
        grew = False
        for card in holder.findChildren(ItemCard,
                                        options=Qt.FindChildOption.FindDirectChildrenOnly):
            needed = card.layout().totalHeightForWidth(card.width())
            if needed > card.minimumHeight():
                card.setMinimumHeight(needed)
                grew = True
        if grew:
            holder.adjustSize()  # the scroll area takes the grid's new height
