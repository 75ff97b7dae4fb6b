"""The chooser's cards, built once for a catalog, a language, a mode and an orientation.

Building some twenty cards (labels, icons and layouts, each polished by the window's
style sheet) was most of the tap that shows the chooser, at every visit, for cards the
same as the last visit's. The grid keeps them: a showing only sets what may have
changed since (whether each item can be started now, and why not) and which items the
search and the category leave. A card holds no citizen's data; the scroll goes back
to the first item when the page is left, and no card keeps the focus, so the next
citizen finds the grid as the first did.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGridLayout, QScrollArea, QWidget

from kiosk.catalog.items import Catalog, Item
from ui.screens.base import label, release_items
from ui.screens.item_card import ItemCard

# two cards to a row: twice the items on a screen, each still wide enough for its name
ITEMS_PER_ROW = 2


class ItemGrid(QScrollArea):
    def __init__(self, catalog: Catalog, language: str, *, elderly: bool, wide: bool,
                 on_tap: Callable[[str], None]) -> None:
        super().__init__()
        self._made_for = (catalog, language, elderly, wide)
        self._on_tap = on_tap
        self._holder = QWidget()
        self._grid = QGridLayout(self._holder)
        self._grid.setSpacing(16)
        self._cards: dict[str, ItemCard] = {}
        # the cards the search or category leaves out: off the page, so nothing looking
        # for what the page shows finds them, kept for when they are offered again
        self._parked = QWidget()
        self._shown: list[str] | None = None
        self._nothing = label("", name="hint")
        self._nothing.setParent(self._parked)
        self.setWidgetResizable(True)
        # the cards' height follows their width: a scroll bar coming up after they were
        # laid out would narrow them and leave their wrapped words cut off
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setWidget(self._holder)

    def made_for(self, catalog: Catalog, language: str, *, elderly: bool, wide: bool) -> bool:
        """Whether these cards are the ones to show: the catalog itself (not one equal to
        it), in the same language, mode and orientation (a card's height follows its
        width)."""
        kept, *rest = self._made_for
        return kept is catalog and rest == [language, elderly, wide]

    def show_items(self, items: list[tuple[Item, str]], nothing: str) -> None:
        """`items` in this order, each with why it cannot be started now ("" if it can);
        `nothing` said in their place when there are none."""
        for item, note in items:
            self._card(item).show_note(note)
        codes = [item.code for item, _note in items]
        if codes != self._shown:
            self._place(codes, nothing)

    def rewind(self) -> None:
        """As the next citizen should find it: at the first item, no card focused."""
        self.verticalScrollBar().setValue(0)
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()

    def _card(self, item: Item) -> ItemCard:
        if item.code not in self._cards:
            language, elderly = self._made_for[1], self._made_for[2]
            # the tap's target only, not this grid: a parked card would keep it alive
            self._cards[item.code] = ItemCard(
                item, language, elderly=elderly,
                on_tap=lambda code=item.code, choose=self._on_tap: choose(code))
        return self._cards[item.code]

    def _place(self, codes: list[str], nothing: str) -> None:
        """The grid laid out again for another choice of items (a search, a category)."""
        release_items(self._grid)
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 0)  # what an earlier, longer choice stretched
        for card in self._cards.values():
            if card.parentWidget() is self._holder and card.property("item_code") not in codes:
                card.setParent(self._parked)
        for n, code in enumerate(codes):
            self._grid.addWidget(self._cards[code], n // ITEMS_PER_ROW, n % ITEMS_PER_ROW)
            self._cards[code].show()
        if not codes:
            self._nothing.setText(nothing)
            self._grid.addWidget(self._nothing, 0, 0, 1, ITEMS_PER_ROW)
            self._nothing.show()
        elif self._nothing.parentWidget() is self._holder:
            self._nothing.setParent(self._parked)
        rows = max(1, -(-len(codes) // ITEMS_PER_ROW))
        self._grid.setRowStretch(rows, 1)  # the cards at the top of a grid they do not fill
        self._shown = codes
        self.verticalScrollBar().setValue(0)
