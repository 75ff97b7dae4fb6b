"""A private cupsd with a cups-pdf queue, for the tests, the bench and the demo.

The kiosk's A4 printer is a CUPS queue, and its driver is only proved against
a real cupsd. A test run must not touch the machine's own CUPS (nor another
test run's), so CupsDaemon starts `cupsd -f` with everything of its own under
one folder: the ServerRoot with its cupsd.conf and cups-files.conf, the spool
(RequestRoot, where PreserveJobFiles keeps each job's document as it arrived),
the cache, state, logs and pid file, a domain socket, and a free port on
127.0.0.1. It runs as root, as cupsd must to run the cups-pdf backend (a 0700
root binary that refuses to run otherwise).

cups-pdf reads its settings only from /etc/cups (the path is compiled in): a
device URI `cups-pdf:/NAME` makes it read /etc/cups/cups-pdf-NAME.conf. Each
queue therefore gets such a file, named after this daemon's folder, that sends
the PDFs to the daemon's own output folder; it is removed when the daemon stops.

cups-pdf does not copy the PDF it is given: CUPS turns it into PostScript and
cups-pdf renders that again through Ghostscript, so its output is a new PDF
with the same pages. What the kiosk sent, byte for byte, is the job's spooled
document (`spooled_document`), which CUPS keeps with PreserveJobFiles.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO

from drivers.sim.processes import StartsAndStops, end_process

CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONFIG_DIR = Path("/etc/cups")
_SBIN_DIRS = "/usr/sbin:/sbin:/usr/local/sbin"
_POLL_SECONDS = 0.05

_PERMISSIVE = """\
<Location />
  Order allow,deny
  Allow from 127.0.0.1
  Allow from @LOCAL
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""


class CupsDaemonError(RuntimeError):
    """cupsd could not be found, started, or did not answer."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody holds right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CupsDaemon(StartsAndStops):
    """Context manager: a cupsd of its own under `root`, with queues added on demand."""

    def __init__(self, *, base: Path | None = None, startup_timeout: float = 20.0,
                 keep: bool = False, directives: str = "") -> None:
        """Everything under a new folder in `base` (the system's temporary folder), which
        the filters, running as the user lp, must be able to reach: a test's own tmp_path
        is private to root. The folder is removed at stop unless `keep`. `directives` are
        added to cupsd.conf (e.g. "LimitRequestBody 4096")."""
        self.directives = directives
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-cupsd-", dir=base))
        self.root.chmod(0o755)
        self.keep = keep
        self.port = free_port()
        self.socket_path = self.root / "cupsd.sock"
        self.pdf_dir = self.root / "cups-pdf"
        self.startup_timeout = startup_timeout
        self._tag = f"kiosk{secrets.token_hex(4)}"
        self._pdf_configs: list[Path] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def server(self) -> str:
        """What the driver's `server` setting names: the domain socket."""
        return str(self.socket_path)

    @property
    def spool_dir(self) -> Path:
        return self.root / "spool"

    @property
    def log_path(self) -> Path:
        return self.root / "log" / "error_log"

    def start(self) -> None:
        if self._process is not None:
            raise CupsDaemonError("this CupsDaemon already runs a cupsd")
        executable = shutil.which("cupsd") or shutil.which("cupsd", path=_SBIN_DIRS)
        if executable is None:
            raise CupsDaemonError("cupsd is not installed (Debian package 'cups-daemon')")
        self._write_config()
        self._log = (self.root / "log" / "cupsd.out").open("ab")
        self._process = subprocess.Popen(
            [executable, "-f", "-c", str(self.root / "etc" / "cupsd.conf"),
             "-s", str(self.root / "etc" / "cups-files.conf")],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)
        self._wait_until_answering()

    def stop(self) -> None:
        """Stop this cupsd and remove its cups-pdf settings from /etc/cups."""
        process, self._process = self._process, None
        log, self._log = self._log, None
        end_process(process, log)
        for config in self._pdf_configs:
            config.unlink(missing_ok=True)
        self._pdf_configs.clear()
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)

    def _write_config(self) -> None:
        for name in ("etc", "spool", "spool/tmp", "cache", "state", "log", "cups-pdf",
                     "cups-pdf-spool"):
            (self.root / name).mkdir(parents=True, exist_ok=True)
        (self.root / "etc" / "ppd").mkdir(exist_ok=True)
        os.chmod(self.root / "spool" / "tmp", 0o1777)
        (self.root / "etc" / "cupsd.conf").write_text(
            f"Listen 127.0.0.1:{self.port}\nListen {self.socket_path}\n"
            "LogLevel info\nBrowsing No\nWebInterface No\nDefaultAuthType None\n"
            "PreserveJobFiles Yes\nPreserveJobHistory Yes\nMaxJobs 500\n"
            "ErrorPolicy stop-printer\nJobRetryLimit 0\n" + self.directives + "\n" + _PERMISSIVE)
        (self.root / "etc" / "cups-files.conf").write_text(
            f"ServerRoot {self.root / 'etc'}\nRequestRoot {self.spool_dir}\n"
            f"TempDir {self.spool_dir / 'tmp'}\nCacheDir {self.root / 'cache'}\n"
            f"StateDir {self.root / 'state'}\n"
            f"ErrorLog {self.log_path}\nAccessLog {self.root / 'log' / 'access_log'}\n"
            f"PageLog {self.root / 'log' / 'page_log'}\n"
            f"Printcap {self.root / 'state' / 'printcap'}\n"
            "User lp\nGroup lp\nSystemGroup root\nFileDevice Yes\n")

    def connection(self) -> object:
        """A pycups connection to this cupsd, as the technician's tools would open one."""
        import cups

        return cups.Connection(host=str(self.socket_path))

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                code = self._process.returncode
                self.stop()
                raise CupsDaemonError(f"cupsd exited with status {code}; see {self.log_path}"
                                      f" and {self.root / 'log' / 'cupsd.out'}")
            try:
                self.connection().getPrinters()  # type: ignore[attr-defined]
                return
            except Exception as exc:  # cups.IPPError or RuntimeError while it starts
                last = exc
            time.sleep(_POLL_SECONDS)
        self.stop()
        raise CupsDaemonError(f"cupsd did not answer on {self.socket_path} within "
                              f"{self.startup_timeout} s ({last}); see {self.log_path}")

    def add_pdf_queue(self, name: str) -> Path:
        """A cups-pdf queue `name`, enabled and accepting; returns its output folder."""
        out = self.pdf_dir / name
        out.mkdir(parents=True, exist_ok=True)
        suffix = f"{self._tag}-{name}"
        config = CUPS_PDF_CONFIG_DIR / f"cups-pdf-{suffix}.conf"
        config.write_text(
            f"Out {out}\nAnonDirName {out}\nSpool {self.root / 'cups-pdf-spool'}\n"
            f"Log {self.root / 'log'}\nLogType 3\nGrp root\nAnonUser root\n")
        self._pdf_configs.append(config)
        self.add_queue(name, f"cups-pdf:/{suffix}", ppd=CUPS_PDF_PPD)
        return out

    def add_queue(self, name: str, device: str, *, ppd: Path | None = None) -> None:
        """A queue `name` on `device`, enabled and accepting; without a PPD a raw queue."""
        connection = self.connection()
        extra = {"filename": str(ppd)} if ppd is not None else {}
        connection.addPrinter(name, device=device, **extra)  # type: ignore[attr-defined]
        connection.enablePrinter(name)  # type: ignore[attr-defined]
        connection.acceptJobs(name)  # type: ignore[attr-defined]

    def spooled_document(self, job_id: int) -> bytes:
        """The document of job `job_id` as CUPS received it (PreserveJobFiles)."""
        return (self.spool_dir / f"d{job_id:05d}-001").read_bytes()
