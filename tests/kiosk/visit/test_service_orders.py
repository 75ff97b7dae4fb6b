"""The central and a technician each take the kiosk out of service and each lift only
their own order; the page says a time back only while every standing order gave one still
ahead, on a clock that may jump. The site is in China time; the clock is moved."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.service.out_of_service import CENTRAL, TECHNICIAN
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.messages import say


@pytest.fixture
def heard() -> list[tuple[str, dict]]:
    return []


@pytest.fixture
def flow(catalog, services, ui_settings, clock, heard) -> VisitFlow:
    return VisitFlow(lambda: catalog, services, ui_settings, clock=clock,
                     on_event=lambda name, **fields: heard.append((name, fields)))


def test_a_technicians_order_shows_on_the_same_page_as_the_centrals(flow, clock) -> None:
    flow.set_out_of_service("out_of_service", clock() + timedelta(minutes=30), by=TECHNICIAN)
    assert flow.out_of_service_notice() == (f"{say('out_of_service', 'zh_CN')}\n"
                                            "预计今天 03:30 恢复服务。")
    assert flow.out_of_service_by == (TECHNICIAN,)
    flow.start()
    assert flow.screen == Screen.ATTRACT  # no new visit


def test_the_centrals_in_service_does_not_lift_the_technicians_order(flow, clock) -> None:
    flow.set_out_of_service("out_of_service", clock() + timedelta(hours=1), by=TECHNICIAN)
    flow.set_out_of_service(None)  # the central's in_service, unaware of the open door
    assert flow.out_of_service == "out_of_service"
    assert flow.out_of_service_notice().endswith("\n预计今天 04:00 恢复服务。")
    flow.set_out_of_service(None, by=TECHNICIAN)
    assert flow.out_of_service is None and flow.out_of_service_notice() is None
    flow.start()
    assert flow.screen == Screen.CHOOSE


def test_the_technicians_back_in_service_leaves_the_centrals_order(flow, clock) -> None:
    flow.set_out_of_service("out_of_service", "2026-11-23T06:00:00+08:00")  # the central's
    flow.set_out_of_service("out_of_service", clock() + timedelta(hours=1), by=TECHNICIAN)
    assert flow.out_of_service_notice().endswith("\n预计今天 06:00 恢复服务。")  # the later
    assert flow.out_of_service_by == (TECHNICIAN, CENTRAL)
    flow.set_out_of_service(None, by=TECHNICIAN)
    assert flow.out_of_service_by == (CENTRAL,)
    assert flow.out_of_service_notice().endswith("\n预计今天 06:00 恢复服务。")


def test_no_time_is_said_while_one_standing_order_gave_none(flow, clock) -> None:
    flow.set_out_of_service("out_of_service", "2026-11-23T06:00:00+08:00")
    flow.set_out_of_service("out_of_service", None, by=TECHNICIAN)  # "not known"
    assert flow.out_of_service_notice() == say("out_of_service", "zh_CN")
    assert flow.expected_back() is None


def test_a_clock_that_jumps_past_the_time_never_shows_it(flow, clock) -> None:
    """The kiosk's clock is set right (or jumps) while it is out of service: the time the
    technician chose has passed, and the page says no time rather than a past one."""
    flow.set_out_of_service("out_of_service", clock() + timedelta(minutes=30), by=TECHNICIAN)
    redrawn: list[str | None] = []
    flow.subscribe(lambda: redrawn.append(flow.out_of_service_notice()))
    clock.advance(2 * 3600)  # the jump, no tick yet
    assert flow.out_of_service_notice() == say("out_of_service", "zh_CN")
    flow.tick()
    assert redrawn == [say("out_of_service", "zh_CN")]  # drawn again without the time
    clock.advance(-2 * 3600)  # and back: the time is forgotten, not shown again
    assert flow.out_of_service_notice() == say("out_of_service", "zh_CN")
    assert flow.out_of_service == "out_of_service"


def test_each_order_and_each_lifting_is_audited_once(flow, clock, heard) -> None:
    back = clock() + timedelta(hours=2)
    flow.set_out_of_service("out_of_service", back, by=TECHNICIAN)
    flow.set_out_of_service("out_of_service")  # a refused token, heard on every beat
    flow.set_out_of_service("out_of_service")
    flow.set_out_of_service(None, by=TECHNICIAN)
    flow.set_out_of_service(None, by=TECHNICIAN)  # nothing left to lift
    flow.set_out_of_service(None)
    assert heard == [
        ("out_of_service_set", {"by": "technician", "back_at": "2026-11-23T05:00+08:00"}),
        ("out_of_service_set", {"by": "central", "back_at": ""}),
        ("out_of_service_lifted", {"by": "technician", "still_out_by": "central"}),
        ("out_of_service_lifted", {"by": "central", "still_out_by": ""})]


def test_an_order_by_anyone_else_is_refused(flow) -> None:
    with pytest.raises(ValueError):
        flow.set_out_of_service("out_of_service", by="visitor")
