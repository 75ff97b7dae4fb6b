"""The technician report's values as phrases a screen can say in its own language.

The core speaks English to its log, the doctor and the central; the service
screen speaks the kiosk's language, since the technician at night may read no
English. So a value is not a finished sentence but a stable code and its
arguments: the screen looks the code up in its translations, the log reads the
English below. Arguments are either phrases again or what is the same in every
language (numbers, names, addresses, a driver's own detail).
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.status import DeviceStatus
from kiosk.service import device_details

# The English of every phrase the report can hold; %1, %2 … are its arguments in order.
ENGLISH = {
    "device": "%1 (%2), software %3",
    "reachable": "%1: reachable",
    "unreachable": "%1: UNREACHABLE",
    "state_ok": "ok",
    "state_degraded": "degraded",
    "state_offline": "offline",
    "state_error": "error",
    "state_with_detail": "%1 (%2)",
    "none_fitted": "none fitted",
    "spool": "%1 pending, %2 in flight, %3 delivered, %4 dead; gate %5",
    "gate_open": "open",
    "gate_closed": "CLOSED: %1",
    "catalog": "version %1 (%2)",
    "catalog_cache": "from the central",
    "catalog_bundled": "the bundled one",
    "upkeep_not_run": "not run yet; nightly from %1",
    "upkeep_ran": "last run %1, spool check %2; nightly from %3",
    "check_ok": "ok",
    "check_failed": "FAILED: %1",
    "none": "none",
    "waiting_card": "waiting for a card",
    "waiting_code": "waiting for a code",
    "card_read": "card read OK: %1 %2",
    "card_resident_id": "resident ID card",
    "card_hmt_residence_permit": "HK/Macao/Taiwan residence permit",
    "card_foreign_permanent_2017": "foreigner's permanent residence card (2017)",
    "card_foreign_permanent_2023": "foreigner's permanent residence card (2023)",
    "scan_received": "scan received: %1 characters, %2",
    "code_receipt_qr": "a receipt's QR code",
    "code_local_ref": "a receipt's local reference",
    "code_digits": "digits",
    "code_web_address": "a web address",
    "code_text": "text",
    "payment_paid": "%1 %2 %3 yuan receipt %4: PAID, visit ended, nothing delivered",
    "payment_settling": "%1 %2 %3 yuan receipt %4: %5, being settled",
    "pay_state_opening": "opening",
    "pay_state_pending": "pending",
    "log_unreadable": "audit log unreadable: %1",
    "service_in": "in service",
    "service_out": "OUT OF SERVICE by %1",
    "service_out_until": "OUT OF SERVICE by %1; the page says back at %2",
    "by_technician": "a technician here",
    "by_central": "the central",
    # what came of a technician's action, the line under the buttons
    "unknown_action": "unknown action %1",
    "test_page_sent": "test page sent to the printer",
    "no_a4_printer": "this kiosk has no A4 printer (a4_printer.queue is empty)",
    "a4_test_page_sent": "A4 test page sent to %1",
    "place_a_card": "ID-card reader %1: place a card on it (lift it and place it again if "
                    "it lies there already)",
    "no_scanner": "this kiosk has no scanner (scanner.port is empty)",
    "scan_a_code": "scanner %1: scan a code",
    "delivery_started": "delivery started",
    "dead_retried": "%1 dead entries queued for delivery",
    "catalog_refresh_asked": "catalog refresh asked",
    "cannot_restart": "this kiosk cannot restart itself here",
    "restarting": "restarting the kiosk app",
    "export_unmounted": "nothing is mounted at %1: insert and mount the USB stick, then try "
                        "again",
    "export_failed": "export failed: %1",
    "export_nothing": "nothing to export: no %1 entries",
    "export_done": "%1 entries written to %2: %3; %4",
    "export_file": "%1 (%2 %3)",
    "export_handling": "mode 0600; it holds personal data: hand it over, then shred it",
    "entry_pending": "pending",
    "entry_in_flight": "in_flight",
    "entry_dead": "dead",
    "listed": "%1, %2",
    "either": "%1 or %2",
    "no_payments": "no payments on this kiosk",
    "payment_cleared_refunded": "%1 %2 yuan: cleared, refunded",
    "payment_cleared_delivered_by_hand": "%1 %2 yuan: cleared, delivered_by_hand",
    "payment_how_unknown": "how is one of %1",
    "payment_not_to_clear": "no paid payment %1 whose visit ended",
    "cannot_take_out": "this kiosk cannot be taken out of service from here",
    "taken_out": "out of service; the page says no time back",
    "taken_out_until": "out of service; the page says back at %1",
    "back_in_service": "back in service",
    "still_out_by_central": "your order is lifted; the central's order keeps the kiosk out "
                            "of service",
    **device_details.english(),
}


@dataclass(frozen=True)
class Phrase:
    """One value of the report: `code` names its words (ENGLISH), `args` fill them."""

    code: str
    args: tuple[Phrase | str | int, ...] = ()

    def __post_init__(self) -> None:
        if self.code not in ENGLISH:
            raise ValueError(f"no words for the report phrase {self.code!r}")

    def __str__(self) -> str:
        """In English, as the log and the doctor say it."""
        return fill(ENGLISH[self.code], [str(arg) for arg in self.args])


def fill(template: str, args: list[str]) -> str:
    """`template` with %1, %2 … replaced by `args`; the highest first, so %1 never eats
    the start of %10."""
    for n in range(len(args), 0, -1):
        template = template.replace(f"%{n}", args[n - 1])
    return template


@dataclass(frozen=True)
class Happened:
    """One line of the recent events: when (month-day time, the site's clock), the audit
    event's stable code, and the local reference it concerns, if any."""

    when: str
    event: str
    ref: str = ""

    def __str__(self) -> str:
        return " ".join(part for part in (self.when, self.event, self.ref) if part)


# A report line's value: a phrase, or the recent events (commands run, audit events).
Value = Phrase | tuple[Happened, ...]


def device_state(status: DeviceStatus) -> Phrase:
    """A device's state in words, with the driver's detail in words too where the kiosk
    knows it."""
    state = Phrase(f"state_{status.state.value}")
    if not status.detail:
        return state
    return Phrase("state_with_detail", (state, detail_phrase(status.detail)))


_WHOLE = {english: code for code, english in device_details.WHOLE.items()}


def detail_phrase(detail: str) -> Phrase:
    """A driver's detail as a phrase: a known one by its code, one that starts known with
    its rest in the device's own words, anything else wholly in the device's own words."""
    if detail in _WHOLE:
        return Phrase(_WHOLE[detail])
    start, _, rest = detail.partition(": ")
    for code, known in device_details.LEADING.items():
        if rest and start == known:
            return Phrase(code, (Phrase("device_says", (rest,)),))
    code, named = device_details.NAMED_READER
    if detail.startswith(named):
        return Phrase(code, (detail.removeprefix(named),))
    return Phrase("device_says", (detail,))


def listed(phrases: list[Phrase], joint: str = "listed") -> Phrase:
    """One phrase or more as one: "a, b, c" ("listed") or "a or b" ("either")."""
    said = phrases[0]
    for phrase in phrases[1:]:
        said = Phrase(joint, (said, phrase))
    return said


def shown(value: Value) -> str:
    """A report value in English, for a log or a test that reads the report."""
    if isinstance(value, Phrase):
        return str(value)
    return "\n".join(str(line) for line in value) or str(Phrase("none"))


def in_english(report: list[tuple[str, Value]]) -> list[tuple[str, str]]:
    """The report's lines as the log would say them."""
    return [(name, shown(value)) for name, value in report]
