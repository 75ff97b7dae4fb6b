"""Appointments: the days a citizen may book, the free slots of the day shown,
and the booking, whose key makes asking again after a lost answer harmless.

It works through AppointmentContext, the few things it needs from the flow:
today's date, the visit now (an answer for a visit that ended is dropped), a
way to ask the central and a way to say the visit changed, and the time now by
the kiosk's clock: a slot that has begun, or begins too soon to reach the
window, is not offered, whatever the central's clock said when it listed it.
The flow keeps the moves between screens.

A booking is the item's the citizen chose: its key is made for that item and
that slot, and a ticket the central answers for another item is refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.uplink.client import CentralClient, CentralError
from kiosk.uplink.online import Question, Reply
from kiosk.visit.answers import CentralMalformed, Slot, Ticket, parse_answer
from kiosk.visit.messages import say
from kiosk.visit.online_errors import message_for
from kiosk.visit.state import Booking, Visit

# How far ahead a citizen may pick a day for an appointment.
BOOKING_DAYS = 7
# A slot must begin at least this long after now to be offered: time to reach the window.
SLOT_LEAD = timedelta(minutes=10)


@dataclass(frozen=True)
class AppointmentContext:
    today: Callable[[], date]
    visit: Callable[[], Visit]
    ask: Callable[[Question, Reply], None]
    changed: Callable[[], None]
    now: Callable[[], datetime] | None = None


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
        """The slots of the day shown that still have a place and begin late enough to be
        reached (SLOT_LEAD from now by the kiosk's clock)."""
        now = self._context.now
        earliest = None if now is None else now() + SLOT_LEAD
        return [s for s in self._context.visit().slots or ()
                if s.remaining > 0 and (earliest is None or s.starts_at >= earliest)]

    def hold(self, slot_id: str | None) -> bool:
        """Keep the citizen's pick (`slot_id`, or None for a same-day ticket) with its
        booking key; False when that slot is not one the day shown offers now."""
        visit = self._context.visit()
        assert visit.item is not None
        if slot_id is not None and slot_id not in {s.slot_id for s in self.free_slots()}:
            return False
        held = visit.booking
        if held is None or held.slot_id != slot_id or held.item_code != visit.item.code:
            visit.booking = Booking(slot_id=slot_id, key=str(uuid.uuid4()),
                                    item_code=visit.item.code)
        return True

    def booking_question(self) -> Question:
        """The central's booking for the pick held, under its key."""
        visit = self._context.visit()
        item, booking, person = visit.item, visit.booking, visit.person
        assert item is not None and booking is not None and person is not None
        applicant = person.applicant()

        def question(client: CentralClient) -> Ticket:
            ticket = parse_answer(Ticket, client.book(booking.key, booking.item_code, applicant,
                                                      booking.slot_id), "ticket")
            other_slot = ticket.slot_id is not None and ticket.slot_id != booking.slot_id
            if ticket.item_code != booking.item_code or other_slot:
                raise CentralMalformed(f"ticket: for {ticket.item_code} {ticket.slot_id}, "
                                       f"not the {booking.item_code} {booking.slot_id} booked")
            return ticket
        return question
