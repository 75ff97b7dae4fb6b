"""The receipt printer as the core sees it: print a document, say how you are.

The core should neither know transports nor ESC/POS nor decide whether a
silent printer is fine. This class owns the link (opened lazily, dropped and
reopened after it breaks), checks status before a job so a citizen is told
"no paper" instead of walking away with nothing, checks it again after the
job so a job that died half way is reported and can be printed again, and
serialises printing and status polling on one lock so their bytes never mix.
"""

from __future__ import annotations

import threading
from types import TracebackType

from drivers.printer.document import PrintDocument
from drivers.printer.errors import PrinterNotReady, PrintError, PrinterUnavailable, TransportError
from drivers.printer.profile import PrinterProfile
from drivers.printer.status import STATUS_POLICIES, StatusPolicy, read_status
from drivers.printer.transport import Transport, transport_opener
from drivers.status import DeviceState, DeviceStatus


class ReceiptPrinter:
    def __init__(
        self,
        url: str,
        profile: PrinterProfile | None = None,
        *,
        timeout: float = 5.0,
        status_timeout: float = 1.0,
        status_policy: StatusPolicy = "required",
    ) -> None:
        """`url` as in the settings (raises PrinterUrlError now if unusable); nothing opens yet.

        `timeout` bounds connecting and each write, `status_timeout` each status answer;
        `status_policy` says what a printer that does not answer status means (see
        drivers.printer.status).
        """
        if status_policy not in STATUS_POLICIES:
            raise ValueError(f"status policy must be one of {STATUS_POLICIES}, "
                             f"not {status_policy!r}")
        self.url = url
        self.profile = profile or PrinterProfile()
        self._open = transport_opener(url, timeout)
        self._status_timeout = status_timeout
        self.status_policy = status_policy
        self._lock = threading.Lock()
        self._transport: Transport | None = None

    def _link(self) -> Transport:
        if self._transport is None:
            self._transport = self._open()
        return self._transport

    def _drop(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def _status(self) -> DeviceStatus:
        status = read_status(self._link(), self._status_timeout, self.status_policy)
        if status.state is DeviceState.OFFLINE:
            self._drop()
        return status

    def read_status(self) -> DeviceStatus:
        """Current status; an unreachable printer is offline with the reason as detail."""
        with self._lock:
            try:
                return self._status()
            except PrinterUnavailable as exc:
                return DeviceStatus(DeviceState.OFFLINE, str(exc))

    def print(self, doc: PrintDocument) -> None:
        """Print one receipt.

        Raises PrinterUnavailable (cannot connect), PrinterNotReady (status forbids it;
        nothing was sent) or PrintError (broke during the job; safe to print again).
        """
        # python-escpos (about 100 ms of imports) loads with the first receipt, on the
        # printing thread, rather than before the kiosk's first frame
        from drivers.printer.encode import encode

        data = encode(doc, self.profile)
        with self._lock:
            before = self._status()
            if not before.usable:
                raise PrinterNotReady(before)
            try:
                self._link().write(data)
            except TransportError as exc:
                self._drop()
                raise PrintError(f"the receipt may be incomplete: {exc}") from exc
            after = self._status()
            if not after.usable:
                raise PrintError(f"the receipt may be incomplete: {after.detail}")

    def close(self) -> None:
        with self._lock:
            self._drop()

    def __enter__(self) -> ReceiptPrinter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
