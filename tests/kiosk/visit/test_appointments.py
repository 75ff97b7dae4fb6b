"""Appointments on their own, through an AppointmentContext: the days offered, the
free slots of the day shown, answers that come too late, and a booking key that
stays the same while the citizen's pick does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

import pytest

from kiosk.catalog.items import parse_catalog
from kiosk.uplink.client import CentralUnreachable
from kiosk.visit.answers import CentralMalformed
from kiosk.visit.appointments import BOOKING_DAYS, AppointmentContext, Appointments
from kiosk.visit.person import Person
from kiosk.visit.state import Visit

TEXT = {"zh_CN": "窗口预约", "en": "Book a window"}
WINDOW = parse_catalog({"version": "t1", "items": [{
    "code": "TEST-APT-001", "version": 1, "kind": "appointment", "title": TEXT,
    "department": TEXT, "category": "booking", "identity": "id_card",
    "offline": "unavailable", "fields": []}]}).item("TEST-APT-001")
LI = Person(id_type="resident_id", id_number="440106198807210036", name="李明",
            source="id_card_reader")
AT = "2026-11-24T09:00:00+08:00"
CST = timezone(timedelta(hours=8))


class WindowDesk:
    """The central's side of appointments, answering in the contract's shapes."""

    def __init__(self) -> None:
        self.asked: list[tuple] = []

    def slots(self, item_code: str, day: str) -> list[dict]:
        self.asked.append(("slots", item_code, day))
        return [{"slot_id": "free", "starts_at": AT, "ends_at": AT, "remaining": 3},
                {"slot_id": "full", "starts_at": AT, "ends_at": AT, "remaining": 0}]

    def book(self, key: str, item_code: str, applicant: dict, slot_id: str | None) -> dict:
        self.asked.append(("book", key, item_code, applicant["id_number"], slot_id))
        return {"ticket_no": "A001", "item_code": item_code, "issued_at": AT}


class Booth:
    """The few things appointments need from a flow: a visit, a desk, a change count."""

    def __init__(self, today: date, now: Callable[[], datetime] | None = None) -> None:
        self.visit = Visit(language="en", person=LI, item=WINDOW)
        self.desk, self.pending, self.changes = WindowDesk(), [], 0
        self.appointments = Appointments(AppointmentContext(
            today=lambda: today, visit=lambda: self.visit, ask=self._ask,
            changed=self._changed, now=now))

    def _ask(self, question, reply) -> None:
        self.pending.append((question, reply))

    def _changed(self) -> None:
        self.changes += 1

    def answer(self, index: int = 0, *, down: bool = False) -> None:
        question, reply = self.pending.pop(index)
        if down:
            reply(None, CentralUnreachable("down"))
        else:
            reply(question(self.desk), None)


@pytest.fixture
def booth(clock) -> Booth:
    return Booth(clock().date())


def test_a_week_of_days_from_today(booth, clock) -> None:
    days = booth.appointments.days()
    assert len(days) == BOOKING_DAYS and days[0] == clock().date()
    assert days[-1] - days[0] == timedelta(days=BOOKING_DAYS - 1)


def test_a_day_is_asked_then_shows_only_its_free_slots(booth, clock) -> None:
    day = clock().date() + timedelta(days=1)
    booth.appointments.show_day(day)
    assert booth.visit.slot_day == day and booth.visit.slots is None
    booth.answer()
    assert booth.desk.asked == [("slots", "TEST-APT-001", day.isoformat())]
    assert [s.slot_id for s in booth.appointments.free_slots()] == ["free"]
    assert booth.changes == 1 and booth.visit.waiting is None


def test_late_answers_are_dropped(booth, clock) -> None:
    today = clock().date()
    booth.appointments.show_day(today)
    booth.appointments.show_day(today + timedelta(days=2))  # tapped on before the answer
    booth.answer(0)
    assert booth.visit.slots is None and booth.changes == 0
    booth.visit = Visit(language="en")  # the visit ended meanwhile
    booth.answer(0)
    assert booth.visit.slots is None and booth.changes == 0


def test_an_unreachable_central_is_said_in_the_visits_language(booth, clock) -> None:
    booth.appointments.show_day(clock().date())
    booth.answer(down=True)
    assert booth.visit.slots == () and booth.visit.slots_error
    assert booth.appointments.free_slots() == []


def test_a_pick_keeps_its_key_and_only_offered_slots_are_held(booth, clock) -> None:
    booth.appointments.show_day(clock().date())
    booth.answer()
    assert not booth.appointments.hold("nowhere")
    assert booth.visit.booking is None
    assert booth.appointments.hold("free")
    key = booth.visit.booking.key
    assert booth.appointments.hold("free") and booth.visit.booking.key == key
    assert booth.appointments.hold(None)  # a same-day ticket instead: a new booking
    assert booth.visit.booking.slot_id is None and booth.visit.booking.key != key
    ticket = booth.appointments.booking_question()(booth.desk)
    assert ticket.ticket_no == "A001"
    assert booth.desk.asked[-1] == ("book", booth.visit.booking.key, "TEST-APT-001",
                                    LI.id_number, None)


class MorningDesk(WindowDesk):
    """A central whose clock is behind the kiosk's: it still lists the morning's slots."""

    def slots(self, item_code: str, day: str) -> list[dict]:
        self.asked.append(("slots", item_code, day))
        return [{"slot_id": hhmm, "starts_at": f"2026-11-24T{hhmm[:2]}:{hhmm[2:]}:00+08:00",
                 "ends_at": "2026-11-24T12:00:00+08:00", "remaining": 3}
                for hhmm in ("0900", "0955", "1030")]


def test_a_slot_begun_or_too_soon_is_not_offered_by_the_kiosks_clock() -> None:
    now = datetime(2026, 11, 24, 9, 50, tzinfo=CST)
    booth = Booth(now.date(), now=lambda: now)
    booth.desk = MorningDesk()
    booth.appointments.show_day(now.date())
    booth.answer()
    # 09:00 has begun; 09:55 begins before the citizen can reach the window
    assert [s.slot_id for s in booth.appointments.free_slots()] == ["1030"]
    assert not booth.appointments.hold("0900") and not booth.appointments.hold("0955")
    assert booth.visit.booking is None
    assert booth.appointments.hold("1030") and booth.visit.booking.slot_id == "1030"


OTHER = parse_catalog({"version": "t1", "items": [{
    "code": "TEST-APT-002", "version": 1, "kind": "appointment", "title": TEXT,
    "department": TEXT, "category": "booking", "identity": "id_card",
    "offline": "unavailable", "fields": []}]}).item("TEST-APT-002")


class WrongItemDesk(WindowDesk):
    def book(self, key: str, item_code: str, applicant: dict, slot_id: str | None) -> dict:
        super().book(key, item_code, applicant, slot_id)
        return {"ticket_no": "A001", "item_code": OTHER.code, "issued_at": AT}


def test_a_booking_is_for_the_item_chosen(booth) -> None:
    assert booth.appointments.hold(None)
    first = booth.visit.booking
    assert first.item_code == WINDOW.code
    booth.visit.item = OTHER  # back to the grid, another item: the same pick is a new booking
    assert booth.appointments.hold(None)
    assert booth.visit.booking.item_code == OTHER.code and booth.visit.booking.key != first.key
    booth.appointments.booking_question()(booth.desk)
    assert booth.desk.asked[-1][2] == OTHER.code
    booth.visit.item = WINDOW
    booth.appointments.hold(None)
    booth.desk = WrongItemDesk()
    with pytest.raises(CentralMalformed):  # a ticket for another item is never shown
        booth.appointments.booking_question()(booth.desk)
