"""The technician's desk: what the service screen reports, and what its buttons do.

A technician at the kiosk sees in one screen what the central sees from afar
(devices, central, spool, catalog, upkeep, recent commands and audit events),
and can act on the spot: a test print, a card or scan test, delivery now,
dead entries again, an export to a USB stick, a restart, taking the kiosk out
of service and back. Every action is audited with what came of it, counts and
file names, nothing personal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from drivers.idcard import IdentityDocument
from kiosk import __version__
from kiosk.audit.log import AuditEvent, AuditLog, parse_line, tail_lines
from kiosk.catalog.keeper import CatalogKeeper
from kiosk.catalog.store import CatalogStore
from kiosk.devices.fitted import Devices
from kiosk.printing.a4_queue import A4TestPages
from kiosk.printing.queue import TestPages
from kiosk.printing.texts import timestamp
from kiosk.service.export import UNDELIVERED, ExportRefused, describe, export_to_folder
from kiosk.service.maintenance import NightlyMaintenance
from kiosk.service.out_of_service import CHOICES, TECHNICIAN, ServiceSwitch, back_at
from kiosk.service.payments import LeftoverPayments, NotCleared, payment_phrase
from kiosk.service.peripheral_tests import PeripheralTests, Probe
from kiosk.service.report_words import Happened, Phrase, Value, device_state, listed
from kiosk.settings.model import Settings
from kiosk.uplink.commands import CommandRunner
from kiosk.uplink.online import Post
from kiosk.uplink.presence import CentralPresence
from kiosk.uplink.sync import SyncWorker
from offline_queue import EntryState, Spool, SpoolError

log = logging.getLogger(__name__)

Outcome = tuple[Phrase, dict[str, Any]]  # the screen's line, and the audit's fields

# Audit events the technician's screen shows, newest last.
EVENTS_SHOWN = 10


def recent_events(audit: AuditLog, count: int = EVENTS_SHOWN) -> Value:
    """The latest audit events, oldest first: time, event and the local reference if any
    (the log holds nothing more personal than that)."""
    try:
        stored = tail_lines(audit.path, count)
    except OSError as exc:
        return Phrase("log_unreadable", (str(exc),))
    shown = []
    for line in stored:
        record = parse_line(line) or {}
        fields = record.get("fields")
        ref = fields.get("local_ref") if isinstance(fields, dict) else None
        when = str(record.get("time", ""))[5:19].replace("T", " ")
        shown.append(Happened(when, str(record.get("event", "unreadable_line")), str(ref or "")))
    return tuple(shown)


class ServiceDesk:
    """The kiosk's side of the technician's screen (GUI thread); a `TechnicianDesk`."""

    def __init__(self, settings: Settings, *, device_id: str, devices: Devices, spool: Spool,
                 sync: SyncWorker, central: CentralPresence, catalogs: CatalogStore,
                 keeper: CatalogKeeper, upkeep: NightlyMaintenance, commands: CommandRunner,
                 test_pages: TestPages, a4_test_pages: A4TestPages, audit: AuditLog,
                 restart: Callable[[], Callable[[], None] | None], post: Post,
                 clock: Callable[[], datetime], payments: LeftoverPayments | None = None,
                 service: ServiceSwitch | None = None) -> None:
        """`restart()` is how the app restarts, or None where it cannot; `service` takes
        the kiosk out of service and back (the visit flow's orders)."""
        self._settings = settings
        self._device_id = device_id
        self._devices = devices
        self._spool = spool
        self._sync = sync
        self._central = central
        self._catalogs = catalogs
        self._keeper = keeper
        self._upkeep = upkeep
        self._commands = commands
        self._test_pages = test_pages
        self._a4_test_pages = a4_test_pages
        self._audit = audit
        self._restart = restart
        self._post = post
        self._clock = clock
        self._payments = payments
        self._service = service
        self.tests = PeripheralTests()
        self._listeners: list[Callable[[], None]] = []

    def report(self) -> list[tuple[str, Value]]:
        stats, verdict = self._spool.stats(), self._spool.gate()
        devices = self._devices
        gate = Phrase("gate_open") if verdict.open else Phrase("gate_closed", (verdict.detail,))
        a4 = devices.a4_printer
        lines: list[tuple[str, Value]] = [
            ("device", Phrase("device", (self._device_id, self._settings.device.serial_number,
                                         __version__))),
            *([("service", self._service_state())] if self._service is not None else []),
            ("central", Phrase("reachable" if self._central.online else "unreachable",
                               (self._settings.central.url,))),
            ("ID-card reader", device_state(devices.reader.status)),
            ("printer", device_state(devices.printer)),
            ("A4 printer", Phrase("none_fitted") if a4 is None else device_state(a4)),
            ("spool", Phrase("spool", (stats.pending, stats.in_flight, stats.delivered,
                                       stats.dead, gate))),
            ("catalog", Phrase("catalog", (self._catalogs.current().version,
                                           Phrase(f"catalog_{self._catalogs.source}")))),
            ("upkeep", self._upkeep.describe()),
            ("recent commands", tuple(Happened("", c.type.value) for c in self._commands.done)),
            ("recent events", recent_events(self._audit)),
            *self.tests.lines(),
        ]
        if self._payments is not None:
            lines += [("payment", line) for line in self._payments.lines()]
        if devices.scanner is not None:
            lines.insert(4, ("scanner", device_state(devices.scanner.status)))
        if devices.badge_reader is not None:
            lines.insert(4, ("badge reader", device_state(devices.badge_reader.status)))
        return lines

    def act(self, action: str) -> Phrase:
        """Carry out `action` and audit it with what came of it (counts and file names)."""
        do = {
            "print_test_page": self._test_page,
            "print_a4_test_page": self._a4_test_page,
            "test_card_reader": self._test_card_reader,
            "test_scanner": self._test_scanner,
            "sync_now": self._sync_now,
            "retry_dead": self._retry_dead,
            "refresh_catalog": self._refresh_catalog,
            "export_dead": lambda: self._export((EntryState.DEAD,)),
            "export_undelivered": lambda: self._export(UNDELIVERED),
            "restart_app": self._restart_app,
            "in_service": self._in_service,
            **{f"out_of_service_{choice}": lambda c=choice: self._out_of_service(c)
               for choice in CHOICES},
        }.get(action)
        line, details = do() if do is not None else (Phrase("unknown_action", (repr(action),)),
                                                     {})
        self._audit.try_record(AuditEvent.TECHNICIAN_ACTION, action=action, **details)
        return line

    def taken_out(self) -> bool | None:
        """Whether a technician's out-of-service order stands; None where the desk cannot
        take the kiosk out of service."""
        if self._service is None:
            return None
        return TECHNICIAN in self._service.out_of_service_by

    def back_choices(self) -> list[tuple[str, datetime | None]]:
        """Each time back a technician may choose, with the time it means now."""
        opens = self._settings.technician.hall_opens
        return [(choice, back_at(choice, self._clock(), opens)) for choice in CHOICES]

    def payments_to_clear(self) -> list[tuple[str, Phrase]]:
        if self._payments is None:
            return []
        return [(record.payment_id or "", payment_phrase(record))
                for record in self._payments.to_clear()]

    def clear_payment(self, payment_id: str, how: str) -> Phrase:
        if self._payments is None:
            return Phrase("no_payments")
        try:
            return self._payments.clear(payment_id, how)
        except NotCleared as refused:
            return refused.said

    def watch(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    # -- what the device tests take (GUI thread) --------------------------------------

    def took_card(self, document: IdentityDocument) -> bool:
        """Whether the card test took this card, so no visit may have it."""
        return self._taken(self.tests.took_card(document))

    def took_code(self, text: str) -> bool:
        """Whether the scan test took this code, so no visit may have it."""
        return self._taken(self.tests.took_code(text))

    def _taken(self, taken: bool) -> bool:
        """A test that took its card or code has a result: the report changed."""
        if taken:
            for listener in self._listeners:
                listener()
        return taken

    # -- the screen's buttons ---------------------------------------------------------

    def _test_page(self) -> Outcome:
        self._test_pages.send("technician test page")
        return Phrase("test_page_sent"), {}

    def _a4_test_page(self) -> Outcome:
        where = self._a4_test_pages.send("technician A4 test page")
        return Phrase("no_a4_printer") if where is None else Phrase("a4_test_page_sent",
                                                                    (where,)), {}

    def _test_card_reader(self) -> Outcome:
        status = self._devices.reader.status
        self.tests.expect(Probe.CARD, Phrase("waiting_card"))
        return Phrase("place_a_card", (device_state(status),)), {"status": status.state.value}

    def _test_scanner(self) -> Outcome:
        scanner = self._devices.scanner
        if scanner is None:
            return Phrase("no_scanner"), {}
        status = scanner.status
        self.tests.expect(Probe.SCAN, Phrase("waiting_code"))
        return Phrase("scan_a_code", (device_state(status),)), {"status": status.state.value}

    def _sync_now(self) -> Outcome:
        self._sync.notify()
        return Phrase("delivery_started"), {}

    def _retry_dead(self) -> Outcome:
        count = self._spool.retry_dead()
        self._sync.notify()
        return Phrase("dead_retried", (count,)), {"count": count}

    def _refresh_catalog(self) -> Outcome:
        self._keeper.refresh()
        return Phrase("catalog_refresh_asked"), {}

    def _restart_app(self) -> Outcome:
        """The locked-down window's one way out: the app ends, systemd starts it again."""
        restart = self._restart()
        if restart is None:
            return Phrase("cannot_restart"), {"outcome": "refused"}
        self._post(restart)  # after this action's line is on screen and audited
        return Phrase("restarting"), {}

    def _service_state(self) -> Phrase:
        """In service, or out by whose order, and when back if the page says a time."""
        assert self._service is not None
        given_by = self._service.out_of_service_by
        if not given_by:
            return Phrase("service_in")
        by = listed([Phrase(f"by_{giver}") for giver in given_by])
        when = self._service.expected_back()
        if when is None:
            return Phrase("service_out", (by,))
        return Phrase("service_out_until", (by, timestamp(when)))

    def _out_of_service(self, choice: str) -> Outcome:
        """Out of service now, by this technician's order, with the time back they chose."""
        if self._service is None:
            return Phrase("cannot_take_out"), {"outcome": "refused"}
        when = back_at(choice, self._clock(), self._settings.technician.hall_opens)
        self._service.set_out_of_service("out_of_service", when, by=TECHNICIAN)
        shown = self._service.expected_back()  # the central's order may say a later time
        if shown is None:
            return Phrase("taken_out"), {"back": choice}
        return Phrase("taken_out_until", (timestamp(shown),)), {"back": choice}

    def _in_service(self) -> Outcome:
        """This technician's order lifted; the central's, if it gave one, still stands."""
        if self._service is None:
            return Phrase("cannot_take_out"), {"outcome": "refused"}
        self._service.set_out_of_service(None, by=TECHNICIAN)
        if self._service.out_of_service_by:
            return Phrase("still_out_by_central"), {"outcome": "still_out"}
        return Phrase("back_in_service"), {}

    def _export(self, states: tuple[EntryState, ...]) -> Outcome:
        try:
            done = export_to_folder(self._spool, self._settings, states, self._clock())
        except ExportRefused as exc:
            return exc.said, {"outcome": "refused"}
        except (OSError, SpoolError) as exc:
            log.error("technician export failed: %s", exc)
            return Phrase("export_failed", (str(exc),)), {"outcome": "failed"}
        return describe(done, states), {"count": sum(e.count for e in done),
                                        "files": ",".join(e.path.name for e in done)}
