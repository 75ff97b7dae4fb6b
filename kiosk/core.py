"""The composition root: builds the kiosk from settings, wires its parts, starts and
stops them.

Everything that owns a thread or a file is created and stopped here, so the
visit flow stays a pure state machine and each part can be swapped for a
test or a demo peer through settings alone. What each part does lives in the
module named for it: the print queue in kiosk.printing.queue, the catalog
refresh in kiosk.catalog.keeper, the heartbeat report in kiosk.uplink.report,
the central's commands in kiosk.uplink.commands, the technician's desk in
kiosk.service.desk, the devices in kiosk.devices, and what a visit is given,
where device events go and what waits between visits in kiosk.backing.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.audit.log import AuditEvent, AuditLog, audit_path
from kiosk.backing.between_visits import BetweenVisits, idle
from kiosk.backing.device_events import DeviceEvents
from kiosk.backing.services import VisitServices
from kiosk.catalog.keeper import CatalogKeeper
from kiosk.catalog.store import CatalogStore
from kiosk.clock import in_zone, site_zone
from kiosk.devices.fitted import Devices
from kiosk.printing.a4 import A4Jobs, A4Output, NoA4Printer
from kiosk.printing.a4_cups import CupsA4Output
from kiosk.printing.a4_printer import open_a4_printer
from kiosk.printing.a4_queue import A4Queue, A4TestPages
from kiosk.printing.printer import open_printer, site_name
from kiosk.printing.queue import PrintQueue, TestPages
from kiosk.service.desk import ServiceDesk
from kiosk.service.life_record import record_start, record_stop
from kiosk.service.maintenance import NightlyMaintenance
from kiosk.service.payments import LeftoverPayments
from kiosk.service.provisioning import client_for
from kiosk.service.state_files import SPOOL_DATABASE, SPOOL_KEY
from kiosk.service.technician import LOCKOUT_FILE, LockoutFile, TechnicianGate
from kiosk.settings.model import Settings
from kiosk.uplink.commands import CommandRunner, Orders
from kiosk.uplink.credentials import Credentials, load_credentials, require_credentials
from kiosk.uplink.heartbeat import Heartbeat
from kiosk.uplink.online import OnlineCalls, Post
from kiosk.uplink.presence import CentralPresence
from kiosk.uplink.report import HeartbeatReport
from kiosk.uplink.sync import SyncWorker, longest_wait
from kiosk.visit.flow import VisitFlow
from offline_queue import GateLimits, Spool, SpoolEvent

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def _log_spool_event(event: SpoolEvent) -> None:
    log.warning("spool: %s", event)


def _spool_events_audited(audit: AuditLog) -> Callable[[SpoolEvent], None]:
    """The spool's events in the journal, and a damaged database set aside in the audit log
    too: an auditor must find the night a kiosk started over on an empty spool."""
    def hear(event: SpoolEvent) -> None:
        _log_spool_event(event)
        if event.code == "db_quarantined":
            audit.try_record(AuditEvent.SPOOL_SET_ASIDE, detail=event.detail[:200])
    return hear


def spool_file(settings: Settings) -> Path:
    return settings.device.state_dir / SPOOL_DATABASE


def open_spool(settings: Settings, clock: Clock, *, recover_in_flight: bool = True,
               exclusive: bool = False,
               on_event: Callable[[SpoolEvent], None] = _log_spool_event) -> Spool:
    """The kiosk's spool; technicians' commands pass recover_in_flight=False so they
    do not requeue what a running sync worker holds in flight. The kiosk itself opens it
    `exclusive`: it owns it while it runs, and a command then only reads it."""
    state = settings.device.state_dir
    state.mkdir(parents=True, exist_ok=True)
    limits = GateLimits(min_free_bytes=settings.spool.min_free_mb * 1024 * 1024,
                        max_backlog=settings.spool.max_backlog,
                        max_offline=timedelta(hours=settings.spool.max_offline_hours),
                        retention=timedelta(days=settings.spool.retention_days))
    return Spool(spool_file(settings), state / SPOOL_KEY,
                 device_prefix=settings.device.ref_prefix, clock=clock, limits=limits,
                 disk_free=lambda: shutil.disk_usage(state).free, on_event=on_event,
                 longest_wait=timedelta(seconds=longest_wait(settings.sync)),
                 recover_in_flight=recover_in_flight, exclusive=exclusive)


def open_sync(settings: Settings, spool: Spool, clock: Clock) -> SyncWorker:
    credentials = load_credentials(settings.device.state_dir)
    return SyncWorker(spool, client_for(settings, credentials.token if credentials else None),
                      settings.sync, clock=clock)


def _technician_gate(settings: Settings) -> TechnicianGate:
    technician = settings.technician
    return TechnicianGate(technician.pin_hash,
                          technician.badge_hashes if technician.badge_reader else None,
                          saved=LockoutFile(settings.device.state_dir / LOCKOUT_FILE))


class KioskCore:
    """One kiosk: spool, sync, devices and the visit flow, wired from settings.

    Entry points for the app and the tests: `flow` (the visit), `desk` (the technician's
    screen), `heartbeat` and `commands` (the central), `on_restart` and `healthy()`.
    """

    def __init__(self, settings: Settings, *, clock: Clock, post: Post,
                 a4_output: A4Output | None = None) -> None:
        """`a4_output` replaces the A4 printer the settings name (a test's own); without
        either, the kiosk has none (NoA4Printer)."""
        # every part, the spool's day and every receipt tell time in the site's zone
        clock = in_zone(clock, site_zone(settings.device.time_zone))
        credentials = require_credentials(settings.device.state_dir)
        state_dir = settings.device.state_dir
        self.settings = settings
        self.credentials = credentials
        self.device_id = credentials.device_id
        self.on_restart: Callable[[], None] | None = None  # set by the app that can restart
        self.catalogs = CatalogStore(state_dir)
        self.audit = AuditLog(audit_path(state_dir), clock)
        self.spool = open_spool(settings, clock, exclusive=True,
                                on_event=_spool_events_audited(self.audit))
        self.client = client_for(settings, credentials.token)
        self.central = CentralPresence(
            self.audit, on_change=lambda: post(self.flow.status_changed),
            on_refused=lambda: post(lambda: self.flow.set_out_of_service("out_of_service")))
        self.sync = SyncWorker(self.spool, self.client, settings.sync, clock=clock,
                               on_state=self.central.sync_state,
                               on_event=self.audit.try_record_named)
        self.online = OnlineCalls(client_for(settings, credentials.token), post,
                                  on_reachability=self.central.seen)
        self._wire_devices(settings, credentials, clock, post, a4_output)
        self.leftover_payments = LeftoverPayments(self.spool, self.online.ask, self.audit)
        self.services = VisitServices(
            device_id=self.device_id, site_name=site_name(credentials), spool=self.spool,
            sync=self.sync, online=self.online, prints=self.prints, central=self.central,
            devices=self.devices, audit=self.audit, a4=self.a4_jobs,
            document_ca_pem=credentials.document_ca_pem, leftovers=self.leftover_payments)
        self.flow = VisitFlow(self.catalogs.current, self.services, settings.ui, clock=clock,
                              gate=_technician_gate(settings), on_event=self.audit.try_record_named,
                              alternative=settings.nearest_alternative)
        self.catalog_keeper = CatalogKeeper(
            self.catalogs, self.client, self.central,
            refresh_s=settings.sync.catalog_refresh_s,
            on_changed=lambda: post(self.flow.catalog_changed))
        self.maintenance = NightlyMaintenance(settings, spool=self.spool,
                                              spool_file=spool_file(settings), audit=self.audit,
                                              refresh_catalog=self.catalog_keeper.refresh,
                                              clock=clock)
        self._wire_central(settings, clock, post)
        self.desk = ServiceDesk(
            settings, device_id=self.device_id, devices=self.devices, spool=self.spool,
            sync=self.sync, central=self.central, catalogs=self.catalogs,
            keeper=self.catalog_keeper, upkeep=self.maintenance, commands=self.commands,
            test_pages=self.test_pages, a4_test_pages=self.a4_test_pages, audit=self.audit,
            restart=lambda: self.on_restart, post=post, clock=clock,
            payments=self.leftover_payments, service=self.flow)
        self.device_events.connect(self.flow, self.desk)
        self.between_visits = BetweenVisits(self.flow, self.desk, self.commands,
                                            self.maintenance, post=post,
                                            payments=self.leftover_payments)

    def _wire_devices(self, settings: Settings, credentials: Credentials, clock: Clock,
                      post: Post, a4_output: A4Output | None) -> None:
        """The receipt and A4 printers, their job queues and test pages, and the devices'
        events."""
        self.printer = open_printer(settings)
        self.prints = PrintQueue(self.printer, post)
        self.test_pages = TestPages(settings, credentials, self.printer, self.prints, clock)
        self.device_events = DeviceEvents(self.audit, post=post, clock=clock)
        self.a4_printer = open_a4_printer(settings)
        self.a4 = A4Queue(self.a4_printer, post) if self.a4_printer is not None else None
        self.a4_test_pages = A4TestPages(settings, credentials, self.a4, clock)
        self.devices = Devices(settings, self.printer.read_status, self.device_events,
                               read_a4=self.a4_printer.read_status if self.a4_printer else None)
        self.a4_jobs = A4Jobs(a4_output or self._a4_output(), post)

    def _a4_output(self) -> A4Output:
        """The settings' CUPS queue, judged by its monitor, or no A4 printer at all."""
        if self.a4_printer is None:
            return NoA4Printer()
        return CupsA4Output(self.a4_printer, lambda: self.devices.a4_printer)

    def _wire_central(self, settings: Settings, clock: Clock, post: Post) -> None:
        """The heartbeat, its report, and what the central's commands do to this kiosk."""
        self.heartbeat_report = HeartbeatReport(
            spool=self.spool, visits=self.flow, upkeep=self.maintenance, devices=self.devices,
            catalog_version=lambda: self.catalogs.current().version,
            state_dir=settings.device.state_dir, clock=clock)
        self.heartbeat = Heartbeat(client_for(settings, self.credentials.token),
                                   self.heartbeat_report,
                                   lambda commands: self.commands.received(commands),
                                   interval_s=self.credentials.heartbeat_interval_s,
                                   on_unauthorized=self.central.refused)
        self.commands = CommandRunner(self.heartbeat, Orders(
            idle=lambda: idle(self.flow), refresh_catalog=self.catalog_keeper.refresh,
            set_out_of_service=self.flow.set_out_of_service,
            print_test_page=self.test_pages.send, restart=lambda: self.on_restart),
            post=post, audit=self.audit)

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> None:
        record_start(self.audit, self.settings, self.device_id)
        self.leftover_payments.sweep()  # what a visit cut short by a stop left unsettled
        self.catalog_keeper.start()
        self.between_visits.start()
        self.sync.start()
        self.devices.start()
        self.heartbeat.start()

    def stop(self) -> None:
        self.between_visits.stop()
        self.catalog_keeper.stop()
        self.heartbeat.stop()
        self.devices.stop()
        self.sync.stop()
        self.online.stop()
        self.prints.stop()
        if self.a4 is not None:
            self.a4.stop()
        self.a4_jobs.stop()
        self.printer.close()
        self.client.close()
        self.spool.close()
        record_stop(self.audit)
        self.audit.close()

    def healthy(self) -> bool:
        """Whether every worker thread runs (for the watchdog): delivery, the heartbeat, the
        catalog's refresh (which also notices the central's return), printing, and what
        waits between visits. A dead one is a restart, not a kiosk that quietly stops."""
        workers = [self.sync, self.heartbeat, self.catalog_keeper, self.prints,
                   self.between_visits, *([self.a4] if self.a4 is not None else [])]
        return all(worker.alive for worker in workers)
