"""An out-of-service kiosk says when it expects to be back, if the central told it and the
time is one a citizen can plan by; the clock is moved, the site is in China time."""

from __future__ import annotations

import logging

import pytest

from kiosk.visit.flow import VisitFlow
from kiosk.visit.messages import say


@pytest.fixture
def flow(catalog, services, ui_settings, clock) -> VisitFlow:
    return VisitFlow(lambda: catalog, services, ui_settings, clock=clock)


def test_the_time_is_said_on_the_sites_clock_in_each_language(flow, clock) -> None:
    assert f"{clock():%Y-%m-%d %H:%M %z}" == "2026-11-23 03:00 +0800"
    flow.set_out_of_service("out_of_service", "2026-11-22T23:30:00Z")  # 07:30 in China
    closed = say("out_of_service", "zh_CN")
    assert flow.out_of_service_notice() == f"{closed}\n预计今天 07:30 恢复服务。"
    assert flow.instruction() == flow.out_of_service_notice()  # read out in elderly mode
    flow.set_language("zh_TW")
    assert flow.out_of_service_notice().endswith("\n預計今天 07:30 恢復服務。")
    flow.set_language("en")
    assert flow.out_of_service_notice().endswith("\nExpected back in service today at 07:30.")

    flow.set_out_of_service("out_of_service", "2026-11-24T01:00:00+00:00")
    assert flow.out_of_service_notice().endswith(
        "\nExpected back in service on 24 November at 09:00.")
    flow.set_language("zh_CN")
    assert flow.out_of_service_notice().endswith("\n预计 11月24日 09:00 恢复服务。")


@pytest.mark.parametrize("until", [
    "after lunch", 42, {"at": "08:00"}, "", "2026-11-23", "2026-11-23T08:00:00",  # no offset
    "2026-11-23T02:59:59+08:00",  # passed already
    "2026-11-30T03:00:01+08:00",  # more than a week ahead
])
def test_a_time_not_to_trust_is_logged_once_and_not_shown(flow, caplog, until) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.visit.back_at"):
        flow.set_out_of_service("out_of_service", until)
        notice = flow.out_of_service_notice()
        flow.tick()
        flow.set_language("en")
        assert flow.out_of_service_notice() == say("out_of_service", "en")
    assert notice == say("out_of_service", "zh_CN")
    assert len([r for r in caplog.records if "no time is shown" in r.getMessage()]) == 1


def test_a_week_ahead_exactly_is_believed(flow) -> None:
    flow.set_out_of_service("out_of_service", "2026-11-30T03:00:00+08:00")
    assert flow.out_of_service_notice().endswith("\n预计 11月30日 03:00 恢复服务。")


def test_the_time_goes_once_it_has_passed_and_the_kiosk_is_still_out(flow, clock) -> None:
    redrawn: list[str | None] = []
    flow.subscribe(lambda: redrawn.append(flow.out_of_service_notice()))
    flow.set_out_of_service("out_of_service", "2026-11-23T03:30:00+08:00")
    clock.advance(29 * 60)
    flow.tick()
    assert flow.out_of_service_notice().endswith("\n预计今天 03:30 恢复服务。")
    count = len(redrawn)
    clock.advance(60)
    assert flow.out_of_service_notice() == say("out_of_service", "zh_CN")
    flow.tick()  # the page is drawn again, without the time
    assert redrawn[count:] == [say("out_of_service", "zh_CN")]
    assert flow.out_of_service is not None


def test_back_in_service_then_out_again_forgets_the_old_time(flow) -> None:
    flow.set_out_of_service("out_of_service", "2026-11-23T07:30:00+08:00")
    flow.set_out_of_service(None)
    assert flow.out_of_service_notice() is None
    flow.set_out_of_service("out_of_service")  # a revoked token: no time known
    assert flow.out_of_service_notice() == say("out_of_service", "zh_CN")
