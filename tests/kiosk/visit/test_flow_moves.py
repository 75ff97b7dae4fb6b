"""The flow's moving parts on their own: when a visit times out, and who hears of a tick.

Written against mutants `python -m bench.mutation --module visit` left alive: the
screen a citizen sees and the listeners the UI repaints from are the effects.
"""

from __future__ import annotations

import logging

import pytest
from test_flow import WANG, fill_senior_card

from kiosk.service.technician import TechnicianGate, hash_pin
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.transitions import Event, IllegalMove, checked


@pytest.fixture
def flow(catalog, services, ui_settings, clock) -> VisitFlow:
    return VisitFlow(lambda: catalog, services, ui_settings, clock=clock)


def test_a_visit_ends_when_its_time_is_up_and_not_a_moment_before(flow, clock, ui_settings,
                                                                   caplog) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.visit.flow")
    fill_senior_card(flow)
    clock.advance(ui_settings.idle_timeout_s - 0.5)
    flow.tick()
    assert flow.screen == Screen.FORM and flow.visit.person == WANG
    clock.advance(0.5)
    flow.tick()
    assert flow.screen == Screen.ATTRACT and flow.visit.person is None
    assert "visit: idle timeout on form" in caplog.messages


def test_a_tick_repaints_only_while_a_countdown_shows(flow, clock, ui_settings) -> None:
    repaints: list[int] = []
    flow.subscribe(lambda: repaints.append(flow.countdown()))
    fill_senior_card(flow)
    repaints.clear()
    clock.advance(ui_settings.idle_timeout_s - ui_settings.countdown_s - 1)
    flow.tick()
    assert repaints == []  # nothing on the screen changes yet
    clock.advance(2)
    flow.tick()
    assert repaints == [ui_settings.countdown_s - 1]


@pytest.fixture
def heard() -> list[tuple[str, dict]]:
    return []


@pytest.fixture
def audited_flow(catalog, services, ui_settings, clock, heard) -> VisitFlow:
    return VisitFlow(lambda: catalog, services, ui_settings, clock=clock,
                     gate=TechnicianGate(hash_pin("314159")),
                     on_event=lambda name, **fields: heard.append((name, fields)))


def test_a_visit_is_audited_when_it_starts_and_ends_and_a_technician_is_not(
        audited_flow, heard, clock, ui_settings) -> None:
    flow = audited_flow
    flow.start()
    flow.back()
    flow.card_read(WANG)
    clock.advance(ui_settings.idle_timeout_s)
    flow.tick()
    flow.technician()
    flow.back()
    assert [(name, fields) for name, fields in heard if name.startswith("visit")] == [
        ("visit_started", {}), ("visit_ended", {"reason": "back"}),
        ("visit_started", {}), ("visit_ended", {"reason": "timeout"})]
    assert flow.visits_started == 2


def test_a_tap_the_screen_has_no_move_for_is_ignored_and_logged(flow, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk.visit.flow")
    flow.back()
    assert flow.screen == Screen.ATTRACT and flow.visits_started == 0
    assert caplog.messages == ["visit: back ignored on attract"]


def test_each_screen_waits_its_own_time(flow, clock, ui_settings) -> None:
    flow.set_elderly(True)
    flow.start()
    assert flow.seconds_left() == ui_settings.elderly_idle_timeout_s  # as the move armed it
    flow.back()
    assert flow.seconds_left() is None  # the idle screen waits for no one
    fill_senior_card(flow)
    flow.next()
    flow.confirm()
    assert flow.screen == Screen.RESULT
    clock.advance(5)
    flow.touch()
    assert flow.seconds_left() == ui_settings.result_timeout_s


def test_a_pair_the_table_does_not_have_is_an_illegal_move() -> None:
    with pytest.raises(IllegalMove, match="back on attract may not lead to choose"):
        checked(Screen.ATTRACT, Event.BACK, Screen.CHOOSE)
