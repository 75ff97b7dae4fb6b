"""Appointment slots and same-day queue tickets for the hall's windows.

How each appointment item is booked (its windows, slot times and capacity)
is seeded server-side data, not part of the catalog the kiosk sees.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from central.catalog import CatalogBook, offered_at, weekday_allowed
from central.clock import CHINA_TZ, Clock, parse_rfc3339, rfc3339
from central.db import Database
from central.idempotency import body_fingerprint, key_reused
from central.identifiers import applicant_id_problem
from central.models import AppointmentRequest, Slot, Ticket
from central.problems import FieldError, ProblemError, validation_problem

# A slot is offered and booked only if it begins at least this long from now: a citizen
# at a kiosk needs the time to reach the window (the kiosk holds to the same lead).
BOOKING_LEAD = timedelta(minutes=10)


def _conflict(detail: str, kind: str) -> ProblemError:
    return ProblemError(409, detail, kind=kind)


class Appointments:
    def __init__(self, db: Database, catalog: CatalogBook, clock: Clock,
                 plans: dict[str, dict[str, Any]]) -> None:
        self._db = db
        self._catalog = catalog
        self._clock = clock
        self._plans = plans

    def _slot_plan(self, item_code: str) -> dict[str, Any] | None:
        item = self._catalog.item(item_code)
        plan = self._plans.get(item_code)
        if item is None or item["kind"] != "appointment" or not plan or "times" not in plan:
            return None
        return plan

    def _starts(self, plan: dict[str, Any], day: date) -> list[datetime]:
        if not weekday_allowed(plan["days"], day.isoweekday()):
            return []
        return [datetime.combine(day, time.fromisoformat(hhmm), CHINA_TZ) for hhmm in plan["times"]]

    def _booked(self, conn: Any, item_code: str, slot_id: str) -> int:
        return conn.execute("SELECT COUNT(*) FROM tickets WHERE item_code = ? AND slot_id = ?",
                            (item_code, slot_id)).fetchone()[0]

    def slots(self, item_code: str, day: date) -> list[Slot]:
        """Bookable slots of `day`: empty for items without slots or days out of range."""
        plan = self._slot_plan(item_code)
        now = self._clock.now()
        if plan is None or not now.date() <= day <= now.date() + timedelta(
                days=plan["book_days_ahead"]):
            return []
        length = timedelta(minutes=plan["slot_minutes"])
        with self._db.transaction() as conn:
            return [
                Slot(slot_id=f"{start:%Y%m%d-%H%M}", starts_at=start, ends_at=start + length,
                     remaining=max(0, plan["capacity"] - self._booked(conn, item_code,
                                                                      f"{start:%Y%m%d-%H%M}")))
                for start in self._starts(plan, day) if start >= now + BOOKING_LEAD
            ]

    def book(self, key: str, raw: Any, request: AppointmentRequest) -> tuple[int, Ticket]:
        """Book a slot, or take a same-day queue ticket when no slot is named."""
        now = self._clock.now()
        item = self._catalog.item(request.item_code)
        if item is None or item["kind"] != "appointment":
            raise validation_problem([FieldError("item_code", "is not an appointment item")])
        problem = applicant_id_problem(request.applicant.id_type, request.applicant.id_number,
                                       now.date())
        if problem:
            raise validation_problem([FieldError("applicant.id_number", problem)])
        fingerprint = body_fingerprint(raw)
        with self._db.transaction() as conn:
            seen = conn.execute("SELECT * FROM tickets WHERE idempotency_key = ?",
                                (key,)).fetchone()
            if seen is not None:
                if seen["body_sha256"] != fingerprint:
                    raise key_reused()
                return 200, _ticket(seen)
            if request.slot_id is None:
                values = self._queue_ticket(conn, item, request, now)
            else:
                values = self._slot_ticket(conn, request, now)
            conn.execute(
                "INSERT INTO tickets (idempotency_key, body_sha256, ticket_no, item_code, day,"
                " slot_id, window, starts_at, waiting_ahead, issued_at, applicant_id_number)"
                " VALUES (:key, :fingerprint, :ticket_no, :item_code, :day, :slot_id, :window,"
                " :starts_at, :waiting_ahead, :issued_at, :applicant)",
                {**values, "key": key, "fingerprint": fingerprint, "item_code": request.item_code,
                 "issued_at": rfc3339(now), "applicant": request.applicant.id_number},
            )
            row = conn.execute("SELECT * FROM tickets WHERE idempotency_key = ?", (key,)).fetchone()
        return 201, _ticket(row)

    def _holds_ticket(self, conn: Any, item_code: str, day: str, applicant: str) -> bool:
        return conn.execute(
            "SELECT 1 FROM tickets WHERE item_code = ? AND day = ? AND applicant_id_number = ?",
            (item_code, day, applicant)).fetchone() is not None

    def _queue_ticket(self, conn: Any, item: dict[str, Any], request: AppointmentRequest,
                      now: datetime) -> dict[str, Any]:
        if not offered_at(item, now):
            raise _conflict("Queue tickets are issued only during the item's hours.",
                            "outside-hours")
        day = now.date().isoformat()
        if self._holds_ticket(conn, item["code"], day, request.applicant.id_number):
            raise _conflict("This applicant already holds a ticket for this item today.",
                            "already-booked")
        ahead = conn.execute("SELECT COUNT(*) FROM tickets WHERE item_code = ? AND day = ?"
                             " AND slot_id IS NULL", (item["code"], day)).fetchone()[0]
        plan = self._plans.get(item["code"], {})
        return {"ticket_no": f"{plan.get('ticket_prefix', 'Q')}{ahead + 1:03d}", "day": day,
                "slot_id": None, "window": plan.get("window"), "starts_at": None,
                "waiting_ahead": ahead}

    def _slot_ticket(self, conn: Any, request: AppointmentRequest,
                     now: datetime) -> dict[str, Any]:
        plan = self._slot_plan(request.item_code)
        slot_id = request.slot_id or ""
        start = _slot_start(slot_id)
        if plan is None or start is None or start not in self._starts(plan, start.date()):
            raise validation_problem([FieldError("slot_id", "names no slot of this item")])
        if start < now + BOOKING_LEAD:
            raise _conflict("This slot has begun, or begins too soon to reach the window.",
                            "slot-passed")
        if start.date() > now.date() + timedelta(days=plan["book_days_ahead"]):
            raise _conflict("This slot is not open for booking yet.", "slot-not-open")
        if self._booked(conn, request.item_code, slot_id) >= plan["capacity"]:
            raise _conflict("This slot is fully booked.", "slot-full")
        day = start.date().isoformat()
        if self._holds_ticket(conn, request.item_code, day, request.applicant.id_number):
            raise _conflict("This applicant already has an appointment for this item that day.",
                            "already-booked")
        taken = conn.execute("SELECT COUNT(*) FROM tickets WHERE item_code = ? AND day = ?",
                             (request.item_code, day)).fetchone()[0]
        return {"ticket_no": f"{plan['ticket_prefix']}{taken + 1:03d}", "day": day,
                "slot_id": slot_id, "window": plan.get("window"), "starts_at": rfc3339(start),
                "waiting_ahead": None}


def _slot_start(slot_id: str) -> datetime | None:
    """The start named by a slot id such as 20261124-0930, or None if it names none."""
    try:
        start = datetime.strptime(slot_id, "%Y%m%d-%H%M").replace(tzinfo=CHINA_TZ)
    except ValueError:
        return None
    return start if f"{start:%Y%m%d-%H%M}" == slot_id else None


def _ticket(row: Any) -> Ticket:
    return Ticket(
        ticket_no=row["ticket_no"], item_code=row["item_code"], window=row["window"],
        slot_id=row["slot_id"], waiting_ahead=row["waiting_ahead"],
        starts_at=parse_rfc3339(row["starts_at"]) if row["starts_at"] else None,
        issued_at=parse_rfc3339(row["issued_at"]),
    )
