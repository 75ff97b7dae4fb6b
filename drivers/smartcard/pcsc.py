"""A thin, typed layer over pyscard's PC/SC calls (smartcard.scard).

pyscard's raw functions return status codes; its high-level classes raise
their own exception tree and hide SCardCancel. The driver needs both ends:
cancellable status waits for monitoring, exclusive connections for reading,
and every failure turned into one of our typed errors. This module is the
only one that talks to smartcard.scard.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType

from smartcard import scard

from drivers.smartcard.apdu import Response, exchange, parse_response
from drivers.smartcard.errors import (
    CardBusy,
    CardUnresponsive,
    NoCard,
    NoReader,
    PcscUnavailable,
    SmartCardError,
)

PNP_NOTIFICATION = "\\\\?PnP?\\Notification"
"""Pseudo reader whose state changes when readers appear or disappear."""

ReaderState = tuple[str, int]
"""(reader name, state flags) as SCardGetStatusChange takes and returns them."""

_ERRORS: dict[int, type[SmartCardError]] = {
    scard.SCARD_E_NO_SERVICE: PcscUnavailable,
    scard.SCARD_E_SERVICE_STOPPED: PcscUnavailable,
    scard.SCARD_F_COMM_ERROR: PcscUnavailable,
    scard.SCARD_E_UNKNOWN_READER: NoReader,
    scard.SCARD_E_READER_UNAVAILABLE: NoReader,
    scard.SCARD_E_NO_READERS_AVAILABLE: NoReader,
    scard.SCARD_E_NO_SMARTCARD: NoCard,
    scard.SCARD_W_REMOVED_CARD: NoCard,
    scard.SCARD_W_RESET_CARD: NoCard,
    scard.SCARD_E_SHARING_VIOLATION: CardBusy,
    scard.SCARD_W_UNRESPONSIVE_CARD: CardUnresponsive,
    scard.SCARD_W_UNPOWERED_CARD: CardUnresponsive,
    scard.SCARD_E_TIMEOUT: CardUnresponsive,
}


def error_for(code: int, step: str) -> SmartCardError:
    """The typed error for a failed PC/SC call (the base class if unmapped)."""
    kind = _ERRORS.get(code, SmartCardError)
    return kind(f"{step}: {scard.SCardGetErrorMessage(code)} ({code & 0xFFFFFFFF:08X})")


class PcscContext:
    """One SCARDCONTEXT; a context manager that releases it."""

    def __init__(self) -> None:
        code, self._handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if code != scard.SCARD_S_SUCCESS:
            raise error_for(code, "establish PC/SC context")

    def __enter__(self) -> PcscContext:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.release()

    def release(self) -> None:
        scard.SCardReleaseContext(self._handle)

    def readers(self) -> list[str]:
        code, names = scard.SCardListReaders(self._handle, [])
        if code == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        if code != scard.SCARD_S_SUCCESS:
            raise error_for(code, "list readers")
        return list(names)

    def wait_for_change(
        self, states: Sequence[ReaderState], timeout_ms: int
    ) -> list[ReaderState] | None:
        """New states once something changed; None on timeout or cancel()."""
        code, new_states = scard.SCardGetStatusChange(self._handle, timeout_ms, list(states))
        if code in (scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED):
            return None
        if code != scard.SCARD_S_SUCCESS:
            raise error_for(code, "wait for reader change")
        return [(name, flags) for name, flags, _atr in new_states]

    def cancel(self) -> None:
        """Wake a wait_for_change() blocked in another thread."""
        scard.SCardCancel(self._handle)

    def connect_exclusive(self, reader: str) -> CardConnection:
        code, card, protocol = scard.SCardConnect(
            self._handle,
            reader,
            scard.SCARD_SHARE_EXCLUSIVE,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        if code != scard.SCARD_S_SUCCESS:
            raise error_for(code, "connect to card")
        return CardConnection(card, protocol)


class CardConnection:
    """An exclusive connection to one card; a context manager that unpowers it."""

    def __init__(self, handle: int, protocol: int) -> None:
        self._handle = handle
        self._protocol = protocol

    def __enter__(self) -> CardConnection:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        scard.SCardDisconnect(self._handle, scard.SCARD_UNPOWER_CARD)

    def transmit(self, command: bytes) -> Response:
        """One command APDU and its whole response, T=0's GET RESPONSE and resends included."""
        return exchange(self._transmit_once, command)

    def _transmit_once(self, command: bytes) -> Response:
        code, raw = scard.SCardTransmit(self._handle, self._protocol, list(command))
        if code != scard.SCARD_S_SUCCESS:
            raise error_for(code, "transmit")
        return parse_response(raw)
