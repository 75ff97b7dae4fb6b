"""The composition root: builds the kiosk from settings and runs its threads.

Everything that owns a thread or a file is created and stopped here, so the
visit flow stays a pure state machine and each part can be swapped for a
test or a demo peer through settings alone.
"""

from __future__ import annotations

import logging
import queue
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drivers.idcard import CardRead, IdCardReader, IdentityDocument, StatusChanged
from drivers.printer import PrintDocument, PrinterError, PrinterMonitor
from drivers.scanner import CodeScanned, ScannerEvent, ScannerReader
from drivers.status import UNKNOWN, DeviceState, DeviceStatus
from kiosk import __version__
from kiosk.audit.log import AuditEvent, AuditLog, audit_path, parse_line, tail_lines
from kiosk.audit.masking import VISIT_NAMES
from kiosk.catalog.items import CatalogError
from kiosk.catalog.store import CatalogStore
from kiosk.printing.printer import open_printer, site_name, test_page
from kiosk.service.export import UNDELIVERED, ExportRefused, describe, export_to_folder
from kiosk.service.maintenance import NightlyMaintenance
from kiosk.service.peripheral_tests import PeripheralTests, Probe
from kiosk.service.provisioning import client_for
from kiosk.service.technician import TechnicianGate
from kiosk.settings.changes import changed_keys
from kiosk.settings.model import Settings
from kiosk.uplink.client import CentralError
from kiosk.uplink.credentials import load_credentials, require_credentials
from kiosk.uplink.heartbeat import Command, CommandType, Heartbeat
from kiosk.uplink.online import OnlineCalls, Question, Reply, reachable
from kiosk.uplink.sync import SyncState, SyncWorker
from kiosk.visit.availability import KioskStatus
from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.identify import person_from_id_card
from kiosk.visit.person import Person
from offline_queue import EntryState, GateLimits, Spool, SpoolError, SpoolSummary

if TYPE_CHECKING:  # opened by kiosk.printing.printer, which loads python-escpos only when asked
    from drivers.printer import ReceiptPrinter

    # pyscard and the card profiles load only where a badge reader is fitted
    from drivers.smartcard import SmartCardEvent, SmartCardReader

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Post = Callable[[Callable[[], None]], None]

# While the central is unreachable, the catalog is asked for this often (seconds):
# a cheap conditional GET that also tells the item grid when the central is back.
OFFLINE_PROBE_S = 60.0
# Commands carried out that the kiosk remembers, for the technician's screen.
COMMANDS_REMEMBERED = 20
# Audit events the technician's screen shows, newest last.
EVENTS_SHOWN = 10
# How often (seconds) the kiosk asks itself whether the nightly upkeep is due; a visit's
# end asks as well.
MAINTENANCE_POLL_S = 60.0


def _log_spool_event(event: Any) -> None:
    log.warning("spool: %s", event)


def spool_file(settings: Settings) -> Path:
    return settings.device.state_dir / "spool.sqlite3"


def open_spool(settings: Settings, clock: Clock, *, recover_in_flight: bool = True) -> Spool:
    """The kiosk's spool; technicians' commands pass recover_in_flight=False so they
    do not requeue what a running sync worker holds in flight."""
    state = settings.device.state_dir
    state.mkdir(parents=True, exist_ok=True)
    limits = GateLimits(min_free_bytes=settings.spool.min_free_mb * 1024 * 1024,
                        max_backlog=settings.spool.max_backlog,
                        max_offline=timedelta(hours=settings.spool.max_offline_hours),
                        retention=timedelta(days=settings.spool.retention_days))
    return Spool(spool_file(settings), state / "spool.key",
                 device_prefix=settings.device.ref_prefix, clock=clock, limits=limits,
                 disk_free=lambda: shutil.disk_usage(state).free, on_event=_log_spool_event,
                 recover_in_flight=recover_in_flight)


def open_sync(settings: Settings, spool: Spool, clock: Clock) -> SyncWorker:
    credentials = load_credentials(settings.device.state_dir)
    return SyncWorker(spool, client_for(settings, credentials.token if credentials else None),
                      settings.sync, clock=clock)


class PrintQueue:
    """Prints one job at a time off the GUI thread and reports back through `post`."""

    def __init__(self, printer: ReceiptPrinter, post: Post) -> None:
        self._printer = printer
        self._post = post
        self._jobs: queue.Queue[tuple[PrintDocument, Callable[[bool, str], None]] | None] = \
            queue.Queue()
        self._thread = threading.Thread(target=self._run, name="printer", daemon=True)
        self._thread.start()

    def submit(self, doc: PrintDocument, done: Callable[[bool, str], None]) -> None:
        self._jobs.put((doc, done))

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            doc, done = job
            try:
                self._printer.print(doc)
                ok, detail = True, ""
            except PrinterError as exc:  # paper out and unplugged too, not only a failed job
                log.warning("printer: job failed: %s", exc)
                ok, detail = False, str(exc)
            self._post(lambda d=done, o=ok, t=detail: d(o, t))

    def stop(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=10)


def _open_scanner(settings: Settings,
                  on_event: Callable[[ScannerEvent], None]) -> ScannerReader | None:
    scanner = settings.scanner
    if not scanner.port:
        return None
    return ScannerReader(scanner.port, on_event, baudrate=scanner.baudrate,
                         suffix=scanner.suffix, prefix=scanner.prefix)


def _open_badge_reader(settings: Settings,
                       on_event: Callable[[SmartCardEvent], None]) -> SmartCardReader | None:
    wanted = settings.technician.badge_reader
    if not wanted:
        return None
    from drivers.smartcard import SmartCardReader

    return SmartCardReader(wanted, on_event)


def _technician_gate(settings: Settings) -> TechnicianGate:
    technician = settings.technician
    return TechnicianGate(technician.pin_hash,
                          technician.badge_hashes if technician.badge_reader else None)


def _peripheral(name: str, kind: str, status: DeviceStatus) -> dict[str, str]:
    entry = {"name": name, "kind": kind, "status": status.state.value}
    if status.detail:
        entry["detail"] = status.detail
    return entry


class KioskCore:
    """One kiosk: spool, sync, devices and the visit flow, wired from settings."""

    def __init__(self, settings: Settings, *, clock: Clock, post: Post) -> None:
        credentials = require_credentials(settings.device.state_dir)
        self.settings = settings
        self.credentials = credentials
        self.device_id = credentials.device_id
        self.site_name = site_name(credentials)
        self._clock = clock
        self._post = post
        self._central_online = True
        self._sync_state = SyncState.IDLE
        self._stopping = threading.Event()
        self._catalog_wake = threading.Event()
        self.catalogs = CatalogStore(settings.device.state_dir)
        self.audit = AuditLog(audit_path(settings.device.state_dir), clock)
        self.spool = open_spool(settings, clock)
        self.client = client_for(settings, credentials.token)
        self.sync = SyncWorker(self.spool, self.client, settings.sync, clock=clock,
                               on_state=self._on_sync_state, on_event=self._audit_name)
        self.online = OnlineCalls(client_for(settings, credentials.token), post,
                                  on_reachability=self._seen_central)
        self.printer = open_printer(settings)
        self.prints = PrintQueue(self.printer, post)
        self.printer_monitor = PrinterMonitor(self.printer.read_status, self._on_printer_status,
                                              interval=settings.printer.status_interval_s)
        self.reader = IdCardReader(settings.idcard.port, baud=settings.idcard.baud,
                                   poll_interval=settings.idcard.poll_interval_s,
                                   on_event=self._on_idcard)
        self.scanner = _open_scanner(settings, self._on_scanner)
        self.badge_reader = _open_badge_reader(settings, self._on_badge_reader)
        self.flow = VisitFlow(self.catalogs.current, self, settings.ui, clock=clock,
                              gate=_technician_gate(settings),
                              on_event=self._audit_name,
                              alternative=settings.nearest_alternative)
        self.maintenance = NightlyMaintenance(settings, spool=self.spool,
                                              spool_file=spool_file(settings), audit=self.audit,
                                              refresh_catalog=self.refresh_catalog, clock=clock)
        self.tests = PeripheralTests()
        self._desk_listeners: list[Callable[[], None]] = []
        self.heartbeat = Heartbeat(client_for(settings, credentials.token), self._report,
                                   self._on_commands, interval_s=credentials.heartbeat_interval_s,
                                   on_unauthorized=self._on_unauthorized)
        self.on_restart: Callable[[], None] | None = None  # set by the app that can restart
        self._commands: deque[Command] = deque()
        self.commands_done: deque[Command] = deque(maxlen=COMMANDS_REMEMBERED)
        self._started = time.monotonic()
        self._visits_reported = 0
        self.flow.subscribe(self._between_visits)

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> None:
        self._audit(AuditEvent.APP_STARTED, version=__version__, device_id=self.device_id)
        self._audit_settings_changes()
        threading.Thread(target=self._keep_catalog, name="catalog", daemon=True).start()
        threading.Thread(target=self._keep_asking_for_upkeep, name="maintenance",
                         daemon=True).start()
        self.sync.start()
        self.reader.start()
        self.printer_monitor.start()
        if self.scanner is not None:
            self.scanner.start()
        if self.badge_reader is not None:
            self.badge_reader.start()
        self.heartbeat.start()

    def stop(self) -> None:
        self._stopping.set()
        self._catalog_wake.set()
        self.heartbeat.stop()
        if self.scanner is not None:
            self.scanner.stop()
        if self.badge_reader is not None:
            self.badge_reader.stop()
        self.reader.stop()
        self.printer_monitor.stop()
        self.sync.stop()
        self.online.stop()
        self.prints.stop()
        self.printer.close()
        self.client.close()
        self.spool.close()
        self._audit(AuditEvent.APP_STOPPED)
        self.audit.close()

    def _audit_settings_changes(self) -> None:
        try:
            changed = changed_keys(self.settings, self.settings.device.state_dir)
        except OSError as exc:
            log.error("settings: changes since the last start not known: %s", exc)
            return
        if changed:
            log.info("settings changed since the last start: %s", ", ".join(changed))
            self._audit(AuditEvent.CONFIG_CHANGED, keys=",".join(changed), count=len(changed))

    def _keep_asking_for_upkeep(self) -> None:
        """Wakes the flow's thread now and then: at 03:30 an idle kiosk has no other reason
        to look at the clock."""
        while not self._stopping.wait(MAINTENANCE_POLL_S):
            self._post(self._between_visits)

    def healthy(self) -> bool:
        """Whether the workers a kiosk cannot do without are running (for the watchdog)."""
        return self.sync.alive and self.heartbeat.alive

    def refresh_catalog(self) -> None:
        """Fetch the catalog now (the central's refresh_catalog command)."""
        self._catalog_wake.set()

    def _keep_catalog(self) -> None:
        """Refresh on start, then on the configured interval; while the central is
        unreachable, retry sooner, which also tells items when it is back."""
        while not self._stopping.is_set():
            try:
                changed = self.catalogs.refresh(self.client)
                self._seen_central(True)
                if changed:
                    self._post(self.flow.catalog_changed)
            except CentralError as exc:
                log.warning("catalog: refresh failed (%s); keeping %s", exc, self.catalogs.source)
                self._seen_central(reachable(exc))
            except CatalogError as exc:
                log.error("catalog: the central's catalog was refused whole (%s); "
                          "keeping %s", exc, self.catalogs.source)
            wait = self.settings.sync.catalog_refresh_s if self._central_online \
                else min(OFFLINE_PROBE_S, self.settings.sync.catalog_refresh_s)
            self._catalog_wake.wait(wait)
            self._catalog_wake.clear()

    # -- what the kiosk can do (any thread) -------------------------------------------

    def _seen_central(self, reachable_now: bool) -> None:
        if reachable_now != self._central_online:
            self._central_online = reachable_now
            log.info("central: %s", "reachable" if reachable_now else "unreachable")
            self._post(self.flow.status_changed)

    def _on_sync_state(self, state: SyncState) -> None:
        """Delivering then idle means the central answered every entry it was sent."""
        if state == SyncState.REPROVISION:
            self._on_unauthorized()
        elif state == SyncState.CENTRAL_UNREACHABLE:
            self._seen_central(False)
        elif state == SyncState.IDLE and self._sync_state == SyncState.DELIVERING:
            self._seen_central(True)
        self._sync_state = state

    def _device_changed(self, device: str, status: DeviceStatus) -> None:
        self._audit(AuditEvent.DEVICE_STATUS_CHANGED, device=device, state=status.state.value,
                    detail=status.detail)

    def _on_printer_status(self, status: DeviceStatus) -> None:
        log.info("printer: %s %s", status.state.value, status.detail)
        self._device_changed("receipt_printer", status)
        self._post(self.flow.status_changed)

    # -- heartbeat and remote commands ------------------------------------------------

    def _report(self) -> dict[str, Any]:
        """What the centre's screen shows of this kiosk (heartbeat thread)."""
        stats = self.spool.stats()
        visits = self.flow.visits_started
        spool: dict[str, Any] = {"pending": stats.pending + stats.in_flight, "dead": stats.dead}
        if stats.oldest_pending_at is not None:
            spool["oldest_pending_at"] = stats.oldest_pending_at.isoformat()
        spool_problem = self.maintenance.spool_problem
        report = {
            "sent_at": self._clock().isoformat(),
            "software_version": __version__,
            "state": "maintenance" if self.maintenance.running
            else "in_service" if self.flow.out_of_service is None else "out_of_service",
            "uptime_s": int(time.monotonic() - self._started),
            "catalog_version": self.catalogs.current().version,
            "peripherals": [
                _peripheral("id_card_reader", "id_card_reader", self.reader.status),
                _peripheral("receipt_printer", "receipt_printer",
                            self.printer_monitor.last or UNKNOWN),
                *([_peripheral("scanner", "scanner", self.scanner.status)]
                  if self.scanner is not None else []),
                *([_peripheral("badge_reader", "smart_card_reader", self.badge_reader.status)]
                  if self.badge_reader is not None else []),
                *([_peripheral("spool_database", "other", DeviceStatus(
                    DeviceState.ERROR, f"quick_check: {spool_problem}"))]
                  if spool_problem is not None else []),
            ],
            "spool": spool,
            "disk_free_bytes": shutil.disk_usage(self.settings.device.state_dir).free,
            "sessions_since_last": visits - self._visits_reported,
        }
        self._visits_reported = visits
        return report

    @property
    def commands_waiting(self) -> int:
        """Commands received and not yet carried out (they wait for the visit to end)."""
        return len(self._commands)

    def _on_commands(self, commands: list[Command]) -> None:
        self._post(lambda: self._queue_commands(commands))

    def _queue_commands(self, commands: list[Command]) -> None:
        self._commands.extend(commands)
        self._run_commands()

    def _between_visits(self) -> None:
        """After every change of the flow, and now and then: what must wait until no visit
        is in progress (GUI thread)."""
        if self.flow.screen != Screen.TECHNICIAN:
            self.tests.reset()
        self._run_commands()
        self.maintenance.run_if_due(idle=self.flow.screen == Screen.ATTRACT)

    def _run_commands(self) -> None:
        """Carry out the centre's commands, only between visits (GUI thread)."""
        while self._commands and self.flow.screen == Screen.ATTRACT:
            command = self._commands.popleft()
            log.info("command %s (%s): carrying out", command.type.value, command.id)
            then = self._execute(command)
            self.commands_done.append(command)
            self.heartbeat.done(command.id, then)
            self._audit(AuditEvent.COMMAND_EXECUTED, command=command.type.value, id=command.id)

    def _execute(self, command: Command) -> Callable[[], None] | None:
        """Do `command`; returns what must wait until the centre has its acknowledgement."""
        match command.type:
            case CommandType.REFRESH_CATALOG:
                self.refresh_catalog()
            case CommandType.OUT_OF_SERVICE:
                log.warning("out of service by the centre's command: %s",
                            command.args.get("reason", "no reason given"))
                self.flow.set_out_of_service("out_of_service")
            case CommandType.IN_SERVICE:
                self.flow.set_out_of_service(None)
            case CommandType.PRINT_TEST_PAGE:
                self._print_test_page("command print_test_page")
            case CommandType.RESTART_APP:
                restart = self.on_restart
                return None if restart is None else lambda: self._post(restart)
            case CommandType.UPLOAD_DIAGNOSTICS:
                log.warning("command upload_diagnostics: the central contract has no endpoint "
                            "to upload to; diagnostics stay in this kiosk's journal")
        return None

    def _print_test_page(self, why: str) -> None:
        page = test_page(self.settings, self.credentials, self.printer, self._clock())
        self.prints.submit(page, lambda ok, detail: log.info(
            "%s: %s", why, "printed" if ok else f"failed: {detail}"))

    def _on_unauthorized(self) -> None:
        self._audit(AuditEvent.DEVICE_STATUS_CHANGED, device="kiosk", state="out_of_service",
                    detail="token refused by the central")
        log.error("the centre refused this kiosk's token: out of service until re-provisioned "
                  "(kiosk provision); nothing in the spool is deleted")
        self._post(lambda: self.flow.set_out_of_service("out_of_service"))

    # -- the technician's desk (GUI thread) -------------------------------------------

    def _audit(self, event: AuditEvent, **fields: Any) -> None:
        self.audit.try_record(event, **fields)

    def _audit_name(self, name: str, **fields: Any) -> None:
        self._audit(AuditEvent(name), **fields)

    def report(self) -> list[tuple[str, str]]:
        stats, verdict = self.spool.stats(), self.spool.gate()
        printer = self.printer_monitor.last or UNKNOWN
        lines = [
            ("device", f"{self.device_id} ({self.settings.device.serial_number}), "
                       f"software {__version__}"),
            ("central", f"{self.settings.central.url}: "
                        f"{'reachable' if self._central_online else 'UNREACHABLE'}"),
            ("ID-card reader", str(self.reader.status)),
            ("printer", str(printer)),
            ("spool", f"{stats.pending} pending, {stats.in_flight} in flight, "
                      f"{stats.delivered} delivered, {stats.dead} dead; gate "
                      f"{'open' if verdict.open else 'CLOSED: ' + verdict.detail}"),
            ("catalog", f"version {self.catalogs.current().version} ({self.catalogs.source})"),
            ("upkeep", self.maintenance.describe()),
            ("recent commands", ", ".join(c.type.value for c in self.commands_done) or "none"),
            ("recent events", self._recent_events()),
            *self.tests.lines(),
        ]
        if self.scanner is not None:
            lines.insert(4, ("scanner", str(self.scanner.status)))
        if self.badge_reader is not None:
            lines.insert(4, ("badge reader", str(self.badge_reader.status)))
        return lines

    def _recent_events(self) -> str:
        """The latest audit events, oldest first: time, event and the local reference if any
        (the log holds nothing more personal than that)."""
        try:
            stored = tail_lines(self.audit.path, EVENTS_SHOWN)
        except OSError as exc:
            return f"audit log unreadable: {exc}"
        shown = []
        for line in stored:
            record = parse_line(line) or {}
            fields = record.get("fields")
            ref = fields.get("local_ref") if isinstance(fields, dict) else None
            when = str(record.get("time", ""))[5:19].replace("T", " ")
            parts = (when, record.get("event", "unreadable line"), ref)
            shown.append(" ".join(str(part) for part in parts if part))
        return "\n".join(shown) or "none"

    def act(self, action: str) -> str:
        """Carry out `action` and audit it with what came of it (counts and file names)."""
        do = {
            "print_test_page": self._desk_test_page,
            "test_card_reader": self._desk_test_card_reader,
            "test_scanner": self._desk_test_scanner,
            "sync_now": self._desk_sync_now,
            "retry_dead": self._desk_retry_dead,
            "refresh_catalog": self._desk_refresh_catalog,
            "export_dead": lambda: self._desk_export((EntryState.DEAD,)),
            "export_undelivered": lambda: self._desk_export(UNDELIVERED),
            "restart_app": self._desk_restart,
        }.get(action)
        line, details = do() if do is not None else (f"unknown action {action!r}", {})
        self._audit(AuditEvent.TECHNICIAN_ACTION, action=action, **details)
        return line

    def watch(self, listener: Callable[[], None]) -> None:
        self._desk_listeners.append(listener)

    def _desk_changed(self) -> None:
        for listener in self._desk_listeners:
            listener()

    def _desk_test_page(self) -> tuple[str, dict[str, Any]]:
        self._print_test_page("technician test page")
        return "test page sent to the printer", {}

    def _desk_test_card_reader(self) -> tuple[str, dict[str, Any]]:
        status = self.reader.status
        self.tests.expect(Probe.CARD, "waiting for a card")
        return (f"ID-card reader {status}: place a card on it (lift it and place it again if "
                "it lies there already)", {"status": status.state.value})

    def _desk_test_scanner(self) -> tuple[str, dict[str, Any]]:
        if self.scanner is None:
            return "this kiosk has no scanner (scanner.port is empty)", {}
        status = self.scanner.status
        self.tests.expect(Probe.SCAN, "waiting for a code")
        return f"scanner {status}: scan a code", {"status": status.state.value}

    def _desk_sync_now(self) -> tuple[str, dict[str, Any]]:
        self.sync.notify()
        return "delivery started", {}

    def _desk_retry_dead(self) -> tuple[str, dict[str, Any]]:
        count = self.spool.retry_dead()
        self.sync.notify()
        return f"{count} dead entries queued for delivery", {"count": count}

    def _desk_refresh_catalog(self) -> tuple[str, dict[str, Any]]:
        self.refresh_catalog()
        return "catalog refresh asked", {}

    def _desk_restart(self) -> tuple[str, dict[str, Any]]:
        """The locked-down window's one way out: the app ends, systemd starts it again."""
        if self.on_restart is None:
            return "this kiosk cannot restart itself here", {"outcome": "refused"}
        self._post(self.on_restart)  # after this action's line is on screen and audited
        return "restarting the kiosk app", {}

    def _desk_export(self, states: tuple[EntryState, ...]) -> tuple[str, dict[str, Any]]:
        try:
            done = export_to_folder(self.spool, self.settings, states, self._clock())
        except ExportRefused as exc:
            return str(exc), {"outcome": "refused"}
        except (OSError, SpoolError) as exc:
            log.error("technician export failed: %s", exc)
            return f"export failed: {exc}", {"outcome": "failed"}
        return describe(done, states), {"count": sum(e.count for e in done),
                                        "files": ",".join(e.path.name for e in done)}

    # -- device events (device threads) ----------------------------------------------

    def _on_idcard(self, event: Any) -> None:
        if isinstance(event, CardRead):
            person = person_from_id_card(event.document, self._clock().date())
            VISIT_NAMES.add(event.document.name)  # masked in any log line from now on
            self._post(lambda: self._card_read(person, event.document))
        elif isinstance(event, StatusChanged):
            self._device_changed("id_card_reader", event.status)
            self._post(self.flow.status_changed)
        else:  # a card being read, or given up on: the flow tells the citizen
            self._post(lambda: self.flow.card_progress(event))

    def _card_read(self, person: Person, document: IdentityDocument) -> None:
        if self.tests.took_card(document):
            self._desk_changed()
        else:
            self.flow.card_read(person)

    def _on_scanner(self, event: ScannerEvent) -> None:
        if isinstance(event, CodeScanned):
            self._post(lambda: self._code_scanned(event.text))
        else:
            log.info("scanner: %s %s", event.status.state.value, event.status.detail)
            self._device_changed("scanner", event.status)

    def _on_badge_reader(self, event: SmartCardEvent) -> None:
        """Badges go to the flow, which takes them on the PIN pad only; a citizen's card
        laid on this reader (a social security card too) is nobody's business here."""
        from drivers.smartcard import BadgeRead
        from drivers.smartcard import StatusChanged as ReaderStatusChanged

        if isinstance(event, BadgeRead):
            self._post(lambda: self.flow.badge_read(event.uid))
        elif isinstance(event, ReaderStatusChanged):
            log.info("badge reader: %s %s", event.status.state.value, event.status.detail)
            self._device_changed("badge_reader", event.status)

    def _code_scanned(self, text: str) -> None:
        if self.tests.took_code(text):
            self._desk_changed()
        else:
            self.flow.code_scanned(text)

    # -- Services of the visit flow (GUI thread) -------------------------------------

    def status(self) -> KioskStatus:
        verdict = self.spool.gate()
        printer = self.printer_monitor.last
        return KioskStatus(central_online=self._central_online,
                           id_reader=self.reader.status.usable,
                           printer=printer is not None and printer.usable,
                           gate_reason=None if verdict.open else f"gate_{verdict.reason}")

    def spool_submission(self, payload: dict[str, Any], *, item_code: str,
                         applicant_id: str | None) -> Any:
        entry = self.spool.put(payload, item_code=item_code, applicant_id=applicant_id)
        self._audit(AuditEvent.SUBMISSION_SPOOLED, local_ref=entry.local_ref,
                    item_code=item_code)
        self.sync.notify()
        return entry

    def local_cases(self, applicant_id: str) -> list[SpoolSummary]:
        return self.spool.find_by_applicant(applicant_id)

    def local_case(self, local_ref: str) -> SpoolSummary | None:
        return self.spool.find_by_local_ref(local_ref)

    def ask(self, question: Question, reply: Reply) -> None:
        self.online.ask(question, reply)

    def print(self, doc: PrintDocument, done: Callable[[bool, str], None]) -> None:
        self.prints.submit(doc, done)
