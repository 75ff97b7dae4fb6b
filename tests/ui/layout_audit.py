"""The rules every kiosk screen is held to, checked on the real window as it is drawn.

A kiosk screen is read standing, at arm's length, by citizens who cannot scroll a
page they do not know scrolls, and by elders who need big targets: so a screen
must fit (nothing off the screen, the window no larger than it, no outer scroll
bar), show every word whole, give every tappable a finger's room, and speak the
citizen's language. Each rule gives a finding a person can act on: the screen,
the widget by its name and text, and what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from ui.keyboard.tapping import candidate_offers, offer_word
from ui.screens.base import Page
from ui.taps import widgets_in

MIN_TAP_PX = 64  # a fingertip, for a citizen with steady hands
MIN_TAP_ELDERLY_PX = 96  # large-text mode: every target at least this
CHECK_BOX_PX, CHECK_BOX_ELDERLY_PX = 40, 72  # the square a consent is ticked in
TAPPABLES = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Finding:
    rule: str
    widget: str  # its action or name: the same widget in every language
    detail: str = ""  # its text, its size: what this language and mode showed


def name_of(widget: QWidget) -> str:
    return str(widget.property("action") or widget.objectName() or type(widget).__name__)


def describe(rule: str, widget: QWidget, detail: str = "") -> Finding:
    text = _text(widget)
    return Finding(rule, name_of(widget), " ".join(filter(None, (repr(text[:40]) if text
                                                                  else "", detail))))


def _text(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    if isinstance(widget, QLineEdit):
        return widget.text() or widget.placeholderText()
    return ""


def _global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def shown_widgets(window: QWidget) -> list[QWidget]:
    return [w for w in widgets_in(window) if w.isVisible() and w.window() is window]


def _scroller(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area `widget` is scrolled inside of, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return area
        parent = area
    return None


def _outer(area: QAbstractScrollArea) -> bool:
    """The page's own scroll area, around the whole screen; any other is a list of rows
    (items, cases, fields) that may run on below what shows, in its own place."""
    return isinstance(area.parentWidget(), Page)


def _visible_area(widget: QWidget, screen: QRect) -> QRect | None:
    """Where `widget` must lie to be seen whole; None inside a list that scrolls."""
    area = screen
    scroller = _scroller(widget)
    while scroller is not None:
        if not _outer(scroller):
            return None
        area = area.intersected(_global_rect(scroller.viewport()))
        scroller = _scroller(scroller)
    return area


def fits_screen(window: QWidget, screen: QRect) -> list[Finding]:
    found = []
    if window.width() > screen.width() or window.height() > screen.height():
        found.append(Finding("window larger than the screen", "window",
                             f"{window.width()}×{window.height()} on "
                             f"{screen.width()}×{screen.height()}"))
    for widget in shown_widgets(window):
        if isinstance(widget, QAbstractScrollArea) and _outer(widget) \
                and widget.verticalScrollBar().isVisible():
            found.append(Finding("outer scroll bar", type(widget.parentWidget()).__name__))
        if not isinstance(widget, (*TAPPABLES, QLabel)) or not widget.width():
            continue
        area = _visible_area(widget, screen)
        if area is not None and not area.contains(_global_rect(widget)):
            found.append(describe("outside the screen", widget))
    return found


def in_view(window: QWidget, screen: QRect) -> list[Finding]:
    """A widget the screen marks `must_see` (the fiscal receipt number a citizen paid for,
    the technician's device rows) shows whole as the screen comes up: not below the fold
    of a list that scrolls in its own place, which a citizen may not know scrolls."""
    found = []
    for widget in shown_widgets(window):
        if not widget.property("must_see"):
            continue
        area, scroller = screen, _scroller(widget)
        while scroller is not None:
            area = area.intersected(_global_rect(scroller.viewport()))
            scroller = _scroller(scroller)
        if not area.contains(_global_rect(widget)):
            found.append(describe("important row below the fold", widget))
    return found


def _label_clipped(label: QLabel) -> bool:
    if not label.text() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return False
    room = label.contentsRect()
    if label.wordWrap():
        return label.heightForWidth(label.width()) > label.height() + 1
    metrics = label.fontMetrics()
    lines = label.text().split("\n")
    return max(metrics.horizontalAdvance(line) for line in lines) > room.width() + 1 \
        or metrics.lineSpacing() * len(lines) > room.height() + 1


def _button_clipped(btn: QPushButton) -> bool:
    if not QPushButton.text(btn):  # no words of its own: its labels are audited as labels
        return False
    option = QStyleOptionButton()
    btn.initStyleOption(option)
    room = btn.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, btn)
    metrics = btn.fontMetrics()
    lines = btn.text().split("\n")
    return max(metrics.horizontalAdvance(line) for line in lines) > room.width() + 1 \
        or metrics.height() * len(lines) > room.height() + 1


def text_whole(window: QWidget) -> list[Finding]:
    found = []
    for widget in shown_widgets(window):
        clipped = (isinstance(widget, QLabel) and _label_clipped(widget)) or (
            isinstance(widget, QPushButton) and _button_clipped(widget)) or (
            isinstance(widget, QCheckBox) and widget.width() < widget.sizeHint().width())
        if clipped:
            found.append(describe("text clipped", widget))
    return found


def big_enough(window: QWidget, elderly: bool) -> list[Finding]:
    least = MIN_TAP_ELDERLY_PX if elderly else MIN_TAP_PX
    box = CHECK_BOX_ELDERLY_PX if elderly else CHECK_BOX_PX
    found = []
    for widget in shown_widgets(window):
        if not isinstance(widget, TAPPABLES):
            continue
        if widget.width() < least or widget.height() < least:
            found.append(describe(f"tappable under {least} px", widget,
                                  f"{widget.width()}×{widget.height()}"))
        if isinstance(widget, QCheckBox):
            option = QStyleOptionButton()
            widget.initStyleOption(option)
            square = widget.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator,
                                                   option, widget)
            if min(square.width(), square.height()) < box:
                found.append(describe(f"check box under {box} px", widget,
                                      f"{square.width()}×{square.height()}"))
    return found


def candidates_fit(window: QWidget, elderly: bool) -> list[Finding]:
    """The keyboard's candidate row while it offers words (Pinyin, Zhuyin): each offer a
    target as large as a button, its word whole, the row on the keyboard, not cut off
    above it. The row is Qt Quick, not widgets, so the other rules do not see it."""
    keyboard = getattr(window, "keyboard", None)
    if keyboard is None or not keyboard.isVisible():
        return []
    least = MIN_TAP_ELDERLY_PX if elderly else MIN_TAP_PX
    found = []
    for offer in candidate_offers(keyboard):
        word = offer_word(offer)
        size = f"{offer.width():.0f}×{offer.height():.0f}"
        shown = Finding("", "candidate", f"{word.property('text')!r} {size}")
        if offer.width() < least or offer.height() < least:
            found.append(replace(shown, rule=f"tappable under {least} px"))
        if word.implicitWidth() > offer.width() + 1 or word.implicitHeight() > offer.height() + 1:
            found.append(replace(shown, rule="text clipped"))
        top = offer.mapToScene(QPointF(0, 0)).y()
        if top < 0 or top + offer.height() > keyboard.height() + 1:
            found.append(replace(shown, rule="outside the screen"))
    return found


def words_shown(window: QWidget) -> set[str]:
    """The texts on the screen a translation could have missed (not the language names,
    which each stay in their own language)."""
    return {_text(w) for w in shown_widgets(window)
            if _text(w) and not str(w.property("action") or "").startswith("lang_")}


def untranslated(chinese: set[str], english: set[str]) -> list[Finding]:
    """A text on a Chinese screen that the same screen in English shows too, with Latin
    words in it: the source string, never translated. Numbers and codes are the same in
    every language, and have no word in them."""
    return [Finding("untranslated", repr(text[:60])) for text in sorted(chinese & english)
            if any(LATIN_WORD.fullmatch(part) for part in re.split(r"[^A-Za-z]+", text))
            and not _a_code(text)]


def latin_words(text: str, *args: str) -> list[str]:
    """The Latin words of `text` once the arguments (names, numbers, paths, the same in
    every language) are taken out: what is left is English the screen did not translate."""
    for arg in args:
        text = text.replace(arg, "")
    return LATIN_WORD.findall(text)


def _a_code(text: str) -> bool:
    """A reference or document number: one token of capitals, digits and dashes."""
    return re.fullmatch(r"[A-Z0-9][A-Z0-9\-·/ ]*", text.strip()) is not None \
        and any(ch.isdigit() for ch in text)
