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
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from drivers.idcard.reader import CardRead, IdCardReader
from drivers.printer.document import PrintDocument
from drivers.printer.printer import PrintError, ReceiptPrinter
from drivers.printer.profile import PrinterProfile
from kiosk.catalog import Item
from kiosk.catalog_store import CatalogStore
from kiosk.central_client import CentralClient, CentralError
from kiosk.credentials import Credentials, load_credentials
from kiosk.flow import VisitFlow
from kiosk.identity_sources import person_from_id_card
from kiosk.receipts import submission_receipt
from kiosk.settings import Settings
from kiosk.sync import SyncState, SyncWorker
from offline_queue import GateLimits, Spool

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Post = Callable[[Callable[[], None]], None]


class NotProvisioned(Exception):
    """No device credentials: run `kiosk provision` first."""


def _log_spool_event(event: Any) -> None:
    log.warning("spool: %s", event)


def open_spool(settings: Settings, clock: Clock, *, recover_in_flight: bool = True) -> Spool:
    """The kiosk's spool; technicians' commands pass recover_in_flight=False so they
    do not requeue what a running sync worker holds in flight."""
    state = settings.device.state_dir
    state.mkdir(parents=True, exist_ok=True)
    limits = GateLimits(min_free_bytes=settings.spool.min_free_mb * 1024 * 1024,
                        max_backlog=settings.spool.max_backlog,
                        max_offline=timedelta(hours=settings.spool.max_offline_hours),
                        retention=timedelta(days=settings.spool.retention_days))
    return Spool(state / "spool.sqlite3", state / "spool.key",
                 device_prefix=settings.device.ref_prefix, clock=clock, limits=limits,
                 disk_free=lambda: shutil.disk_usage(state).free, on_event=_log_spool_event,
                 recover_in_flight=recover_in_flight)


def open_client(settings: Settings, credentials: Credentials | None) -> CentralClient:
    return CentralClient(settings.central.url, token=credentials.token if credentials else None,
                         ca_bundle=settings.central.ca_bundle,
                         connect_timeout=settings.central.connect_timeout_s,
                         read_timeout=settings.central.read_timeout_s)


def open_sync(settings: Settings, spool: Spool, clock: Clock) -> SyncWorker:
    credentials = load_credentials(settings.device.state_dir)
    return SyncWorker(spool, open_client(settings, credentials), settings.sync, clock=clock)


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
            except PrintError as exc:
                log.warning("printer: job failed: %s", exc)
                ok, detail = False, str(exc)
            self._post(lambda d=done, o=ok, t=detail: d(o, t))

    def stop(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=10)


class KioskCore:
    """One kiosk: spool, sync, devices and the visit flow, wired from settings."""

    def __init__(self, settings: Settings, *, clock: Clock, post: Post) -> None:
        credentials = load_credentials(settings.device.state_dir)
        if credentials is None:
            raise NotProvisioned(f"no credentials in {settings.device.state_dir}; "
                                 "run `kiosk provision --central URL --code CODE`")
        self.settings = settings
        self.credentials = credentials
        self.device_id = credentials.device_id
        self._clock = clock
        self._post = post
        self.catalogs = CatalogStore(settings.device.state_dir)
        self.spool = open_spool(settings, clock)
        self.client = open_client(settings, credentials)
        self.sync = SyncWorker(self.spool, self.client, settings.sync, clock=clock)
        self.printer = ReceiptPrinter(settings.printer.url, PrinterProfile(
            paper_width_mm=settings.printer.paper_width_mm, encoding=settings.printer.encoding))
        self.prints = PrintQueue(self.printer, post)
        self.reader = IdCardReader(settings.idcard.port, baud=settings.idcard.baud,
                                   poll_interval=settings.idcard.poll_interval_s,
                                   on_event=self._on_idcard)
        self.flow = VisitFlow(self.catalogs.current, self, settings.ui, clock=clock)

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> None:
        threading.Thread(target=self._refresh_catalog, name="catalog", daemon=True).start()
        self.sync.start()
        self.reader.start()

    def stop(self) -> None:
        self.reader.stop()
        self.sync.stop()
        self.prints.stop()
        self.printer.close()
        self.client.close()
        self.spool.close()

    def _refresh_catalog(self) -> None:
        try:
            self.catalogs.refresh(self.client)
        except (CentralError, ValueError) as exc:
            log.warning("catalog: refresh failed (%s); keeping %s", exc, self.catalogs.source)

    # -- device events (device threads) ----------------------------------------------

    def _on_idcard(self, event: Any) -> None:
        if isinstance(event, CardRead):
            person = person_from_id_card(event.document, self._clock().date())
            self._post(lambda: self.flow.card_read(person))

    # -- Services of the visit flow (GUI thread) -------------------------------------

    def gate_reason(self) -> str | None:
        verdict = self.spool.gate()
        return None if verdict.open else f"gate_{verdict.reason}"

    def spool_submission(self, payload: dict[str, Any], *, item_code: str,
                         applicant_id: str | None) -> Any:
        entry = self.spool.put(payload, item_code=item_code, applicant_id=applicant_id)
        self.sync.notify()
        return entry

    def print_receipt(self, item: Item, entry: Any, language: str,
                      done: Callable[[bool, str], None]) -> None:
        doc = submission_receipt(
            locale=language, site_name=self.credentials.site["name"],
            item_title=item.title.model_dump(exclude_none=True), local_ref=entry.local_ref,
            submitted_at=entry.created_at, promise_days=item.promise_days,
            pending_upload=self.sync.state == SyncState.CENTRAL_UNREACHABLE)
        self.prints.submit(doc, done)
