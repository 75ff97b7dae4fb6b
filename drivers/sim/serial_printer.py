"""The emulated receipt printer on a serial line, for the serial transport's tests.

Many kiosk printers hang on an RS-232 port or a USB-serial bridge, and the
driver's serial path -- writing a job, then reading DLE EOT answers with a
timeout -- must be proven on a real tty, not assumed. This puts the printer of
`drivers.sim.escpos_printer` behind a pty pair in raw mode: the driver opens
the slave with pyserial exactly as it opens /dev/ttyS0, one thread reads the
master. A serial printer cannot hang up on garbage, so a rejected stream is
recorded and decoding starts afresh; `pull_plug` closes the pty, which fails
the driver's next write or read as an unplugged cable does.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import threading
import tty
from pathlib import Path
from typing import Self, Unpack

from drivers.sim.escpos_printer import PrinterEmulator, PrinterModel


class SerialPrinterEmulator(PrinterEmulator):
    def __init__(
        self, out_dir: Path, *, baudrate: int = 19200, **model: Unpack[PrinterModel]
    ) -> None:
        """`baudrate` only goes into `url`: a pty carries bytes at any speed."""
        super().__init__(out_dir, **model)
        self.baudrate = baudrate
        self._fds: tuple[int, int] | None = None
        self._tty = ""
        self._wake_r, self._wake_w = os.pipe()
        self._thread: threading.Thread | None = None

    def start(self) -> Self:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        master, slave = os.openpty()
        tty.setraw(slave)
        fcntl.fcntl(master, fcntl.F_SETFL, os.O_NONBLOCK)
        self._fds = (master, slave)
        self._tty = os.ttyname(slave)
        self._thread = threading.Thread(
            target=self._serve, args=(master,), name="escpos-serial-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        os.write(self._wake_w, b"x")
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        self._unplug()
        os.close(self._wake_r)
        os.close(self._wake_w)

    @property
    def port(self) -> str:
        """The tty the driver opens (/dev/pts/N)."""
        if not self._tty:
            raise RuntimeError("start() the emulator first")
        return self._tty

    @property
    def url(self) -> str:
        return f"serial://{self.port}?baudrate={self.baudrate}"

    def _unplug(self) -> None:
        if self._fds is not None:
            for fd in self._fds:
                os.close(fd)
            self._fds = None

    def _serve(self, master: int) -> None:
        decoder = self._decoder()

        def answer(data: bytes) -> None:
            with contextlib.suppress(OSError):
                os.write(master, data)

        while True:
            ready, _, _ = select.select([master, self._wake_r], [], [])
            if self._wake_r in ready:
                return
            try:
                data = os.read(master, 4096)
            except BlockingIOError:
                continue
            hangup = self._take(decoder, data, answer)
            if hangup == "garbled":
                decoder = self._decoder()
            elif hangup == "pulled":
                self._unplug()
                return
