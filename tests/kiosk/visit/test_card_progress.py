"""What the screen says about the card on the reader, driven headless with a moved clock."""

from __future__ import annotations

import pytest

from drivers.idcard import CardLost, CardReading, CardRemoved
from kiosk.visit.card_progress import PLACE_AGAIN_SHOWN, READING_SHOWN
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.person import Person

LI = Person(id_type="resident_id", id_number="440106198807210036", name="李明",
            source="id_card_reader")


@pytest.fixture
def flow(catalog, services, ui_settings, clock) -> VisitFlow:
    return VisitFlow(lambda: catalog, services, ui_settings, clock=clock)


@pytest.mark.parametrize(("language", "reading", "again"), [
    ("zh_CN", "正在读取身份证，请稍候，不要移开证件",
     "未能读取身份证，请拿起证件，再重新放到读卡区"),
    ("zh_TW", "正在讀取身分證，請稍候，不要移開證件",
     "未能讀取身分證，請拿起證件，再重新放到讀卡區"),
    ("en", "Reading your ID card; please wait and keep it on the reader",
     "Your ID card could not be read; please lift it and place it on the reader again"),
])
def test_reading_then_place_again_in_each_language(flow, language, reading, again) -> None:
    flow.set_language(language)
    changes: list[str | None] = []
    flow.subscribe(lambda: changes.append(flow.card_notice()))
    assert flow.card_notice() is None
    flow.card_progress(CardReading())
    assert flow.card_notice() == reading
    flow.card_progress(CardLost())
    assert flow.card_notice() == again
    assert changes == [reading, again]


def test_a_card_read_ends_the_reading_notice_and_starts_the_visit(flow) -> None:
    flow.card_progress(CardReading())
    flow.card_read(LI)
    assert flow.card_notice() is None
    assert flow.screen == Screen.CHOOSE


def test_notices_fade_when_nothing_follows(flow, clock) -> None:
    flow.card_progress(CardLost())
    clock.advance(PLACE_AGAIN_SHOWN.total_seconds() - 1)
    assert flow.card_notice() is not None
    clock.advance(1)
    assert flow.card_notice() is None
    flow.card_progress(CardReading())
    clock.advance(READING_SHOWN.total_seconds())
    assert flow.card_notice() is None


def test_other_reader_events_and_a_kiosk_out_of_service_say_nothing(flow) -> None:
    changes: list[None] = []
    flow.subscribe(lambda: changes.append(None))
    flow.card_progress(CardRemoved())
    assert changes == [] and flow.card_notice() is None
    flow.set_out_of_service("out_of_service")
    changes.clear()
    flow.card_progress(CardReading())
    assert changes == [] and flow.card_notice() is None
