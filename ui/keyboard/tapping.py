"""Typing on the kiosk's on-screen keyboards by taps, for the demo, the tests and the
screenshots: the keys are found where the citizen sees them and pressed there, so the
whole path (touch, input method, Pinyin engine, field) is the real one."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ui.keyboard.panel import KeyboardPanel

FRAME_MS = 16


def _items(item: QQuickItem) -> Iterator[QQuickItem]:
    yield item
    for child in item.childItems():
        yield from _items(child)


def _shown(item: QQuickItem) -> bool:
    return item.isVisible() and item.width() > 0 and item.height() > 0


def _tap_item(panel: KeyboardPanel, item: QQuickItem) -> None:
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(panel, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    QApplication.processEvents()


def key_labels(panel: KeyboardPanel) -> set[str]:
    """The texts of the keys the keyboard shows now (its layout in the current language)."""
    return {item.property("text") for item in _items(panel.rootObject())
            if _shown(item) and item.property("key") is not None and item.property("text")}


def tap_keys(panel: KeyboardPanel, letters: str) -> None:
    """Press the keys labelled with each of `letters`, in order."""
    for letter in letters:
        keys = [item for item in _items(panel.rootObject())
                if _shown(item) and item.property("key") is not None
                and item.property("text") == letter]
        if not keys:
            raise LookupError(f"no key {letter!r} on the keyboard")
        _tap_item(panel, keys[0])


def candidates(panel: KeyboardPanel) -> list[str]:
    """The words the input method offers for what was typed, first offer first."""
    return [offer_word(offer).property("text") for offer in candidate_offers(panel)]


def offer_word(offer: QQuickItem) -> QQuickItem:
    """The text item an offer shows its word in."""
    return next(item for item in offer.childItems()
                if item.metaObject().className().startswith("QQuickText"))


def candidate_offers(panel: KeyboardPanel) -> list[QQuickItem]:
    """The offers the candidate row shows now: each a touch target holding its word."""
    bar = _candidate_bar(panel)
    return [] if bar is None else [item.parentItem() for item in _items(bar) if _shown(item)
                                   and item.property("text") and item.metaObject().className()
                                   .startswith("QQuickText")]


def tap_candidate(panel: KeyboardPanel, word: str) -> None:
    bar = _candidate_bar(panel)
    texts = [] if bar is None else [item for item in _items(bar) if _shown(item)
                                    and item.property("text") == word]
    if not texts:
        raise LookupError(f"{word!r} is not among the keyboard's candidates")
    offer = texts[0].parentItem()
    _wait_at_rest(panel, offer)
    _tap_item(panel, offer)


def _wait_at_rest(panel: KeyboardPanel, offer: QQuickItem, frames: int = 120) -> None:
    """Let the list slide into its band above the keys before tapping an offer in it;
    a tap while it is still sliding lands on a key."""
    band = panel.rootObject().property("candidateHeight")
    for _ in range(frames):
        top = offer.mapToScene(QPointF(0, 0)).y()
        if top >= 0 and top + offer.height() <= band + 1:
            return
        QTest.qWait(FRAME_MS)
    raise RuntimeError("the keyboard's candidate list never came to rest")


def _candidate_bar(panel: KeyboardPanel) -> QQuickItem | None:
    """The word candidate list: the list view whose delegates carry the offers."""
    for item in _items(panel.rootObject()):
        if item.metaObject().className().startswith("QQuickListView") and _shown(item) \
                and item.property("count"):
            return item
    return None


def focus_field(field: QWidget) -> None:
    """Touch a field: it takes the focus and asks for its keyboard, as a finger does."""
    QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
