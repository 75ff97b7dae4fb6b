"""`kiosk doctor`: every check a technician would otherwise do by hand, in one run.

A technician at a kiosk that misbehaves needs to know in a minute which part
is at fault: the settings, a device, the network, the clock, the disk, the
spool or the catalog. Each check says what it found and, when it fails,
what to do; the exit status is 0 only when every check passed. The devices
are opened for the check, so run it with the kiosk app stopped
(`systemctl stop kiosk`), or the reader's answers go to the app instead.
"""

from __future__ import annotations

import email.utils
import shutil
import stat
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import serial

from drivers.a4 import A4Error
from drivers.idcard import IdCardError, connect
from drivers.printer import PrinterError
from kiosk.catalog.store import CatalogStore
from kiosk.printing.a4_printer import open_a4_printer
from kiosk.printing.printer import open_printer
from kiosk.service.maintenance import LastRun, describe_last
from kiosk.service.provisioning import client_for
from kiosk.settings.model import Settings
from kiosk.uplink.client import CentralError
from kiosk.uplink.credentials import FILE_NAME, load_credentials
from kiosk.uplink.documents import DocumentRefused, document_ca_names
from offline_queue import Spool

# Answers the ID-card reader is asked for to judge its line by (the reader's own window).
LINE_PROBES = 50
# More clock skew than this and the central's times, tickets and certificates disagree
# with the kiosk's; TLS certificates start failing at larger skews still.
MAX_SKEW_S = 60.0


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    detail: str


Check = Callable[[], Finding]


def run_checks(checks: Iterable[Check]) -> list[Finding]:
    """Each check's finding; a check that crashes is a failed finding, not a crash."""
    findings = []
    for check in checks:
        try:
            findings.append(check())
        except Exception as exc:  # the doctor must report, whatever a part does
            name = getattr(check, "__name__", "check").removeprefix("check_")
            findings.append(Finding(name, False, f"{type(exc).__name__}: {exc}"))
    return findings


@dataclass(frozen=True)
class _Checks:
    """The standard checks as methods of what they look at; a method's name names its
    finding even when the check crashes (run_checks)."""

    settings: Settings
    spool: Spool
    clock: Callable[[], datetime]

    @property
    def state(self) -> Path:
        return self.settings.device.state_dir

    def check_credentials(self) -> Finding:
        creds = load_credentials(self.state)
        if creds is None:
            return Finding("credentials", False, "not provisioned: run kiosk provision "
                                                 "--central URL --code CODE")
        mode = stat.S_IMODE((self.state / FILE_NAME).stat().st_mode)
        if mode & 0o077:
            return Finding("credentials", False, f"{self.state / FILE_NAME} is mode {mode:o}; "
                                                 "chmod 600 it")
        return Finding("credentials", True, f"device {creds.device_id}")

    def check_documents(self) -> Finding:
        """Whether this kiosk can verify signed A4 documents (it needs the document CA the
        central gives at enrollment since contract 1.1.0)."""
        creds = load_credentials(self.state)
        if creds is None or not creds.document_ca_pem:
            return Finding("documents", False, "no document CA: A4 documents cannot be "
                                               "verified, so none is offered; provision the "
                                               "kiosk again (kiosk provision)")
        try:
            names = document_ca_names(creds.document_ca_pem)
        except DocumentRefused as exc:
            return Finding("documents", False, f"{exc.detail}; provision the kiosk again")
        return Finding("documents", True, "A4 documents verified against " + "; ".join(names))

    def check_central(self) -> Finding:
        url = self.settings.central.url
        creds = load_credentials(self.state)
        client = client_for(self.settings, creds.token if creds else None)
        try:
            reply = client.probe()
        except CentralError as exc:
            return Finding("central", False, f"{url}: {exc}")
        finally:
            client.close()
        date = reply.headers.get("Date") or reply.headers.get("date")
        if not date:
            return Finding("central", True, f"{url} answered (no Date header)")
        central_now = email.utils.parsedate_to_datetime(date).astimezone(UTC)
        skew = (self.clock() - central_now).total_seconds()
        if abs(skew) > MAX_SKEW_S:
            way = "ahead of" if skew > 0 else "behind"
            return Finding("central", False, f"the kiosk's clock is {abs(skew):.0f} s {way} "
                                             "the central's; check NTP (timedatectl)")
        return Finding("central", True, f"{url} answered with the token; "
                                        f"clock skew {skew:+.0f} s")

    def check_printer(self) -> Finding:
        try:
            with open_printer(self.settings) as printer:
                status = printer.read_status()
        except PrinterError as exc:
            return Finding("printer", False, str(exc))
        return Finding("printer", status.usable, f"{self.settings.printer.url}: {status}")

    def check_a4_printer(self) -> Finding:
        printer = open_a4_printer(self.settings)
        if printer is None:
            return Finding("a4_printer", True, "none configured (a4_printer.queue is empty): "
                                               "A4 items are unavailable")
        try:
            status = printer.read_status()
        except A4Error as exc:
            return Finding("a4_printer", False, f"{exc}; is cupsd running "
                                                "(systemctl status cups)?")
        return Finding("a4_printer", status.usable, f"{printer.where}: {status}")

    def check_id_reader(self) -> Finding:
        port_name = self.settings.idcard.port
        try:
            port, session, rate = connect(port_name, self.settings.idcard.baud)
            with port:
                sam = session.sam_id()
                session.exercise(LINE_PROBES)
        except (IdCardError, serial.SerialException, OSError) as exc:
            return Finding("id_card_reader", False, f"{port_name}: {exc}")
        line = session.line.status()
        return Finding("id_card_reader", line.usable,
                       f"{port_name}: SAM {sam} at {rate} bps; line {line} "
                       f"({session.line.describe()}{'; check the cable' if line.detail else ''})")

    def check_scanner(self) -> Finding:
        port = self.settings.scanner.port
        if not port:
            return Finding("scanner", True, "none configured")
        present = Path(port).exists()
        return Finding("scanner", present, port if present else f"{port} does not exist; "
                                                                "is the scanner plugged in?")

    def check_disk(self) -> Finding:
        free = shutil.disk_usage(self.state).free
        floor = self.settings.spool.min_free_mb * 1024 * 1024
        return Finding("disk", free >= floor, f"{free // 2**20} MiB free in {self.state} "
                                              f"(new applications stop below "
                                              f"{self.settings.spool.min_free_mb} MiB)")

    def check_spool(self) -> Finding:
        stats, verdict = self.spool.stats(), self.spool.gate()
        detail = f"{stats.pending} pending, {stats.in_flight} in flight, {stats.dead} dead"
        aside = self.spool.set_aside()
        if aside:
            return Finding("spool", False, f"{detail}; a damaged database was set aside: "
                           f"{', '.join(p.name for p in aside)}; hand it with spool.key to "
                           "support (see 'A damaged spool' in OPERATIONS.md), then remove it")
        if stats.dead:
            return Finding("spool", False, detail + "; see kiosk spool list --state dead")
        if not verdict.open:
            return Finding("spool", False, f"{detail}; gate closed: {verdict.detail}")
        return Finding("spool", True, detail)

    def check_maintenance(self) -> Finding:
        """Last night's upkeep (opening the spool for the doctor checked its file already)."""
        last = LastRun.load(self.state)
        return Finding("maintenance", last is None or last.spool_intact,
                       str(describe_last(last, self.settings.maintenance.at)))

    def check_catalog(self) -> Finding:
        store = CatalogStore(self.state)
        cache = self.state / "catalog.json"
        if store.source != "cache" or not cache.exists():
            return Finding("catalog", False, "never fetched from the central: the bundled one "
                                             "is in use")
        age = self.clock().timestamp() - cache.stat().st_mtime
        stale = age > 2 * self.settings.sync.catalog_refresh_s
        return Finding("catalog", not stale, f"version {store.current().version}, "
                                             f"fetched {age / 3600:.1f} h ago")


def standard_checks(settings: Settings, spool: Spool,
                    clock: Callable[[], datetime]) -> list[Check]:
    checks = _Checks(settings, spool, clock)
    return [checks.check_credentials, checks.check_documents, checks.check_central,
            checks.check_printer, checks.check_a4_printer, checks.check_id_reader,
            checks.check_scanner, checks.check_disk, checks.check_spool,
            checks.check_maintenance, checks.check_catalog]


def as_text(findings: list[Finding]) -> str:
    return "\n".join(f"{'ok  ' if f.ok else 'FAIL'}  {f.check:<15} {f.detail}"
                     for f in findings)


def as_json(findings: list[Finding]) -> list[dict[str, object]]:
    return [asdict(f) for f in findings]
