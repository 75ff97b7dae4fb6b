"""Receipt printers that print to files: the shared mechanism and the network one.

The demo needs a printer without paper and the tests need one they can
starve of paper, open the cover of, or unplug in the middle of a job -- and
must see exactly what the driver sent. `PrinterEmulator` is that printer
whatever its wire: it answers real-time status (DLE EOT n) from a state the
test sets, decodes the stream with `drivers.printer.decode` and writes each
job (ended by a cut) as NNNN.txt and NNNN.png. `NetworkPrinterEmulator`
listens on loopback like a TCP printer on port 9100 does, one selector
thread serving every connection so stopping it is one join;
`drivers.sim.serial_printer` puts the same printer behind a pty.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import struct
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Self, TypedDict, TypeVar, Unpack

from drivers.printer.decode import DecodedJob, EscposDecodeError, EscposDecoder, StatusRequest
from drivers.printer.document import PrintDocument
from drivers.printer.picture import render, render_text
from drivers.printer.profile import PrinterProfile

Paper = Literal["ok", "near_end", "out"]
Hangup = Literal["garbled", "pulled"]
"""Why a link ends: a stream the decoder rejected, or `pull_plug` taking effect."""
_BASE = 0b0001_0010
T = TypeVar("T")


class PrinterModel(TypedDict, total=False):
    """What an emulated printer is built as (PrinterProfile's defaults otherwise)."""

    encoding: Literal["gb18030", "big5"]
    paper_width_mm: Literal[58, 80]


@dataclass(frozen=True)
class Receipt:
    number: int
    document: PrintDocument
    raw: bytes
    text_path: Path
    png_path: Path
    received_at: float
    """time.perf_counter() when the job's last byte (its cut) was decoded."""


class PrinterEmulator(ABC):
    """The printer behind any wire: state, status answers, decoding and receipts."""

    def __init__(self, out_dir: Path, **model: Unpack[PrinterModel]) -> None:
        self.out_dir = Path(out_dir)
        self.profile = PrinterProfile(**model)
        self._lock = threading.Condition()
        self._receipts: list[Receipt] = []
        self._forgotten = 0
        self._errors: list[str] = []
        self._paper: Paper = "ok"
        self._cover_open = False
        self._offline = False
        self._pull_after: int | None = None
        self.answers_status = True
        """False: a printer (or print server, or raw TCP sink) that never answers DLE EOT
        but prints what it is sent."""
        self.status_asked = 0
        """Real-time status requests (DLE EOT n) received, answered or not."""

    @abstractmethod
    def start(self) -> Self:
        """Make the printer reachable at `url`."""

    @abstractmethod
    def stop(self) -> None:
        """Close every link and join the serving thread."""

    @property
    @abstractmethod
    def url(self) -> str:
        """The printer URL a kiosk's settings would name for this printer."""

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- control -------------------------------------------------------------

    def set_state(
        self, paper: Paper = "ok", cover_open: bool = False, offline: bool = False
    ) -> None:
        """What status requests answer; out of paper, cover open or offline, nothing prints."""
        if paper not in ("ok", "near_end", "out"):
            raise ValueError(f"paper must be ok, near_end or out, not {paper!r}")
        with self._lock:
            self._paper, self._cover_open, self._offline = paper, cover_open, offline

    def pull_plug(self, after_bytes: int = 1) -> None:
        """Cut the link once a job in progress has sent `after_bytes` bytes (once)."""
        with self._lock:
            self._pull_after = max(1, after_bytes)

    @property
    def receipts(self) -> list[Receipt]:
        with self._lock:
            return list(self._receipts)

    def forget_receipts(self) -> None:
        """Let go of the receipts printed so far (their files stay, and numbering goes on):
        a run of thousands of jobs in one process, as bench.endurance is, would otherwise
        measure this list growing instead of the kiosk beside it."""
        with self._lock:
            self._forgotten += len(self._receipts)
            self._receipts.clear()

    @property
    def errors(self) -> list[str]:
        """Streams the decoder rejected."""
        with self._lock:
            return list(self._errors)

    def wait_for_receipts(self, n: int, timeout: float = 5.0) -> list[Receipt]:
        return self._wait_for(self._receipts, n, "receipt(s) printed", timeout)

    def wait_for_errors(self, n: int, timeout: float = 5.0) -> list[str]:
        """Wait until `n` streams have been rejected: bytes sent after them are then new."""
        return self._wait_for(self._errors, n, "stream(s) rejected", timeout)

    def _wait_for(self, items: list[T], n: int, what: str, timeout: float) -> list[T]:
        with self._lock:
            if not self._lock.wait_for(lambda: len(items) >= n, timeout):
                raise TimeoutError(f"{len(items)} {what}, wanted {n}")
            return list(items)

    # --- the printer -----------------------------------------------------------

    def status_byte(self, n: int) -> int:
        """The real-time status reply for DLE EOT n in the current state (HARDWARE.md §3)."""
        with self._lock:
            paper_out = self._paper == "out"
            stopped = paper_out or self._cover_open or self._offline
            if n == 1:
                return _BASE | (0x08 if stopped else 0)
            if n == 2:
                return _BASE | (0x04 if self._cover_open else 0) | (0x20 if paper_out else 0)
            if n == 4:
                near = 0x0C if self._paper != "ok" else 0
                return _BASE | near | (0x60 if paper_out else 0)
            return _BASE

    def _status_request(self, n: int, answer: Callable[[bytes], None]) -> None:
        with self._lock:
            self.status_asked += 1
        if self.answers_status:
            answer(bytes([self.status_byte(n)]))

    def _can_print(self) -> bool:
        with self._lock:
            return self._paper != "out" and not self._cover_open and not self._offline

    def _print(self, job: DecodedJob) -> None:
        received_at = time.perf_counter()
        if not self._can_print():
            return
        with self._lock:
            number = self._forgotten + len(self._receipts) + 1
        text_path = self.out_dir / f"{number:04d}.txt"
        png_path = self.out_dir / f"{number:04d}.png"
        text_path.write_text(render_text(job.document, self.profile), encoding="utf-8")
        png_path.write_bytes(render(job.document, self.profile))
        receipt = Receipt(number, job.document, job.raw, text_path, png_path, received_at)
        with self._lock:
            self._receipts.append(receipt)
            self._lock.notify_all()

    def _decoder(self) -> EscposDecoder:
        return EscposDecoder(self.profile.encoding)

    def _take(
        self, decoder: EscposDecoder, data: bytes, answer: Callable[[bytes], None]
    ) -> Hangup | None:
        """Act on bytes that arrived on one link; `answer` sends a status byte back on it."""
        with self._lock:
            pull_after = self._pull_after
        pieces = [data[i : i + 1] for i in range(len(data))] if pull_after else [data]
        for piece in pieces:
            try:
                events = decoder.feed(piece)
            except EscposDecodeError as exc:
                with self._lock:
                    self._errors.append(str(exc))
                    self._lock.notify_all()
                return "garbled"
            for event in events:
                if isinstance(event, StatusRequest):
                    self._status_request(event.n, answer)
                else:
                    self._print(event)
            if pull_after and decoder.pending_bytes >= pull_after:
                with self._lock:
                    self._pull_after = None
                return "pulled"
        return None


@dataclass
class _Connection:
    sock: socket.socket
    decoder: EscposDecoder

    def answer(self, data: bytes) -> None:
        with contextlib.suppress(OSError):  # the host went away; the next recv sees it
            self.sock.sendall(data)


class NetworkPrinterEmulator(PrinterEmulator):
    def __init__(
        self, out_dir: Path, *, host: str = "127.0.0.1", port: int = 0,
        **model: Unpack[PrinterModel],
    ) -> None:
        super().__init__(out_dir, **model)
        self._address = (host, port)
        self._selector = selectors.DefaultSelector()
        self._listener: socket.socket | None = None
        self._wake_r, self._wake_w = socket.socketpair()
        self._running = False
        self._thread: threading.Thread | None = None

    def start(self) -> Self:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._listener = socket.create_server(self._address)
        self._listener.setblocking(False)
        self._selector.register(self._listener, selectors.EVENT_READ, None)
        self._selector.register(self._wake_r, selectors.EVENT_READ, None)
        self._running = True
        self._thread = threading.Thread(target=self._serve, name="escpos-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._running = False
        self._wake_w.send(b"x")
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        for key in list(self._selector.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]
        self._selector.close()
        self._wake_w.close()

    @property
    def port(self) -> int:
        if self._listener is None:
            raise RuntimeError("start() the emulator first")
        return self._listener.getsockname()[1]

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while self._running:
            for key, _ in self._selector.select():
                if key.fileobj is self._listener:
                    self._accept()
                elif key.fileobj is self._wake_r:
                    self._wake_r.recv(64)
                else:
                    self._receive(key.data)

    def _accept(self) -> None:
        assert self._listener is not None
        try:
            sock, _ = self._listener.accept()
        except BlockingIOError:
            return
        sock.setblocking(True)
        conn = _Connection(sock, self._decoder())
        self._selector.register(sock, selectors.EVENT_READ, conn)

    def _close(self, conn: _Connection, abort: bool = False) -> None:
        self._selector.unregister(conn.sock)
        if abort:  # RST, like a cable pulled out: the host's next send or read fails
            conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.sock.close()

    def _receive(self, conn: _Connection) -> None:
        if conn.sock.fileno() == -1:  # closed earlier in this round of events
            return
        try:
            data = conn.sock.recv(65536)
        except OSError:
            data = b""
        if not data:
            self._close(conn)
            return
        hangup = self._take(conn.decoder, data, conn.answer)
        if hangup is not None:
            self._close(conn, abort=hangup == "pulled")
