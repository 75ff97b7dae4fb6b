"""The form's fields, kept while the same item's form is shown again.

Building ten fields' captions, editors and hints (each polished by the window's
style sheet) was most of the tap from the item grid to a form, at every visit, for
the same item's same widgets. The form page keeps them for one item, language and
mode, and lays them out again at each showing with what changes between showings:
the values, the marks of what is wrong, what the platform filled in. Those are
built for the showing (`lay_out`'s `fresh`) and freed after it.

A kept field is emptied when the form is left (`wipe`): no typed text, no undo
history, no focus and no scroll position of one citizen is there for the next.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.screens.base import FieldsScroll, free_widget, release_items


def _empty(widget: QWidget) -> None:
    """`widget` holding nothing, its undo history with it, and telling no one."""
    widget.blockSignals(True)
    if isinstance(widget, QLineEdit):
        widget.setText("")  # clears the undo history too
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("")
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(0)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(False)
    widget.blockSignals(False)


class KeptFields:
    """A scrolling column of fields whose widgets outlive a showing."""

    def __init__(self, made_for: tuple[Hashable, ...]) -> None:
        self._made_for = made_for
        holder = QWidget()
        self._column = QVBoxLayout(holder)
        self._column.setSpacing(12)
        self.scroll = FieldsScroll(holder)
        self._kept: dict[tuple[str, str], QWidget] = {}
        # kept widgets this showing does not use: off the page, so nothing looking for
        # what the page shows finds them (a field the platform filled, for one)
        self._parked = QWidget()
        self._fresh: list[QWidget] = []
        self._wiped = True

    def made_for(self, item: object, language: str, elderly: bool) -> bool:
        """For the item itself (not one equal to it), in this language and mode."""
        kept, *rest = self._made_for
        return kept is item and rest == [language, elderly]

    def kept(self, field: str, part: str, make: Callable[[], QWidget]) -> QWidget:
        """The field's `part`, made the first time it is asked for."""
        if (field, part) not in self._kept:
            self._kept[field, part] = make()
        return self._kept[field, part]

    def lay_out(self, rows: list[QWidget], fresh: list[QWidget]) -> None:
        """The column as `rows`, top to bottom; `fresh` are the ones of them built for this
        showing, freed at the next or when the form is left."""
        self._take_out()
        used = {id(widget) for widget in rows}
        holder = self.scroll.widget()
        for widget in self._kept.values():
            if id(widget) not in used and widget.parentWidget() is holder:
                widget.setParent(self._parked)
        for widget in rows:
            self._column.addWidget(widget)
            if widget.isHidden():
                widget.show()
        self._column.addStretch(1)
        self._fresh = fresh
        self._wiped = False

    def wipe(self) -> None:
        """Nothing of this citizen left: the fresh parts freed, every kept field empty and
        unfocused, the column scrolled back to its top."""
        if self._wiped:
            return
        focused = QApplication.focusWidget()
        if focused is not None and self.scroll.isAncestorOf(focused):
            focused.clearFocus()
        self._take_out()
        for widget in self._kept.values():
            _empty(widget)
        self.scroll.verticalScrollBar().setValue(0)
        self._wiped = True

    def drop(self) -> None:
        """Every widget freed: the form is for another item, language or mode now."""
        self.wipe()
        free_widget(self.scroll)
        free_widget(self._parked)

    def _take_out(self) -> None:
        release_items(self._column)
        for widget in self._fresh:
            free_widget(widget)
        self._fresh = []
