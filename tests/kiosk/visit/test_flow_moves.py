"""The flow's moving parts on their own: when a visit times out, and who hears of a tick.

Written against mutants `python -m bench.mutation --module visit` left alive: the
screen a citizen sees and the listeners the UI repaints from are the effects.
"""

from __future__ import annotations

import logging

import pytest
from test_flow import WANG, fill_senior_card

from kiosk.visit.flow import Screen, VisitFlow


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
