"""A visit by ID card over a noisy line (issue 22): the real core, the reader emulator on
a pty damaging answers, and the reference central. The citizen is told the card is
being read, then is in; or, when it cannot be read, to place it again. The line's
faults reach the technician's desk and the heartbeat through the reader's status."""

from __future__ import annotations

import pytest
from flow_services import eventually
from turned_core import TurnedCore

from drivers.idcard.frame import Instruction
from drivers.sim.idcard_reader import Corruption
from kiosk.service.report_words import in_english
from kiosk.visit.flow import Screen
from kiosk.visit.messages import say


@pytest.fixture
def kiosk(rig, clock):
    made = TurnedCore(rig.settings, clock)
    yield made
    made.core.stop()


def notices_seen(flow) -> list[str | None]:
    """Every card notice the screen would have shown, in order, without repeats."""
    seen: list[str | None] = [flow.card_notice()]

    def listen() -> None:
        if flow.card_notice() != seen[-1]:
            seen.append(flow.card_notice())

    flow.subscribe(listen)
    return seen


@pytest.mark.parametrize("n", [2, 3, 5])
def test_a_visit_by_card_with_every_nth_answer_damaged(rig, kiosk, n) -> None:
    flow = kiosk.core.flow
    seen = notices_seen(flow)
    rig.reader.corrupt_every(n)
    rig.place_card("li_ming")
    kiosk.turn_until(lambda: flow.screen == Screen.CHOOSE)
    assert flow.visit.person is not None and flow.visit.person.name == "李明"
    assert seen == [None, say("card_reading", "zh_CN"), None]


def test_a_card_that_cannot_be_read_is_asked_for_again(rig, kiosk) -> None:
    flow = kiosk.core.flow
    flow.set_language("en")
    seen = notices_seen(flow)
    rig.reader.reset_wakes_card = False
    rig.reader.corrupt_next(Corruption.TRUNCATE, instruction=Instruction.READ_TEXT_PHOTO)
    rig.place_card("li_ming")
    place_again = say("card_place_again", "en")
    kiosk.turn_until(lambda: flow.card_notice() == place_again)
    assert place_again == ("Your ID card could not be read; please lift it and place it "
                           "on the reader again")
    assert seen == [None, say("card_reading", "en"), place_again]
    assert flow.screen == Screen.ATTRACT
    rig.place_card("li_ming")  # lifted and placed again
    kiosk.turn_until(lambda: flow.screen == Screen.CHOOSE)
    assert flow.card_notice() is None


def test_line_errors_reach_the_desk_and_the_heartbeat(rig, kiosk) -> None:
    core = kiosk.core
    eventually(lambda: str(core.devices.reader.status) == "ok")
    rig.reader.corrupt_every(2)
    eventually(lambda: str(core.devices.reader.status) == "degraded (line errors)")
    assert ("ID-card reader", "degraded (line errors)") in in_english(core.desk.report())
    [reader] = [p for p in core.heartbeat_report()["peripherals"]
                if p["name"] == "id_card_reader"]
    assert reader == {"name": "id_card_reader", "kind": "id_card_reader",
                      "status": "degraded", "detail": "line errors"}
    assert core.services.status().id_reader  # a degraded reader still reads cards
