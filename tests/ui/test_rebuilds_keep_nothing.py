"""A page rebuilt thousands of times a day must give back all it took.

Two things PySide6 keeps unless told, each found by bench.endurance as
kilobytes per visit: the layout items `QLayout.takeAt` hands over (never
freed by the binding), and the wrappers findChildren ties to the widget it
was asked on (kept after a rebuild deletes what they wrap). Counted, not
timed: a leak shows as items still alive or wrappers piling up. And one Qt
keeps: a trace of every scroll area its style sheet gave a background.
"""

from __future__ import annotations

import gc
import re

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.visit.flow import Screen
from ui.screens.base import clear_layout
from ui.style import stylesheet
from ui.taps import find, tap

ROUNDS = 30


def test_clearing_a_page_frees_every_layout_item(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    body = QVBoxLayout(page)
    body.addWidget(QLabel("title"))
    body.addStretch(1)
    row = QHBoxLayout()
    row.addWidget(QLabel("nav"))
    body.addLayout(row)
    items = [body.itemAt(i) for i in range(body.count())] + [row.itemAt(0)]
    clear_layout(body)
    assert body.count() == 0
    assert not any(shiboken6.isValid(item) for item in items)


def _wrappers() -> int:
    gc.collect()
    return sum(isinstance(o, QObject) for o in gc.get_objects())


def test_rounds_through_the_item_grid_by_taps_keep_no_wrappers(kiosk_session) -> None:
    window = kiosk_session().window

    def round_trip() -> None:
        tap(window, "start")
        assert window.flow.screen == Screen.CHOOSE
        find(window, "item")  # the grid's scroll area holds the items
        tap(window, "back")
        # what exec() does each turn, and processEvents() alone does not
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    round_trip()
    before = _wrappers()
    for _ in range(ROUNDS):
        round_trip()
    # findChildren kept five a round (viewport, two scroll bars and their two holders)
    assert _wrappers() - before < ROUNDS


SCROLL_AREAS = ("QAbstractScrollArea", "QScrollArea", "QTextEdit", "QPlainTextEdit",
                "QAbstractItemView", "QListView")
BASES = ("QWidget", "QFrame", "*")  # a scroll area is one of these too


def _may_match_a_scroll_area(selector: str) -> bool:
    parts = re.split(r"\s*>\s*|\s+", selector.strip())
    styled = parts[-1].split("::")[0]  # the widget styled is the last part's
    kind = re.split(r"[#:.\[]", styled.lstrip("."))[0]
    if kind in SCROLL_AREAS:
        return True
    exact_or_named = styled.startswith(".") or re.search(r"[#\[]", styled) is not None
    # a bare base type matches every widget, scroll areas too, unless it is a scroll
    # area's own part (its viewport, or the widget the viewport holds)
    inside_one = len(parts) > 1 and parts[0] in SCROLL_AREAS
    return kind in BASES and not exact_or_named and not inside_one


@pytest.mark.parametrize("elderly", [False, True])
def test_no_rule_of_the_style_sheet_paints_a_scroll_areas_own_background(elderly) -> None:
    """Qt's style sheet style keeps something of each scroll area (a text box, a combo's
    list) that a background rule matched, after the area is deleted: bench.endurance
    grew by it, several areas a visit. The colour goes on their viewports instead."""
    sheet = stylesheet(elderly, "zh_CN")
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        if "background" in body:
            for selector in selectors.split(","):
                assert not _may_match_a_scroll_area(selector), \
                    f"{selector.strip()!r} gives a scroll area a background"
