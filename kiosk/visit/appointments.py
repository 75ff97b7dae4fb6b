"""Appointments: the days a citizen may book, the free slots of the day shown,
and the booking, whose key makes asking again after a lost answer harmless.

It works through AppointmentContext, the few things it needs from the flow:
today's date, the visit now (an answer for a visit that ended is dropped), a
way to ask the central and a way to say the visit changed. The flow keeps the
moves between screens.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.uplink.client import CentralClient, CentralError
from kiosk.uplink.online import Question, Reply
from kiosk.visit.answers import Slot, Ticket, parse_answer
from kiosk.visit.messages import say
from kiosk.visit.online_errors import message_for
from kiosk.visit.state import Booking, Visit

# How far ahead a citizen may pick a day for an appointment.
BOOKING_DAYS = 7


@dataclass(frozen=True)
class AppointmentContext:
    today: Callable[[], date]
    visit: Callable[[], Visit]
    ask: Callable[[Question, Reply], None]
    changed: Callable[[], None]


class Appointments:
    def __init__(self, context: AppointmentContext) -> None:
        self._context = context

    def days(self) -> list[date]:
        today = self._context.today()
        return [today + timedelta(days=n) for n in range(BOOKING_DAYS)]

    def show_day(self, day: date) -> None:
        """Ask for the free slots of `day`; the visit shows them when they come."""
        visit = self._context.visit()
        item = visit.item
        assert item is not None
        visit.slot_day, visit.slots, visit.slots_error = day, None, ""
        token = object()
        visit.waiting = token

        def question(client: CentralClient) -> tuple[Slot, ...]:
            return parse_answer(tuple[Slot, ...], client.slots(item.code, day.isoformat()),
                                "slots")

        def reply(slots: tuple[Slot, ...] | None, error: CentralError | None) -> None:
            if self._context.visit() is not visit or visit.waiting is not token:
                return
            visit.waiting = None
            visit.slots = slots or ()
            visit.slots_error = "" if error is None else say(message_for(error)[0],
                                                             visit.language)
            self._context.changed()
        self._context.ask(question, reply)

    def free_slots(self) -> list[Slot]:
        """The slots of the day shown that still have a place."""
        return [s for s in self._context.visit().slots or () if s.remaining > 0]

    def hold(self, slot_id: str | None) -> bool:
        """Keep the citizen's pick (`slot_id`, or None for a same-day ticket) with its
        booking key; False when that slot is not one the day shown offers."""
        visit = self._context.visit()
        if slot_id is not None and slot_id not in {s.slot_id for s in visit.slots or ()}:
            return False
        if visit.booking is None or visit.booking.slot_id != slot_id:
            visit.booking = Booking(slot_id=slot_id, key=str(uuid.uuid4()))
        return True

    def booking_question(self) -> Question:
        """The central's booking for the pick held, under its key."""
        visit = self._context.visit()
        item, booking, person = visit.item, visit.booking, visit.person
        assert item is not None and booking is not None and person is not None
        applicant = person.applicant()

        def question(client: CentralClient) -> Ticket:
            return parse_answer(Ticket, client.book(booking.key, item.code, applicant,
                                                    booking.slot_id), "ticket")
        return question
