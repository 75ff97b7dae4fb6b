"""A serial QR/barcode scanner on a pseudo-terminal, for the demo and the tests.

The scanner driver is tested through a real serial port: a pty pair in raw
mode is a tty that pyserial opens like /dev/ttyACM0. `scan` types a code the
way a scanner does; `unplug` and `replug` make the device vanish and come
back. Given a `link`, the emulator keeps a symlink pointing at the current
pty -- the stable /dev/serial/by-id name a real kiosk configures.
"""

from __future__ import annotations

import os
import tty
from pathlib import Path


class ScannerEmulator:
    def __init__(
        self,
        *,
        link: Path | None = None,
        suffix: bytes = b"\r",
        prefix: bytes = b"",
        encoding: str = "utf-8",
    ) -> None:
        self._link = link
        self._suffix = suffix
        self._prefix = prefix
        self._encoding = encoding
        self._master: int | None = None
        self._slave: int | None = None
        self._tty = ""

    def start(self) -> ScannerEmulator:
        self.replug()
        return self

    def stop(self) -> None:
        self.unplug()
        if self._link is not None and self._link.is_symlink():
            self._link.unlink()

    def __enter__(self) -> ScannerEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> str:
        """The path to open: the link if one was given, else the pty itself."""
        if self._link is not None:
            return str(self._link)
        if not self._tty:
            raise RuntimeError("start() the emulator first")
        return self._tty

    def scan(self, text: str) -> None:
        """Type one code as the scanner would: prefix, text, suffix."""
        self.send(self._prefix + text.encode(self._encoding) + self._suffix)

    def send(self, data: bytes) -> None:
        """Raw bytes on the wire (garbage, partial lines)."""
        if self._master is None:
            raise RuntimeError("the scanner is unplugged")
        os.write(self._master, data)

    def unplug(self) -> None:
        """The device vanishes: the reader's next read fails."""
        for fd in (self._master, self._slave):
            if fd is not None:
                os.close(fd)
        self._master = self._slave = None

    def replug(self) -> None:
        """A new pty (as a re-enumerated USB device), the link re-pointed at it."""
        self.unplug()
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self._tty = os.ttyname(self._slave)
        if self._link is not None:
            temporary = self._link.with_name(self._link.name + ".new")
            temporary.symlink_to(self._tty)
            temporary.replace(self._link)
