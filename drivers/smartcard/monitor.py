"""SmartCardReader: watches one PC/SC reader in its own thread and reports events.

Why an own loop over SCardGetStatusChange rather than pyscard's CardMonitor
and ReaderMonitor: those are process-wide singletons that run two threads,
poll the reader list once a second, wait in 60 s CardRequest timeouts that
stop() cannot interrupt, and catch errors inside their threads. Here one
thread waits on the chosen reader and on the '\\\\?PnP?\\Notification' pseudo
reader at once (so a reader appearing or going away wakes it), stop() wakes
it at once with SCardCancel, and a pcscd that goes away is noticed and
reconnected with a capped backoff.

Reading a card is delegated to reading.read_card, which bounds the time a
mute card can hold the thread.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Sequence

from smartcard import scard

from drivers.smartcard.cards import Card, SocialSecurityCard
from drivers.smartcard.errors import (
    CardUnresponsive,
    PcscUnavailable,
    SmartCardError,
)
from drivers.smartcard.events import (
    BadgeRead,
    CardReadFailed,
    CardRemoved,
    SmartCardEvent,
    SmartCardRead,
    StatusChanged,
)
from drivers.smartcard.pcsc import PNP_NOTIFICATION, PcscContext
from drivers.smartcard.profiles import DEFAULT_PROFILES, CardProfile
from drivers.smartcard.reading import DEFAULT_READ_TIMEOUT, read_card
from drivers.status import UNKNOWN, DeviceState, DeviceStatus

log = logging.getLogger(__name__)

SERVICE_DOWN = DeviceStatus(DeviceState.OFFLINE, "PC/SC service not available")
NO_READER = DeviceStatus(DeviceState.OFFLINE, "no smart-card reader")
CARD_STUCK = DeviceStatus(DeviceState.ERROR, "card does not answer; remove it")

_STOP_RETRY_SECONDS = 0.05
_EVENT_COUNTER_SHIFT = 16
"""pcsc-lite counts card insertions/removals in the upper 16 bits of a state."""


class SmartCardReader:
    """Reports card and reader events for the first reader whose name matches.

    `reader_name_contains`: a substring of the PC/SC reader name, or None for
    the first reader. `on_event` is called from the reader's thread, one
    event at a time; it must return quickly and not call stop().
    """

    def __init__(
        self,
        reader_name_contains: str | None,
        on_event: Callable[[SmartCardEvent], None],
        *,
        profiles: Sequence[CardProfile] = DEFAULT_PROFILES,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        poll_interval: float = 1.0,
        max_backoff: float = 5.0,
    ) -> None:
        self._wanted = reader_name_contains
        self._on_event = on_event
        self._profiles = tuple(profiles)
        self._read_timeout = read_timeout
        self._poll_ms = int(poll_interval * 1000)
        self._max_backoff = max_backoff
        self._lock = threading.Lock()
        self._status = UNKNOWN
        self._context: PcscContext | None = None
        self._stuck_reader: str | None = None
        """The reader whose card did not answer; ERROR until that card leaves."""
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> DeviceStatus:
        with self._lock:
            return self._status

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the smart-card reader is already started")
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="smartcard-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop watching; returns once the thread has ended."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        while thread.is_alive():
            # SCardCancel only wakes a wait already in progress, so repeat it
            # until the thread has seen _stopping (a read may be under way).
            with self._lock:
                if self._context is not None:
                    self._context.cancel()
            thread.join(_STOP_RETRY_SECONDS)

    def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                with PcscContext() as context:
                    with self._lock:
                        self._context = context
                    failures = 0
                    try:
                        self._watch(context)
                    finally:
                        with self._lock:
                            self._context = None
            except PcscUnavailable:
                self._set_status(SERVICE_DOWN)
            except SmartCardError as error:
                self._set_status(DeviceStatus(DeviceState.ERROR, str(error)))
            except Exception as error:  # a bug must not end the monitoring for good
                log.error(
                    "smart-card monitor failed: %s\n%s",
                    type(error).__name__,
                    "".join(traceback.format_tb(error.__traceback__)),
                )
                self._set_status(DeviceStatus(DeviceState.ERROR, "internal error"))
            failures += 1
            self._stopping.wait(min(self._max_backoff, 0.1 * 2**failures))

    def _watch(self, context: PcscContext) -> None:
        """Follow readers and cards until stop() or until pcscd goes away."""
        pnp_state = scard.SCARD_STATE_UNAWARE
        reader: str | None = None
        reader_state = scard.SCARD_STATE_UNAWARE
        try:
            while not self._stopping.is_set():
                chosen = self._choose(context.readers())
                if chosen != reader:
                    self._lose_card(reader_state)
                    reader, reader_state = chosen, scard.SCARD_STATE_UNAWARE
                if reader is None:
                    self._set_status(NO_READER)
                elif reader != self._stuck_reader:
                    self._set_status(_ready(reader))
                states = [(PNP_NOTIFICATION, pnp_state)]
                if reader is not None:
                    states.append((reader, reader_state))
                changed = context.wait_for_change(states, self._poll_ms)
                if changed is None:
                    continue
                pnp_state = changed[0][1] & ~scard.SCARD_STATE_CHANGED
                if reader is None:
                    continue
                new_state = changed[1][1] & ~scard.SCARD_STATE_CHANGED
                if new_state & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_IGNORE):
                    continue  # the reader went away; the next listing notices
                self._follow_card(reader, reader_state, new_state)
                reader_state = new_state
        except SmartCardError:
            self._lose_card(reader_state)  # pcscd went away, and the card with it
            raise

    def _lose_card(self, last_state: int) -> None:
        """The reader (or pcscd) is gone: a card that was in it is gone too."""
        self._stuck_reader = None
        if _has_card(last_state):
            self._emit(CardRemoved())

    def _follow_card(self, reader: str, old: int, new: int) -> None:
        """Emit removal and read a newly placed card, from two reader states."""
        was_present, is_present = _has_card(old), _has_card(new)
        replaced = (old >> _EVENT_COUNTER_SHIFT) != (new >> _EVENT_COUNTER_SHIFT)
        if was_present and (not is_present or replaced):
            self._stuck_reader = None
            self._emit(CardRemoved())
            self._set_status(_ready(reader))
        if is_present and (not was_present or replaced):
            if new & scard.SCARD_STATE_MUTE:
                self._report_failure(reader, CardUnresponsive("the card gives no ATR"))
            else:
                self._read(reader)

    def _read(self, reader: str) -> None:
        try:
            card = read_card(reader, self._profiles, timeout=self._read_timeout)
        except SmartCardError as error:
            self._report_failure(reader, error)
            return
        self._emit(_event_for(card))

    def _report_failure(self, reader: str, error: SmartCardError) -> None:
        log.warning("card in %s not read: %s", reader, error)
        if isinstance(error, CardUnresponsive):
            self._stuck_reader = reader
            self._set_status(CARD_STUCK)
        self._emit(CardReadFailed(error))

    def _choose(self, readers: list[str]) -> str | None:
        for name in readers:
            if self._wanted is None or self._wanted in name:
                return name
        return None

    def _set_status(self, status: DeviceStatus) -> None:
        with self._lock:
            if status == self._status:
                return
            self._status = status
        self._emit(StatusChanged(status))

    def _emit(self, event: SmartCardEvent) -> None:
        try:
            self._on_event(event)
        except Exception as error:  # the core's bug must not stop the reader
            log.error("smart-card event handler raised %s", type(error).__name__)


def _has_card(state: int) -> bool:
    return bool(state & scard.SCARD_STATE_PRESENT)


def _ready(reader: str) -> DeviceStatus:
    return DeviceStatus(DeviceState.OK, f"reader {reader}")


def _event_for(card: Card) -> SmartCardEvent:
    if isinstance(card, SocialSecurityCard):
        return SmartCardRead(card)
    return BadgeRead(card.uid)
