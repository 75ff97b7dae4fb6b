"""The item grid: categories, a search, and every item, the unavailable ones
shown with the reason so nobody types a form for a service that cannot finish."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from kiosk.visit.messages import category_name
from ui.screens.base import Page, button, label
from ui.screens.item_card import ItemCard

CHIPS_PER_ROW = 5
# two cards to a row: twice the items on a screen, each still wide enough for its name
ITEMS_PER_ROW = 2


class ChoosePage(Page):
    def build(self) -> None:
        visit = self.flow.visit
        lang = visit.language
        if visit.person is not None:
            self.body.addWidget(label(self.tr("Hello, %1").replace("%1", visit.person.name),
                                      name="hint"))
        self.body.addWidget(label(self.tr("Choose a service"), name="title"))
        self.body.addLayout(self._search())
        self.body.addLayout(self._categories())
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setSpacing(16)
        status, now = self.flow.status(), self.flow.now()
        offered = self.flow.offered()
        for n, item in enumerate(offered):
            reason = self.flow.unavailable_reason(item, status)
            card = ItemCard(item, lang, elderly=visit.elderly,
                            note=reason.message(lang, now) if reason else "",
                            on_tap=lambda code=item.code: self.flow.choose(code))
            grid.addWidget(card, n // ITEMS_PER_ROW, n % ITEMS_PER_ROW)
        if not offered:
            grid.addWidget(label(self.tr("No service matches. Clear the search to see "
                                         "them all."), name="hint"), 0, 0, 1, ITEMS_PER_ROW)
        grid.setRowStretch(grid.rowCount(), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # the cards' height follows their width: a scroll bar coming up after they were
        # laid out would narrow them and leave their wrapped words cut off
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setWidget(holder)
        self.body.addWidget(scroll, 1)
        self.nav(button(self.tr("Exit"), self.flow.back, name="back", secondary=True),
                 push_down=False)

    def _search(self) -> QHBoxLayout:
        row = QHBoxLayout()
        edit = QLineEdit(self.flow.visit.search)
        edit.setObjectName("field_search")
        edit.setPlaceholderText(self.tr("Search by name"))
        edit.returnPressed.connect(lambda: self.flow.filter_items(search=edit.text()))
        row.addWidget(edit, 1)
        row.addWidget(button(self.tr("Search"),
                             lambda: self.flow.filter_items(search=edit.text()),
                             name="search", secondary=True))
        if self.flow.visit.search:
            row.addWidget(button(self.tr("Clear"), lambda: self.flow.filter_items(search=""),
                                 name="clear_search", secondary=True))
        return row

    def _categories(self) -> QGridLayout:
        lang, chosen = self.flow.visit.language, self.flow.visit.category
        grid = QGridLayout()
        keys: list[str | None] = [None, *self.flow.catalog.categories()]
        for n, key in enumerate(keys):
            btn = button(category_name(key or "all", lang),
                         lambda k=key: self.flow.filter_items(category=k), name="category")
            btn.setObjectName("chip_on" if key == chosen else "chip")
            btn.setProperty("category", key or "")
            grid.addWidget(btn, n // CHIPS_PER_ROW, n % CHIPS_PER_ROW)
        return grid
