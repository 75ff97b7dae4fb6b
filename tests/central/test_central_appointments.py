"""GET /appointments/slots and POST /appointments: bookings and same-day queue tickets."""

from __future__ import annotations

import uuid

from central_contract_check import assert_conforms
from central_parts import CHEN, LI, QUEUE_TICKET, WANG, WINDOW_APPOINTMENT, ZHANG, Central, Kiosk

TUESDAY = "2026-11-24"


def slots(kiosk: Kiosk, item_code: str, day: str) -> list[dict]:
    answer = kiosk.get("/appointments/slots", params={"item_code": item_code, "date": day})
    assert answer.status_code == 200
    assert_conforms(answer, "/appointments/slots", "get")
    return answer.json()["slots"]


def book(kiosk: Kiosk, applicant: dict, slot_id: str | None = None, key: str | None = None,
         item_code: str = WINDOW_APPOINTMENT):
    body = {"item_code": item_code, "applicant": applicant}
    answer = kiosk.post("/appointments", {**body, "slot_id": slot_id} if slot_id else body,
                        key or str(uuid.uuid4()))
    assert_conforms(answer, "/appointments", "post")
    return answer


def test_a_working_day_offers_slots_and_other_days_none(kiosk: Kiosk) -> None:
    tuesday = slots(kiosk, WINDOW_APPOINTMENT, TUESDAY)
    assert len(tuesday) == 12
    assert tuesday[0]["starts_at"] == "2026-11-24T09:00:00+08:00"
    assert all(slot["remaining"] == 3 for slot in tuesday)
    assert slots(kiosk, WINDOW_APPOINTMENT, "2026-11-28") == []  # Saturday
    assert slots(kiosk, WINDOW_APPOINTMENT, "2026-11-22") == []  # yesterday
    assert slots(kiosk, QUEUE_TICKET, TUESDAY) == []  # queue only
    assert slots(kiosk, "", TUESDAY) == []  # no such item
    today = slots(kiosk, WINDOW_APPOINTMENT, "2026-11-23")  # it is 10:00
    assert today[0]["slot_id"] == "20261123-1030"


def test_a_malformed_slot_query_is_a_problem(kiosk: Kiosk) -> None:
    answer = kiosk.get("/appointments/slots", params={"date": "24/11/2026"})
    assert answer.status_code == 422
    assert {e["field"] for e in answer.json()["errors"]} == {"item_code", "date"}
    week_date = kiosk.get("/appointments/slots",
                          params={"item_code": WINDOW_APPOINTMENT, "date": "2026-W48-2"})
    assert [e["field"] for e in week_date.json()["errors"]] == ["date"]


def test_booking_is_idempotent_and_counts_against_the_slot(kiosk: Kiosk) -> None:
    slot = slots(kiosk, WINDOW_APPOINTMENT, TUESDAY)[2]
    key = str(uuid.uuid4())
    first = book(kiosk, WANG, slot["slot_id"], key)
    assert first.status_code == 201
    ticket = first.json()
    assert ticket["starts_at"] == slot["starts_at"] and ticket["window"]
    assert book(kiosk, WANG, slot["slot_id"], key).json() == ticket
    assert book(kiosk, WANG, slot["slot_id"], key).status_code == 200
    assert book(kiosk, CHEN, slot["slot_id"], key).status_code == 409
    assert book(kiosk, WANG, slot["slot_id"]).status_code == 409  # one per person per day
    assert book(kiosk, LI, slot["slot_id"]).status_code == 201
    assert book(kiosk, ZHANG, slot["slot_id"]).status_code == 201
    remaining = {s["slot_id"]: s["remaining"] for s in slots(kiosk, WINDOW_APPOINTMENT, TUESDAY)}
    assert remaining[slot["slot_id"]] == 0
    assert book(kiosk, CHEN, slot["slot_id"]).status_code == 409  # full


def test_a_slot_that_does_not_exist_or_has_passed_is_refused(kiosk: Kiosk) -> None:
    for slot_id in ("20261124-0945", "2026112-0900", "20261128-0900", "tomorrow"):
        assert book(kiosk, WANG, slot_id).status_code == 422
    assert book(kiosk, WANG, "20261123-0900").status_code == 409  # began at 09:00 today


def test_queue_tickets_count_the_people_ahead(kiosk: Kiosk) -> None:
    first = book(kiosk, WANG, item_code=QUEUE_TICKET)
    second = book(kiosk, LI, item_code=QUEUE_TICKET)
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json()["waiting_ahead"] == first.json()["waiting_ahead"] + 1
    assert second.json()["ticket_no"] != first.json()["ticket_no"]
    assert "slot_id" not in second.json()


def test_no_queue_tickets_outside_the_hall_hours(start_central) -> None:
    central: Central = start_central()
    kiosk = central.enroll()
    central.clock.advance(8 * 3600)  # Monday 18:00
    answer = book(kiosk, WANG, item_code=QUEUE_TICKET)
    assert answer.status_code == 409


def test_a_slot_beginning_too_soon_to_reach_is_neither_offered_nor_booked(
        start_central) -> None:
    central: Central = start_central()
    kiosk = central.enroll()
    central.clock.advance(25 * 60)  # Monday 10:25: the 10:30 slot begins in five minutes
    today = slots(kiosk, WINDOW_APPOINTMENT, "2026-11-23")
    assert today[0]["slot_id"] == "20261123-1100"
    assert book(kiosk, WANG, "20261123-1030").status_code == 409
    assert book(kiosk, WANG, "20261123-1100").status_code == 201
