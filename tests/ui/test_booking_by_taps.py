"""An appointment through the real window, by taps, in both orientations: the
card, the item, a day, a free time, and the ticket on screen and on paper."""

from __future__ import annotations

import pytest
from central_time import weekday_morning

from kiosk.visit.flow import Screen
from kiosk.visit.state import TicketResult
from ui.offscreen import ORIENTATIONS, show_full_screen_on
from ui.taps import find, tap, visible_texts

BOOKING = "440106-ZWB-001"


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_a_citizen_books_a_time_by_taps(qtbot, kiosk_session, rig, clock,
                                        orientation) -> None:
    # a weekday morning, the same for the kiosk and the central, whatever day the tests run
    clock.now = weekday_morning(rig.central.admin_url)
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    show_full_screen_on(window, orientation)
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    rig.place_card("wang_xiuying")
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
    qtbot.waitUntil(lambda: find(window, "item", item_code=BOOKING).isEnabled())
    tap(window, "item", item_code=BOOKING)
    assert flow.screen == Screen.SLOTS
    qtbot.waitUntil(lambda: flow.visit.slots is not None)

    for day in flow.booking_days()[1:]:  # a later day: today's times may be gone
        tap(window, "day", day=day.isoformat())
        qtbot.waitUntil(lambda: flow.visit.slots is not None)
        if any(slot.remaining > 0 for slot in flow.visit.slots):
            break
    slot = find(window, "slot")
    assert window.rect().contains(slot.mapTo(window, slot.rect().bottomRight()))
    slot_id = slot.property("slot_id")
    slot.click()
    qtbot.waitUntil(lambda: flow.screen == Screen.RESULT)
    outcome = flow.visit.outcome
    assert isinstance(outcome, TicketResult) and outcome.ticket.slot_id == slot_id
    assert any(outcome.ticket.ticket_no in text for text in visible_texts(window))
    [paper] = rig.printer.wait_for_receipts(1)
    assert outcome.ticket.ticket_no in paper.text_path.read_text(encoding="utf-8")
