"""The item grid: categories, a search, and every item, the unavailable ones
shown with the reason so nobody types a form for a service that cannot finish.

The heading, the search and the categories are built at every showing, as every
page is; the cards are kept (ui.screens.item_grid), and only what changed on them
is set."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.visit.messages import category_name
from ui.screens.base import PAGE_MARGIN_PX, Page, button, free_widget, is_wide, label
from ui.screens.item_grid import ItemGrid
from ui.style import CHIP_PAD_PX, CHIP_SHARE, SELECTED_MARK, point_size

MAX_CHIPS_PER_ROW = 10
CHIP_ROOM_PX = 24  # a chip's border and the grid's spacing


class ChoosePage(Page):
    _grid: ItemGrid | None = None

    def build(self) -> None:
        visit = self.flow.visit
        heading = QVBoxLayout()
        if visit.person is not None:
            heading.addWidget(label(self.tr("Hello, %1").replace("%1", visit.person.name),
                                    name="hint"))
        heading.addWidget(label(self.tr("Choose a service"), name="title"))
        search = self._search()
        if is_wide(self):  # landscape: the heading beside the search, more room for items
            search.insertLayout(0, heading, 1)
        else:
            self.body.addLayout(heading)
        self.body.addLayout(search)
        grid = self._items()
        if is_wide(self):  # landscape: the categories a column beside the items
            row = QHBoxLayout()
            row.addWidget(self._category_column())
            self.place_kept(row, grid, 1)
            self.body.addLayout(row, 1)
        else:
            self.body.addLayout(self._categories())
            self.place_kept(self.body, grid, 1)
        self.nav(button(self.tr("Exit"), self.flow.back, name="back", secondary=True),
                 push_down=False)

    def _items(self) -> ItemGrid:
        """The kept cards, or new ones for another catalog, language, mode or orientation,
        showing what is offered now."""
        visit, catalog, wide = self.flow.visit, self.flow.catalog, is_wide(self)
        if self._grid is None or not self._grid.made_for(catalog, visit.language,
                                                         elderly=visit.elderly, wide=wide):
            self._drop_grid()
            self._grid = ItemGrid(catalog, visit.language, elderly=visit.elderly, wide=wide,
                                  on_tap=self.flow.choose)
        status, now = self.flow.status(), self.flow.now()
        offered = []
        for item in self.flow.offered():
            reason = self.flow.unavailable_reason(item, status)
            offered.append((item, reason.message(visit.language, now) if reason else ""))
        self._grid.show_items(offered, self.tr("No service matches. Clear the search to "
                                               "see them all."))
        return self._grid

    def blank(self) -> None:
        super().blank()
        if self._grid is not None:
            self._grid.rewind()

    def _drop_grid(self) -> None:
        if self._grid is not None:
            free_widget(self._grid)
            self._grid = None

    def _search(self) -> QHBoxLayout:
        row = QHBoxLayout()
        edit = QLineEdit(self.flow.visit.search)
        edit.setObjectName("field_search")
        edit.setPlaceholderText(self.tr("Search by name"))
        edit.returnPressed.connect(lambda: self.flow.filter_items(search=edit.text()))
        row.addWidget(edit, 2)
        row.addWidget(button(self.tr("Search"),
                             lambda: self.flow.filter_items(search=edit.text()),
                             name="search", secondary=True))
        if self.flow.visit.search:
            row.addWidget(button(self.tr("Clear"), lambda: self.flow.filter_items(search=""),
                                 name="clear_search", secondary=True))
        return row

    def _category_column(self) -> QScrollArea:
        """The chips one above the other, as wide as the widest, scrolled in their own
        place: rows of them across a landscape screen left the items no room."""
        holder = QWidget()
        column = self._categories(per_row=1)
        column.setRowStretch(column.rowCount(), 1)
        holder.setLayout(column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFixedWidth(self._widest_chip(self._category_names()[1]) + CHIP_ROOM_PX * 2)
        return scroll

    def _category_names(self) -> tuple[list[str | None], list[str]]:
        lang = self.flow.visit.language
        keys: list[str | None] = [None, *self.flow.catalog.categories()]
        return keys, [category_name(key or "all", lang) for key in keys]

    def _categories(self, per_row: int | None = None) -> QGridLayout:
        chosen = self.flow.visit.category
        grid = QGridLayout()
        keys, names = self._category_names()
        if per_row is None:
            per_row = self._chips_per_row([SELECTED_MARK + name for name in names])
        for n, (key, name) in enumerate(zip(keys, names, strict=True)):
            btn = button(SELECTED_MARK + name if key == chosen else name,
                         lambda k=key: self.flow.filter_items(category=k), name="category")
            btn.setObjectName("chip_on" if key == chosen else "chip")
            btn.setProperty("category", key or "")
            grid.addWidget(btn, n // per_row, n % per_row)
        return grid

    def _chips_per_row(self, names: list[str]) -> int:
        """As many chips to a row as the widest name leaves room for: five short Chinese
        names in portrait, fewer long English ones."""
        room = self.window().width() - 2 * PAGE_MARGIN_PX
        return max(1, min(MAX_CHIPS_PER_ROW, room // self._widest_chip(names)))

    def _widest_chip(self, names: list[str]) -> int:
        """The room the widest of `names` takes as a chip, marked as chosen."""
        font = QFont(self.font())
        font.setPointSize(point_size(self.flow.visit.elderly, CHIP_SHARE))
        return max(QFontMetrics(font).horizontalAdvance(SELECTED_MARK + n) for n in names) \
            + 2 * CHIP_PAD_PX + CHIP_ROOM_PX
