"""The item chooser's cards: an icon (from the item's category, else its kind), the
name, what it is for and the department; two to a row, every word shown whole."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from kiosk.catalog.items import parse_catalog
from kiosk.visit.flow import Screen
from ui.offscreen import show_full_screen_on
from ui.screens.item_card import ANY_ITEM, BY_CATEGORY, BY_KIND, GROWING, ItemCard, icon_name
from ui.taps import find, widgets_in

TEXT = {"zh_CN": "事项"}


def _item(category: str, kind: str):
    return parse_catalog({"version": "t", "items": [{
        "code": "T-1", "version": 1, "kind": kind, "title": TEXT, "department": TEXT,
        "category": category, "identity": "none", "offline": "spool", "fields": []}]}).item("T-1")


def test_an_icon_by_category_then_by_kind() -> None:
    assert icon_name(_item("housing_fund", "query_print")) == BY_CATEGORY["housing_fund"]
    assert icon_name(_item("not_known_here", "appointment")) == BY_KIND["appointment"]
    assert ANY_ITEM not in BY_CATEGORY.values()


def test_the_grid_shows_cards_with_icon_description_two_to_a_row(qtbot, kiosk_session,
                                                                  rig) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    show_full_screen_on(window, "portrait")
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    rig.place_card("wang_xiuying")
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
    qtbot.waitUntil(lambda: find(window, "item", item_code="440106-SBJ-001").isEnabled())
    cards = _cards(window)
    assert len(cards) == len(flow.offered())
    for card in cards:
        item = flow.catalog.item(card.property("item_code"))
        assert item.description.text("zh_CN") in card.text()
        icon = next(w for w in widgets_in(card) if w.objectName() == "item_icon")
        assert not icon.pixmap().isNull()
    # once laid out, no card's wrapped words are squeezed into less than they need (the
    # grid is drawn again when a device's state changes meanwhile: the cards are looked
    # up again at each check, never kept from an earlier drawing)
    qtbot.waitUntil(lambda: not _squeezed(_cards(window)), timeout=2000)
    cards = _cards(window)
    assert len({card.x() for card in cards}) == 2  # two to a row
    assert all(card.width() * 2 < window.width() for card in cards)

    # no card brings a style sheet of its own to parse, and cards built again (for another
    # language: the grid keeps its cards otherwise) paint no icon again
    assert not any(card.styleSheet() for card in cards)
    icons = _icons(window)
    resizes = CardResizes()
    QApplication.instance().installEventFilter(resizes)
    flow.set_language("en")
    assert _icons(window) == icons
    # and the cards take the height their words need in one pass over the grid, not a
    # pass for each card in which every card is resized again
    qtbot.waitUntil(lambda: _laid_out(_cards(window)) and not _squeezed(_cards(window))
                    and not _growing(_cards(window)), timeout=2000)
    QApplication.instance().removeEventFilter(resizes)
    cards = _cards(window)
    assert 0 < sum(resizes.count.get(card, 0) for card in cards) <= 4 * len(cards)


def _cards(window) -> list[ItemCard]:
    return [w for w in widgets_in(window.stack.currentWidget()) if isinstance(w, ItemCard)]


class CardResizes(QObject):
    """Resizes of each card; the cards are held, so a card of a later drawing is never
    taken for one of an earlier."""

    def __init__(self) -> None:
        super().__init__()
        self.count: dict[ItemCard, int] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, ItemCard):
            self.count[watched] = self.count.get(watched, 0) + 1
        return False


def _laid_out(cards: list[ItemCard]) -> bool:
    return all(card.isVisible() and card.width() > 0 for card in cards)


def _growing(cards: list[ItemCard]) -> bool:
    return any(card.parentWidget().property(GROWING) for card in cards)


def _icons(window) -> list[int]:
    return [w.pixmap().cacheKey() for w in widgets_in(window.stack.currentWidget())
            if w.objectName() == "item_icon"]


def _squeezed(cards: list[ItemCard]) -> list[str]:
    return [words.text() for card in cards for words in widgets_in(card)
            if words.objectName() in ("item_title", "hint", "item_department")
            and words.height() < words.heightForWidth(words.width())]
