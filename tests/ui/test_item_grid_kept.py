"""The item grid keeps its cards from one showing to the next (building them was most of
the tap that shows it), and builds them again only for another catalog, language or
mode; what one citizen did to the grid is not there for the next."""

from __future__ import annotations

from kiosk.visit.flow import Screen
from ui.offscreen import show_full_screen_on
from ui.screens.item_card import ItemCard
from ui.screens.item_grid import ItemGrid
from ui.taps import find, tap, widgets_in


def _cards(window) -> list[ItemCard]:
    return [w for w in widgets_in(window.stack.currentWidget()) if isinstance(w, ItemCard)]


def _mark(cards: list[ItemCard], mark: str) -> None:
    """A mark only these cards carry: a card built later, even where one of these was
    freed, does not."""
    for card in cards:
        card.setProperty("mark", mark)


def _marks(window) -> set[str | None]:
    return {card.property("mark") for card in _cards(window)}


def _grid(window) -> ItemGrid:
    return next(w for w in widgets_in(window.stack.currentWidget()) if isinstance(w, ItemGrid))


def test_the_next_visit_gets_the_same_cards_and_none_of_the_last_citizens_search(
        qtbot, kiosk_session) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    show_full_screen_on(window, "portrait")
    tap(window, "start")
    assert flow.screen == Screen.CHOOSE
    first = _cards(window)
    assert len(first) == len(flow.offered()) > 4
    _mark(first, "first")
    grid = _grid(window)
    qtbot.waitUntil(lambda: grid.verticalScrollBar().maximum() > 0)

    # this citizen scrolls, searches for one item, then leaves
    grid.verticalScrollBar().setValue(grid.verticalScrollBar().maximum())
    wanted = flow.catalog.items[0]
    find(window, "field_search").setText(wanted.title.text("zh_CN"))
    tap(window, "search")
    narrowed = [card.property("item_code") for card in _cards(window)]
    assert wanted.code in narrowed and len(narrowed) < len(first)  # the others are off the page
    tap(window, "back")
    assert flow.screen == Screen.ATTRACT

    tap(window, "start")
    # the very same cards, every one offered again
    assert len(_cards(window)) == len(first) and _marks(window) == {"first"}
    assert find(window, "field_search").text() == ""
    assert _grid(window).verticalScrollBar().value() == 0

    tap(window, "back")
    flow.set_language("en")
    tap(window, "start")
    english = _cards(window)
    assert len(english) == len(first) and _marks(window) == {None}
    assert wanted.title.text("en") in find(window, "item", item_code=wanted.code).text()
    _mark(english, "english")
    flow.set_elderly(True)
    assert len(_cards(window)) == len(first) and _marks(window) == {None}
