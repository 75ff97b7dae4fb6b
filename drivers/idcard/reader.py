"""The ID-card reader as a long-running device: a thread that polls and reports events.

A kiosk runs unattended for months: the reader gets unplugged, its SAM
fails, a bent card returns garbage. This thread owns the port, turns polling
into one event per card placement, reconnects with backoff, and keeps going
whatever arrives on the line; the core only ever sees events and a status.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import serial

from drivers.idcard.document import IdentityDocument
from drivers.idcard.errors import CardUnreadable, FrameError, NoAnswer, TextBlockError
from drivers.idcard.events import (
    CardLost,
    CardRead,
    CardReading,
    CardRemoved,
    IdCardEvent,
    StatusChanged,
)
from drivers.idcard.frame import SamError
from drivers.idcard.line import LineHealth
from drivers.idcard.session import (
    ANSWER_TIMEOUT,
    AUTO_BAUD,
    BAUD_RATES,
    POLL_INTERVAL,
    Baud,
    SamSession,
    check_baud,
    connect,
)
from drivers.idcard.taking import READ_PATIENCE, take_card
from drivers.status import UNKNOWN, DeviceState, DeviceStatus

log = logging.getLogger(__name__)

BackoffWait = Callable[[float, threading.Event], bool]
"""Waits `seconds` or until the event is set; returns True when it was set (stop)."""

INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 30.0
FAILURE_LIMIT = 3
# the details the reader's status gives; after a prefix, ": " and the failure follow
PORT_UNAVAILABLE, NOT_ANSWERING = "port unavailable", "reader not answering"
SAM_FAILED, INTERNAL_ERROR, FAILING_READS = "SAM", "internal error", "failing reads"
"""Consecutive failed polls before the status says so (one bad exchange is noise)."""


def _wait_for_stop(seconds: float, stop: threading.Event) -> bool:
    return stop.wait(seconds)


class IdCardReader:
    """Polls a GA/T 467 reader on `port` and reports IdCardEvents to `on_event`.

    `on_event` is called on the reader's thread. A card found is announced
    (CardReading), then read (CardRead) or, after `read_patience` seconds of
    trying, given up on (CardLost). The status says "degraded (line errors)"
    while too many answers arrive damaged (see drivers.idcard.line).
    `backoff_wait` replaces the real waits between reconnection attempts
    (tests step through them).
    With `baud="auto"` every (re)connection probes the five rates a SAM can
    be set to, the rate found last time first (a replugged reader keeps its
    rate), and `baud` tells the rate found.
    """

    def __init__(
        self,
        port: str,
        *,
        baud: Baud = 115200,
        poll_interval: float = POLL_INTERVAL,
        read_fingerprint: bool = False,
        on_event: Callable[[IdCardEvent], None],
        answer_timeout: float = ANSWER_TIMEOUT,
        backoff_wait: BackoffWait = _wait_for_stop,
        read_patience: float = READ_PATIENCE,
    ) -> None:
        self._port = port
        self._baud = check_baud(baud)
        self._poll_interval = poll_interval
        self._read_fingerprint = read_fingerprint
        self._on_event = on_event
        self._answer_timeout = answer_timeout
        self._backoff_wait = backoff_wait
        self._read_patience = read_patience
        self._line = LineHealth()
        self._lock = threading.Lock()
        self._status = UNKNOWN
        self._sam_id: str | None = None
        self._rate: int | None = None
        self._card_present = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> DeviceStatus:
        with self._lock:
            return self._status

    @property
    def sam_id(self) -> str | None:
        """The SAM's id as read at the last (re)connection, for the device report."""
        with self._lock:
            return self._sam_id

    @property
    def baud(self) -> int | None:
        """The rate of the last (re)connection: the one configured, or the one the probe found."""
        with self._lock:
            return self._rate

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="idcard-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop polling and close the port; returns within about one answer timeout."""
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._thread = None

    def _run(self) -> None:
        backoff = INITIAL_BACKOFF
        while not self._stop.is_set():
            try:
                port, session, rate = connect(
                    self._port,
                    self._baud,
                    answer_timeout=self._answer_timeout,
                    cancelled=self._stop.is_set,
                    rates=self._probe_order(),
                    line=self._line,
                )
                with port:
                    sam_id = session.sam_id()
                    with self._lock:
                        self._sam_id, self._rate = sam_id, rate
                    self._report_line()
                    backoff = INITIAL_BACKOFF
                    self._poll(session)
            except (serial.SerialException, OSError) as exc:
                log.warning("ID-card reader port %s unavailable: %s", self._port, exc)
                self._set_status(DeviceState.OFFLINE, PORT_UNAVAILABLE)
            except NoAnswer:
                self._set_status(DeviceState.OFFLINE, NOT_ANSWERING)
            except SamError as exc:
                self._set_status(DeviceState.ERROR, f"{SAM_FAILED}: {exc}")
            except Exception as exc:
                # Last line of defence: the kiosk must keep its reader thread alive.
                log.error("ID-card reader failed: %s", type(exc).__name__, exc_info=True)
                self._set_status(DeviceState.ERROR, f"{INTERNAL_ERROR}: {type(exc).__name__}")
            if self._stop.is_set() or self._backoff_wait(backoff, self._stop):
                return
            backoff = min(backoff * 2, MAX_BACKOFF)

    def _probe_order(self) -> tuple[int, ...]:
        if self._baud != AUTO_BAUD or self._rate is None:
            return BAUD_RATES
        return (self._rate, *(rate for rate in BAUD_RATES if rate != self._rate))

    def _poll(self, session: SamSession) -> None:
        """Poll until stopped; raises what needs a reconnection (port, silence, SAM fault)."""
        failures = 0
        while not self._stop.is_set():
            try:
                document = self._take(session)
            except NoAnswer:
                failures += 1
                if failures >= FAILURE_LIMIT:
                    raise
            except (FrameError, TextBlockError, SamError, CardUnreadable) as exc:
                if isinstance(exc, SamError) and exc.sam_fault:
                    raise
                failures += 1
                log.warning("ID-card read failed: %s", type(exc).__name__)
                if failures >= FAILURE_LIMIT:
                    self._set_status(DeviceState.DEGRADED, f"{FAILING_READS}: {exc}")
            else:
                failures = 0
                self._report_line()
                if document is not None:
                    self._card_present = True
                    self._emit(CardRead(document))
                elif self._card_present:
                    self._card_present = False
                    self._emit(CardRemoved())
            self._stop.wait(self._poll_interval)

    def _take(self, session: SamSession) -> IdentityDocument | None:
        """take_card, announcing a card found, and its loss when it could not be read."""
        found = False

        def announce() -> None:
            nonlocal found
            found = True
            self._emit(CardReading())

        try:
            return take_card(
                session,
                with_fingerprint=self._read_fingerprint,
                on_found=announce,
                patience=self._read_patience,
            )
        except Exception:
            if found and not self._stop.is_set():
                self._emit(CardLost())
            raise

    def _report_line(self) -> None:
        """The reader works: "ok", or "degraded (line errors)" while the line damages answers."""
        status = self._line.status()
        self._set_status(status.state, status.detail)

    def _set_status(self, state: DeviceState, detail: str = "") -> None:
        """Record and report a change; none while stopping (a cut-short wait proves nothing)."""
        status = DeviceStatus(state, detail)
        with self._lock:
            if status == self._status or self._stop.is_set():
                return
            self._status = status
        self._emit(StatusChanged(status))

    def _emit(self, event: IdCardEvent) -> None:
        try:
            self._on_event(event)
        except Exception as exc:
            # The handler's own message may hold personal data: log its type only.
            log.error("ID-card event handler raised %s", type(exc).__name__)
