"""The nightly upkeep: what keeps a kiosk that runs for years from filling up or rotting.

Delivered personal data must go when its retention ends, the spool's
write-ahead log must be folded back, a damaged database must be noticed
before a technician needs it, the audit log must not grow without end, and
the catalog should be fresh for the morning. None of it may disturb a
citizen, so it runs once a night in a window of the configured local time,
only between visits: a visit in progress is waited for. What it did is
recorded (a `maintenance_done` event with counts, no personal data), and a
database that fails its check is reported everywhere a technician looks
(audit log, journal, the central's screen, `kiosk doctor`), never repaired
by deleting anything.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from kiosk.audit.log import AuditEvent, AuditLog
from kiosk.service.report_words import Phrase
from kiosk.settings.model import Settings
from offline_queue import Spool, SpoolError
from offline_queue.database import CACHE_SIZE_PRAGMA
from offline_queue.files import write_durably

log = logging.getLogger(__name__)

STATE_FILE = "maintenance.json"
QUICK_CHECK_OK = "ok"
# SQLite's first few problems say enough; a damaged file can list thousands.
PROBLEMS_KEPT = 3
Clock = Callable[[], datetime]


def quick_check(database: Path) -> str:
    """"ok", or the problems SQLite's quick_check names, on a connection of its own that
    only reads (the spool's own stays free for citizens' puts) and creates no file."""
    try:
        conn = sqlite3.connect(f"{database.absolute().as_uri()}?mode=rw", uri=True, timeout=30)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute(CACHE_SIZE_PRAGMA)  # the night's check reads every page: the same bound
        found = [row[0] for row in conn.execute(f"PRAGMA quick_check({PROBLEMS_KEPT})")]
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    if found == [QUICK_CHECK_OK]:
        return QUICK_CHECK_OK
    # one line per problem, without the "*** in database main ***" headings
    return "; ".join(line for row in found for line in row.splitlines()
                     if not line.startswith("***"))


@dataclass(frozen=True)
class LastRun:
    """What the last night's upkeep found, kept in the state folder for restarts and the doctor."""

    night: date
    finished_at: datetime
    quick_check: str

    @property
    def spool_intact(self) -> bool:
        return self.quick_check == QUICK_CHECK_OK

    @classmethod
    def load(cls, state_dir: Path) -> LastRun | None:
        """None before the first run; a file that cannot be read counts as no run."""
        try:
            data = json.loads((state_dir / STATE_FILE).read_bytes())
            return cls(night=date.fromisoformat(data["night"]),
                       finished_at=datetime.fromisoformat(data["finished_at"]),
                       quick_check=str(data["quick_check"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("maintenance: %s unreadable (%s); taken as never run", STATE_FILE, exc)
            return None

    def save(self, state_dir: Path) -> None:
        data = {"night": self.night.isoformat(), "finished_at": self.finished_at.isoformat(),
                "quick_check": self.quick_check}
        write_durably(state_dir / STATE_FILE, json.dumps(data).encode(), replace=True)


@dataclass(frozen=True)
class Upkeep:
    """One night's work, as the audit log records it: counts and outcomes only."""

    purged: int | None  # None: the purge failed (the journal says why)
    checkpointed: bool
    quick_check: str
    audit_rotated_to: str | None
    audit_files_removed: int

    def fields(self) -> dict[str, Any]:
        fields = asdict(self)
        fields["quick_check"] = "ok" if self.quick_check == QUICK_CHECK_OK else "failed"
        return fields


def describe_last(last: LastRun | None, at: time) -> Phrase:
    """When the upkeep last ran and what the spool check found, for the service screen and
    the doctor."""
    nightly = f"{at:%H:%M}"
    if last is None:
        return Phrase("upkeep_not_run", (nightly,))
    check = Phrase("check_ok") if last.spool_intact else Phrase("check_failed",
                                                                (last.quick_check,))
    return Phrase("upkeep_ran", (f"{last.finished_at:%Y-%m-%d %H:%M}", check, nightly))


def night_of(now: datetime, at: time, window: timedelta) -> date | None:
    """The night whose upkeep window `now` falls in (named by the day the window opens),
    or None outside every window."""
    opens = datetime.combine(now.date(), at, tzinfo=now.tzinfo)
    if now < opens:
        opens -= timedelta(days=1)
    return opens.date() if now < opens + window else None


class NightlyMaintenance:
    """Decides when the upkeep is due and does it; the core calls `run_if_due` between
    visits (and on a timer), on the flow's thread, so no visit can start meanwhile."""

    def __init__(self, settings: Settings, *, spool: Spool, spool_file: Path, audit: AuditLog,
                 refresh_catalog: Callable[[], None], clock: Clock) -> None:
        self._settings = settings
        self._state_dir = settings.device.state_dir
        self._spool = spool
        self._spool_file = spool_file
        self._audit = audit
        self._refresh_catalog = refresh_catalog
        self._clock = clock
        self.last = LastRun.load(self._state_dir)
        self._waiting_for: date | None = None  # the night whose run waits for a visit's end
        self.running = False

    @property
    def spool_problem(self) -> str | None:
        """What the last check found wrong with the spool database, until a check passes."""
        return None if self.last is None or self.last.spool_intact else self.last.quick_check

    def describe(self) -> Phrase:
        return describe_last(self.last, self._settings.maintenance.at)

    def due(self) -> date | None:
        """The night to run for now, or None (outside the window, or already done)."""
        window = self._settings.maintenance
        night = night_of(self._clock(), window.at, timedelta(minutes=window.window_minutes))
        if night is None or (self.last is not None and self.last.night >= night):
            return None
        return night

    def run_if_due(self, *, idle: bool) -> Upkeep | None:
        """Do tonight's upkeep if it is due and no visit is in progress; what was done."""
        night = self.due()
        if night is None:
            return None
        if not idle:
            if self._waiting_for != night:
                self._waiting_for = night
                log.info("maintenance: due; waiting for the visit in progress to end")
            return None
        self.running = True
        try:
            done = self._run()
        finally:
            self.running = False
        self.last = LastRun(night=night, finished_at=self._clock(),
                            quick_check=done.quick_check)
        try:
            self.last.save(self._state_dir)
        except OSError as exc:
            log.error("maintenance: %s not saved (%s); tonight's run may repeat", STATE_FILE, exc)
        self._audit.try_record(AuditEvent.MAINTENANCE_DONE, **done.fields())
        log.info("maintenance: done: %s", done.fields())
        return done

    def _run(self) -> Upkeep:
        log.info("maintenance: starting")
        purged = self._purge()
        checkpointed = self._checkpoint()
        problems = quick_check(self._spool_file)
        if problems != QUICK_CHECK_OK:
            log.error("maintenance: the spool database %s fails its check: %s. Nothing was "
                      "deleted (see 'A damaged spool' in docs/OPERATIONS.md)", self._spool_file,
                      problems)
            self._audit.try_record(AuditEvent.SPOOL_CHECK_FAILED, problems=problems)
        audit = self._settings.audit
        try:
            rotation = self._audit.rotate(max_bytes=int(audit.rotate_mb * 2**20),
                                        keep=audit.keep_files)
            rotated_to, removed = rotation.moved_to, rotation.removed
        except OSError as exc:
            log.error("maintenance: audit log not rotated: %s", exc)
            rotated_to, removed = None, 0
        self._refresh_catalog()
        return Upkeep(purged=purged, checkpointed=checkpointed, quick_check=problems,
                      audit_rotated_to=rotated_to, audit_files_removed=removed)

    def _purge(self) -> int | None:
        try:
            return self._spool.purge(self._clock())
        except (SpoolError, sqlite3.Error) as exc:
            log.error("maintenance: purge of delivered personal data failed: %s", exc)
            return None

    def _checkpoint(self) -> bool:
        try:
            self._spool.checkpoint()
        except (SpoolError, sqlite3.Error) as exc:
            log.error("maintenance: spool checkpoint failed: %s", exc)
            return False
        return True
