"""Make sure a pcscd with vpcd's virtual reader is there, for tests and the demo.

Debian 12's pcscd (1.9.9) always listens on /run/pcscd/pcscd.comm, and
PCSCLITE_CSOCK_NAME only moves the client side, so a private daemon per test
run is impossible: there is one pcscd per machine. PcscDaemon therefore uses
the one that answers, and starts `pcscd --foreground` itself only when none
does (a CI container as root, no systemd), stopping only that child on exit.

No extra flags or configuration are needed: the vsmartcard-vpcd package drops
/etc/reader.conf.d/vpcd (FRIENDLYNAME "Virtual PCD", DEVICENAME
/dev/null:0x8C7B, LIBPATH .../serial/libifdvpcd.so), which pcscd reads at
start; the driver then listens on 0x8C7B = 35963 for slot 'Virtual PCD 00 00'
and 35964 for 'Virtual PCD 00 01'.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path
from typing import IO

from smartcard import scard

from drivers.sim.processes import StartsAndStops, end_process

VIRTUAL_READER = "Virtual PCD"
VPCD_PORT = 0x8C7B  # slot 00 00; 00 01 is the next port
_POLL_SECONDS = 0.05
_SBIN_DIRS = "/usr/sbin:/sbin:/usr/local/sbin"


class PcscDaemonError(RuntimeError):
    """pcscd could not be found, started, or did not show the virtual reader."""


def list_readers() -> list[str] | None:
    """The readers pcscd knows, or None when no pcscd answers."""
    result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if result != scard.SCARD_S_SUCCESS:
        return None
    try:
        result, readers = scard.SCardListReaders(context, [])
        if result == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        if result != scard.SCARD_S_SUCCESS:
            return None
        return list(readers)
    finally:
        scard.SCardReleaseContext(context)


def port_in_use(port: int) -> bool:
    """Whether any TCP socket on this machine (listening, open or in TIME_WAIT) has `port`
    as its own: vpcd binds without SO_REUSEADDR and fails on any of them."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as rows:
                next(rows, None)  # the heading
                if any(int(row.split()[1].rsplit(":", 1)[1], 16) == port for row in rows):
                    return True
        except OSError:
            continue
    return False


class PcscDaemon(StartsAndStops):
    """Context manager: a pcscd that shows `reader_name`, started only if needed."""

    def __init__(
        self,
        reader_name: str = VIRTUAL_READER,
        *,
        startup_timeout: float = 20.0,
        log_path: Path | None = None,
    ) -> None:
        self.reader_name = reader_name
        self.startup_timeout = startup_timeout
        self.log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def owns_process(self) -> bool:
        """True when this object started the running pcscd (and will stop it)."""
        return self._process is not None

    def start(self) -> None:
        if self._process is not None:
            raise PcscDaemonError("this PcscDaemon already runs a pcscd")
        if list_readers() is None:
            self._spawn()
        self._wait_for_reader()

    def stop(self) -> None:
        """Stop the pcscd this object started; leave anybody else's alone."""
        process, self._process = self._process, None
        log, self._log = self._log, None
        end_process(process, log)

    def _spawn(self) -> None:
        executable = shutil.which("pcscd") or shutil.which("pcscd", path=_SBIN_DIRS)
        if executable is None:
            raise PcscDaemonError("pcscd is not installed (Debian package 'pcscd')")
        if self.log_path is not None:
            self._log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            [executable, "--foreground"],
            stdin=subprocess.DEVNULL,
            stdout=self._log if self._log is not None else subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def _wait_for_reader(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            readers = list_readers() or []
            if any(self.reader_name in reader for reader in readers):
                return
            if self._process is not None and self._process.poll() is not None:
                code = self._process.returncode
                self.stop()
                if list_readers() is None:
                    raise PcscDaemonError(f"pcscd exited with status {code}{self._log_hint()}")
                # Another pcscd started in between and won; use that one.
            time.sleep(_POLL_SECONDS)
        self.stop()
        held = "" if not port_in_use(VPCD_PORT) else (
            f"; port {VPCD_PORT} is held by another socket, so vpcd could not listen on it"
            " (`ss -tan` shows it; tools/setup.sh keeps it out of the ephemeral range)")
        raise PcscDaemonError(
            f"no reader named like {self.reader_name!r} within {self.startup_timeout} s"
            f" (is vsmartcard-vpcd installed, /etc/reader.conf.d/vpcd present?){held}"
            f"{self._log_hint()}"
        )

    def _log_hint(self) -> str:
        return f"; see {self.log_path}" if self.log_path is not None else ""
