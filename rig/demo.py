"""Everything a kiosk talks to, on this machine: for the demo and the tests.

The demo and the integration tests drive the real drivers and the real HTTP
client, so what they need is real peers: the reference central as a child
process on loopback, a GA/T 467 reader emulator on a pty, and a network
ESC/POS printer emulator. This module starts and stops them as one rig.
Where an A4 output folder is given, the rig also starts a cupsd of its own
with a cups-pdf queue for the kiosk's A4 printer (as the tests do), and copies
what that queue printed into the folder.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from drivers.printer import Qr
from drivers.sim.cards import DEMO_CARDS
from drivers.sim.cupsd import CupsDaemon
from drivers.sim.escpos_printer import NetworkPrinterEmulator
from drivers.sim.idcard_reader import IdCardReaderEmulator
from drivers.sim.scanner import ScannerEmulator
from kiosk.service.provisioning import enroll
from kiosk.settings.model import Settings, load_settings
from kiosk.uplink.credentials import Credentials

log = logging.getLogger(__name__)

DEMO_ENROLLMENT_CODE = "DEMO-ENROLL-0001"
A4_QUEUE = "kiosk_a4"


class RigError(Exception):
    """A part of the rig did not come up; the message says which."""


@dataclass
class CentralProcess:
    """The reference central as a child process; `url` is its base for the kiosk."""

    db_path: Path
    process: subprocess.Popen[str] | None = None
    url: str = ""

    def start(self, *extra: str) -> str:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "central", "serve", "--host", "127.0.0.1", "--port", "0",
             "--db", str(self.db_path), "--seed", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        prefix = "central listening on "
        if not line.startswith(prefix):
            self.stop()
            raise RigError(f"reference central did not start (said {line.strip()!r})")
        self.url = line[len(prefix):].strip() + "/kiosk/v1"
        return self.url

    @property
    def admin_url(self) -> str:
        return self.url.rsplit("/kiosk/v1", 1)[0] + "/admin"

    def counters(self) -> dict[str, Any]:
        """What the central itself has stored (GET /admin/counters), whatever a kiosk says."""
        answer = requests.get(self.admin_url + "/counters", timeout=10)
        answer.raise_for_status()
        return answer.json()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stdout:
            self.process.stdout.close()


def enrolled_kiosk(state_dir: Path, central_url: str, serial_number: str,
                   **sections: dict[str, Any]) -> tuple[Settings, Credentials]:
    """Settings for a kiosk on this machine that talks to `central_url`, enrolled there
    with the demo code; `sections` override or add settings by section."""
    wiring: dict[str, Any] = {
        "device": {"serial_number": serial_number, "ref_prefix": "K0107",
                   "state_dir": str(state_dir)},
        "central": {"url": central_url},
    }
    for section, values in sections.items():
        wiring.setdefault(section, {}).update(values)
    settings = load_settings(overrides=wiring)
    return settings, enroll(settings, DEMO_ENROLLMENT_CODE)


@contextmanager
def central_with_kiosk(folder: Path, serial_number: str) -> Iterator[tuple[CentralProcess,
                                                                        Credentials]]:
    """A seeded reference central in `folder` and a kiosk enrolled there, for as long as
    the block runs."""
    process = CentralProcess(folder / "central.sqlite3")
    url = process.start()
    try:
        yield process, enrolled_kiosk(folder / "state", url, serial_number)[1]
    finally:
        process.stop()


@dataclass
class DemoRig:
    workdir: Path
    receipts_dir: Path
    a4_dir: Path | None = None  # None: the kiosk has no A4 printer
    central: CentralProcess = field(init=False)
    reader: IdCardReaderEmulator = field(init=False)
    printer: NetworkPrinterEmulator = field(init=False)
    scanner: ScannerEmulator = field(init=False)
    cups: CupsDaemon | None = field(init=False, default=None)
    a4_output: Path | None = field(init=False, default=None)

    def _start_cups(self) -> dict[str, Any]:
        """A cupsd of the rig's own with a cups-pdf queue: the A4 printer's settings."""
        self.cups = CupsDaemon()
        self.cups.start()
        self.a4_output = self.cups.add_pdf_queue(A4_QUEUE)
        return {"queue": A4_QUEUE, "server": self.cups.server}

    def collect_a4(self) -> list[Path]:
        """Copy what the A4 queue printed into `a4_dir` as job-N.pdf (cups-pdf's own names
        carry stray bytes of its settings); the copies, in job order."""
        if self.a4_dir is None or self.a4_output is None:
            return []
        self.a4_dir.mkdir(parents=True, exist_ok=True)
        jobs = {int(found.group(1)): path for path in self.a4_output.glob("*.pdf")
                if (found := re.search(r"job_(\d+)\.pdf$", path.name))}
        return [Path(shutil.copy2(jobs[job], self.a4_dir / f"job-{job}.pdf"))
                for job in sorted(jobs)]

    def start(self, **overrides: Any) -> Settings:
        """Bring up every peer, enroll the kiosk, and return settings pointing at them."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.receipts_dir.mkdir(parents=True, exist_ok=True)
        self.central = CentralProcess(self.workdir / "central.sqlite3")
        url = self.central.start()
        self.reader = IdCardReaderEmulator()
        self.reader.start()
        self.printer = NetworkPrinterEmulator(self.receipts_dir)
        self.printer.start()
        self.scanner = ScannerEmulator().start()
        wiring: dict[str, Any] = {
            "idcard": {"port": self.reader.port, "poll_interval_s": 0.1},
            "printer": {"url": f"tcp://127.0.0.1:{self.printer.port}"},
            "scanner": {"port": self.scanner.port},
        }
        if self.a4_dir is not None:
            wiring["a4_printer"] = self._start_cups()
        for section, values in overrides.items():
            wiring.setdefault(section, {}).update(values)
        settings, _credentials = enrolled_kiosk(self.workdir / "state", url,
                                                "DEMO-KS2100-0107", **wiring)
        log.info("demo rig: central %s, reader %s, printer port %s",
                 url, self.reader.port, self.printer.port)
        return settings

    def place_card(self, slug: str) -> None:
        self.reader.place(DEMO_CARDS[slug])

    def remove_card(self) -> None:
        self.reader.remove()

    def scan_last_receipt(self) -> bool:
        """Show the newest printed QR code to the scanner; False when nothing has one."""
        for receipt in reversed(self.printer.receipts):
            codes = [block.data for block in receipt.document.blocks if isinstance(block, Qr)]
            if codes:
                self.scanner.scan(codes[0])
                return True
        return False

    def pay_with_phone(self, payment_id: str) -> bool:
        """The citizen scans the pay code with a phone and pays: the central's admin API
        plays the payment provider. False when the central refused (no such payment, or
        one that is no longer payable)."""
        reply = requests.post(f"{self.central.admin_url}/payments/{payment_id}/paid", timeout=5)
        return reply.status_code == 200

    @staticmethod
    def card_names() -> dict[str, str]:
        return {slug: card.name for slug, card in DEMO_CARDS.items()}

    def stop(self) -> None:
        for part in ("scanner", "printer", "reader", "central"):
            if hasattr(self, part):
                getattr(self, part).stop()
        if self.cups is not None:
            self.cups.stop()
