"""Operating the kiosk window as a citizen would: by what is on the screen.

The headless demo and the UI tests both drive the real widgets, found on the
page that is showing, by the action or field name they carry; neither calls
the core behind the screen's back.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QWidget


def objects_in(holder: QObject) -> Iterator[QObject]:
    """Every QObject under `holder`, in the order findChildren gives. Not findChildren
    itself: PySide6 makes what it returns Python children of `holder`, and keeps the
    wrappers of Qt's own inner widgets (a scroll area's viewport and scroll bars) there
    after a rebuild deletes them, so each lookup on a rebuilt page kept a few for good
    (about 15 KB a visit in bench.endurance). children() creates no such tie."""
    for child in holder.children():
        yield child
        yield from objects_in(child)


def widgets_in(holder: QObject) -> Iterator[QWidget]:
    """Every widget under `holder` (see objects_in)."""
    return (child for child in objects_in(holder) if isinstance(child, QWidget))


def find(window: QWidget, action: str, **props: str) -> QWidget:
    """On the page showing, or in the window's own bar (the language switch)."""
    page = window.stack.currentWidget()
    for holder in (page, window.languages, getattr(window, "footer", page)):
        for widget in widgets_in(holder):
            if (widget.objectName() == action or widget.property("action") == action) and all(
                    widget.property(k) == v for k, v in props.items()):
                return widget
    raise LookupError(f"no {action} {props} on {type(page).__name__}")


def tap(window: QWidget, action: str, **props: str) -> None:
    """A finger's tap: focus moves to what was tapped, where it takes focus on a click, as
    it does under a real press (a field left focused would keep its keyboard up)."""
    widget = find(window, action, **props)
    if widget.focusPolicy() & Qt.FocusPolicy.ClickFocus:
        widget.setFocus(Qt.FocusReason.MouseFocusReason)
    widget.click()
    QApplication.processEvents()


def type_text(window: QWidget, field: str, text: str) -> None:
    """Replace a field's text the way typing does (textEdited fires)."""
    edit = find(window, f"field_{field}")
    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, "\b")
    QTest.keyClicks(edit, text)


def choose_option(window: QWidget, field: str, value: str) -> None:
    """Pick the option whose value is `value` in a list field, as a tap on it does."""
    combo = find(window, f"field_{field}")
    assert isinstance(combo, QComboBox)
    index = combo.findData(value)
    if index < 0:
        raise LookupError(f"{field} has no option {value!r}")
    combo.setCurrentIndex(index)
    QApplication.processEvents()


def tick_every_box(window: QWidget) -> None:
    for box in widgets_in(window.stack.currentWidget()):
        if isinstance(box, QCheckBox):
            box.setChecked(True)


def visible_texts(window: QWidget) -> list[str]:
    """Every text a widget of the window holds, for checking what a screen could show."""
    texts = []
    for widget in widgets_in(window):
        for getter in ("text", "toPlainText", "currentText", "windowTitle"):
            method = getattr(widget, getter, None)
            if callable(method):
                value = method()
                if isinstance(value, str) and value:
                    texts.append(value)
    return texts
