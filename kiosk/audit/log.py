"""The kiosk's audit log: what happened on this device, in order, and proof it was not changed.

A city must be able to answer "what did this kiosk do that night" years
later, and to trust the answer. Each event is one JSON line in the state
folder, numbered, timed with its offset and chained to the line before by
SHA-256, so an edit, a deletion, a reordering or an insertion shows as the
first line whose chain breaks. Removing lines from the end breaks no chain,
so a small anchor file beside the log holds the last number and hash. The
chain has no key: it catches changes by anyone who does not also rewrite
everything after the change and the anchor, which is what an auditor of a
kiosk in a public hall needs to rule out.

No personal data goes in: a local reference identifies a submission, and a
value that looks like an ID number, a credit code, a phone number or a name
of the visit in progress is refused with an error, so a developer who adds
one finds out in the first test run.

Each line is the canonical JSON (keys sorted, no spaces, UTF-8) of one
record: `seq` (1, 2, ...), `time` (ISO 8601 with offset), `event` (one of
AuditEvent), `fields` (plain values), `prev` (the hex SHA-256 of the previous
line's bytes without its newline; GENESIS for the first) and `hash` (the hex
SHA-256 of the record's canonical JSON without `hash`). The anchor,
`<log>.anchor`, is {"seq": last seq, "hash": last hash}, replaced atomically
after each append.

A crash can cut the last line short. Opening the log moves such a tail to a
side file (kept, never deleted), continues the chain from the last whole
line and records that it did so, as it does when the log ends before its
anchor: a repair is itself an event of the chain.

The log grows for years, so the nightly upkeep rotates it: the live file
keeps its name and its lines move to `<log>.NNNNNNNNNN`, named by the seq of
their first record, and the new live file starts with an `audit_log_rotated`
record chained to the last line of the file before, naming that file. The
chain is one chain across the files: a missing middle file breaks it where
the file after it begins, and only the oldest files, deleted by the
retention setting, may be missing, as the first file's first record then
says where the chain came from.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from kiosk.audit.masking import VISIT_NAMES, VisitNames, personal_data_in
from offline_queue.files import sync_directory, write_durably

log = logging.getLogger(__name__)
FILE_NAME = "audit.jsonl"
GENESIS = "0" * 64
"""The `prev` of the first line: no line comes before it."""
MAX_VALUE_CHARS = 200
"""A field is a detail (a reference, a code, a count), not a payload: longer text is cut
(after it was checked whole), so a long error message cannot fail the event."""
FieldValue = str | int | float | bool | None
Clock = Callable[[], datetime]

_KEYS = frozenset({"seq", "time", "event", "fields", "prev", "hash"})
_PERSONAL_KEYS = frozenset({"name", "id_number", "phone", "address", "birth_date",
                            "applicant", "applicant_id"})
# Identifiers the kiosk or the central issued: checked for their form, not for what they
# look like, since a case number of 18 digits is shaped like an ID number and a short Latin
# name can be a word of an item code. Nothing but these characters can carry a name.
IDENTIFIER_FIELDS = frozenset({"local_ref", "case_no", "item_code", "device_id",
                               "command_id"})
_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}")
_BLOCK = 64 * 1024


class AuditEvent(StrEnum):
    """Everything the audit log records; the values are stable, as auditors search for them."""

    APP_STARTED = "app_started"
    APP_STOPPED = "app_stopped"
    PROVISIONED = "provisioned"
    VISIT_STARTED = "visit_started"
    VISIT_ENDED = "visit_ended"
    SUBMISSION_SPOOLED = "submission_spooled"
    SUBMISSION_DELIVERED = "submission_delivered"
    SUBMISSION_DEAD = "submission_dead"
    PAYMENT_PAID_VISIT_ENDED = "payment_paid_visit_ended"
    PAYMENT_UNDELIVERED = "payment_undelivered"
    PAYMENT_CLEARED = "payment_cleared"
    PERSONAL_DATA_PURGED = "personal_data_purged"
    TECHNICIAN_LOGIN = "technician_login"
    TECHNICIAN_LOGIN_FAILED = "technician_login_failed"
    TECHNICIAN_ACTION = "technician_action"
    DEVICE_STATUS_CHANGED = "device_status_changed"
    COMMAND_EXECUTED = "command_executed"
    CONFIG_CHANGED = "config_changed"
    AUDIT_LOG_REPAIRED = "audit_log_repaired"
    AUDIT_LOG_ROTATED = "audit_log_rotated"
    MAINTENANCE_DONE = "maintenance_done"
    SPOOL_CHECK_FAILED = "spool_check_failed"
    SPOOL_SET_ASIDE = "spool_set_aside"
    DOCUMENT_REFUSED = "document_refused"
    # the central or a technician took the kiosk out of service (`by`, and `back_at` if
    # known), or lifted its own order (`still_out_by`: whose order still stands)
    OUT_OF_SERVICE_SET = "out_of_service_set"
    OUT_OF_SERVICE_LIFTED = "out_of_service_lifted"


_EVENTS = frozenset(event.value for event in AuditEvent)
_SEQ_DIGITS = 10


class PersonalDataRefused(ValueError):
    """A caller tried to put personal data in the audit log: a bug, to be fixed where it is."""


def audit_path(state_dir: Path) -> Path:
    return state_dir / FILE_NAME


def anchor_path(path: Path) -> Path:
    return path.with_name(path.name + ".anchor")


def rotated_path(path: Path, first_seq: int) -> Path:
    return path.with_name(f"{path.name}.{first_seq:0{_SEQ_DIGITS}d}")


def rotated_files(path: Path) -> list[Path]:
    """The rotated files of the log at `path`, oldest first. A file that is the live log
    under a second name (a rotation cut short by a crash) is the live log, not one of them."""
    pattern = re.compile(re.escape(path.name) + rf"\.\d{{{_SEQ_DIGITS}}}")
    found = sorted(p for p in path.parent.glob(f"{path.name}.*") if pattern.fullmatch(p.name))
    live = path.stat() if path.exists() else None
    return [p for p in found if live is None or not os.path.samestat(p.stat(), live)]


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _record_hash(record: dict[str, Any]) -> str:
    return _digest(_canonical({key: value for key, value in record.items() if key != "hash"}))


def parse_line(line: bytes) -> dict[str, Any] | None:
    """A whole line's record; None for a line cut short or not a record at all."""
    if not line.endswith(b"\n"):
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not (isinstance(record, dict) and isinstance(record.get("seq"), int)):
        return None
    return record


def _reversed_lines(fd: int, end: int) -> Iterator[tuple[int, bytes]]:
    """(offset, line) from the last line of the file back to the first, each with its newline
    (the last may have none); reads blocks from the end, as the log grows for years."""
    buffer, start = b"", end
    while start > 0:
        step = min(_BLOCK, start)
        start -= step
        buffer = os.pread(fd, step, start) + buffer
        cut = buffer.rfind(b"\n", 0, len(buffer) - 1)
        while cut >= 0:
            yield start + cut + 1, buffer[cut + 1:]
            buffer = buffer[:cut + 1]
            cut = buffer.rfind(b"\n", 0, len(buffer) - 1)
    if buffer:
        yield 0, buffer


def tail_lines(path: Path, count: int) -> list[bytes]:
    """The last `count` lines of the log, oldest first, as stored: from the rotated files
    too when the live one holds fewer."""
    lines: list[bytes] = []
    for file in [path, *reversed(rotated_files(path))]:
        fd = os.open(file, os.O_RDONLY | os.O_CLOEXEC)
        try:
            for _, line in _reversed_lines(fd, os.fstat(fd).st_size):
                if len(lines) == count:
                    return lines[::-1]
                lines.append(line)
        finally:
            os.close(fd)
    return lines[::-1]


def _first_line(fd: int) -> bytes:
    """The file's first line with its newline (all of it if it has none)."""
    data, offset = b"", 0
    while b"\n" not in data:
        block = os.pread(fd, _BLOCK, offset)
        if not block:
            return data
        data, offset = data + block, offset + len(block)
    return data[:data.index(b"\n") + 1]


@dataclass(frozen=True)
class _Anchor:
    seq: int
    hash: str


def _read_anchor(path: Path) -> _Anchor | None:
    """None when there is none; ValueError when it is not an anchor."""
    try:
        data = json.loads(path.read_bytes())
        return _Anchor(seq=int(data["seq"]), hash=str(data["hash"]))
    except FileNotFoundError:
        return None
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"{path} is not an anchor") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _checked_fields(fields: dict[str, Any], names: VisitNames) -> dict[str, FieldValue]:
    checked: dict[str, FieldValue] = {}
    for key, value in fields.items():
        if key in _PERSONAL_KEYS:
            raise PersonalDataRefused(f"audit field {key!r}: the audit log takes no personal "
                                      "data; record the local reference instead")
        if not isinstance(value, str | int | float | bool | None):
            raise TypeError(f"audit field {key!r}: {type(value).__name__} is not a plain value")
        if key in IDENTIFIER_FIELDS:
            if not isinstance(value, str) or not _IDENTIFIER.fullmatch(value):
                raise PersonalDataRefused(f"audit field {key!r} is not an identifier (letters, "
                                          "digits and . _ : / - only, at most 64)")
            checked[key] = value
            continue
        kind = personal_data_in(str(value), names)
        if kind is not None:
            raise PersonalDataRefused(f"audit field {key!r} holds what looks like a "
                                      f"{kind.replace('_', ' ')}: the audit log takes no "
                                      "personal data; record the local reference instead")
        if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
            value = value[:MAX_VALUE_CHARS - 1] + "…"
        checked[key] = value
    return checked


class AuditLog:
    """Appends events to the log durably, from any thread and from more than one process.

    Each append is written whole, fsynced and then anchored; threads are
    serialised by a lock and processes (the app and a technician's command)
    by an flock, and a process that finds the file grown since its own last
    append continues the chain from what the other wrote, as it follows the
    log to its new file when another rotated it.
    """

    def __init__(self, path: Path, clock: Clock, *, names: VisitNames = VISIT_NAMES) -> None:
        self.path = path
        self._anchor = anchor_path(path)
        self._clock = clock
        self._names = names
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = self._open_live()
        self._end = -1  # where our last append ended; any other size means "read the tail"
        self._seq = 0
        self._prev = GENESIS
        with self._exclusive():
            pass  # entering reads the tail and repairs what a crash left

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the file; closing twice is harmless (a `with` and an explicit close)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def record(self, event: AuditEvent, /, **fields: FieldValue) -> dict[str, Any]:
        """Append one event and return its record.

        Raises PersonalDataRefused for a field that names or identifies a
        citizen, and OSError when the disk refuses (nothing half-written stays).
        """
        checked = _checked_fields(fields, self._names)
        with self._exclusive():
            return self._append(AuditEvent(event), checked)

    def try_record(self, event: AuditEvent, /, **fields: FieldValue) -> None:
        """record(), for what has already happened: a submission spooled, a delivery marked.
        Its failure is logged and goes no further, so that a disk that refuses, or a field
        the log refuses (a bug, logged as one, without its value), can never turn something
        done into something a citizen is told failed, nor stop a delivery round."""
        try:
            self.record(event, **fields)
        except OSError as exc:
            log.error("audit: %s not recorded: %s", AuditEvent(event).value, exc)
        except (PersonalDataRefused, TypeError) as exc:
            log.error("audit: %s not recorded, a field was refused (a bug): %s",
                      AuditEvent(event).value, exc)

    def try_record_named(self, name: str, /, **fields: FieldValue) -> None:
        """try_record() for the parts that name their events by string and import nothing
        of the audit log (the visit flow, the sync worker)."""
        self.try_record(AuditEvent(name), **fields)

    def rotate(self, *, max_bytes: int, keep: int) -> Rotation:
        """Move the live file aside once it holds `max_bytes` or more, then delete the
        oldest rotated files beyond `keep`."""
        with self._exclusive():
            moved = self._rotate() if self._end >= max_bytes and self._seq else None
            files = rotated_files(self.path)
            expired = files[:max(0, len(files) - keep)]
            for old in expired:
                old.unlink()
            if expired:
                sync_directory(self.path.parent)
        return Rotation(moved_to=moved, removed=len(expired))

    def _open_live(self) -> int:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
        sync_directory(self.path.parent)
        return fd

    def _lock_live(self) -> None:
        """Lock the file that is the log now: another process may have rotated it away."""
        while True:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            with contextlib.suppress(FileNotFoundError):
                if os.path.samestat(os.stat(self.path), os.fstat(self._fd)):
                    return
            os.close(self._fd)  # and with it the lock on the file that is no longer the log
            self._fd, self._end = self._open_live(), -1

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        with self._lock:
            self._lock_live()
            try:
                if os.fstat(self._fd).st_size != self._end:
                    self._catch_up()
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _rotate(self) -> str:
        """Give the live file its rotated name, then put a new live file in its place whose
        first record continues the chain; the log's name never points at no file, so no
        other writer can start a chain of its own in between."""
        first = parse_line(_first_line(self._fd))
        moved = rotated_path(self.path, first["seq"] if first else self._seq)
        try:
            os.link(self.path, moved)
        except FileExistsError:  # a rotation cut short left it: it is this file
            if not os.path.samestat(os.stat(moved), os.fstat(self._fd)):
                raise
        fresh = self.path.with_name(self.path.name + ".rotating")
        fresh.unlink(missing_ok=True)
        fd = os.open(fresh, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_CLOEXEC,
                     0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        old, old_end = self._fd, self._end
        self._fd, self._end = fd, 0

        def publish() -> None:
            os.replace(fresh, self.path)
            sync_directory(self.path.parent)

        try:
            self._append(AuditEvent.AUDIT_LOG_ROTATED,
                         {"previous_file": moved.name, "previous_seq": self._seq},
                         publish=publish)
        except BaseException:
            self._fd, self._end = old, old_end
            os.close(fd)
            fresh.unlink(missing_ok=True)
            raise
        os.close(old)
        return moved.name

    def _catch_up(self) -> None:
        """Continue from the file as it is now: grown by another process, or cut by a crash."""
        try:
            anchor = _read_anchor(self._anchor)
        except ValueError:
            anchor = None  # rewritten whole by the next append; verify() reports it until then
        size = os.fstat(self._fd).st_size
        self._end, self._seq, self._prev = 0, 0, GENESIS
        for offset, line in _reversed_lines(self._fd, size):
            record = parse_line(line)
            if record is not None:
                self._end, self._seq = offset + len(line), record["seq"]
                self._prev = _digest(line[:-1])
                break
        last_whole = self._seq
        if self._end < size:
            self._set_aside_torn(size)
        if anchor is not None and anchor.seq > last_whole:
            # recorded now, as the next append rewrites the anchor that shows it
            self._append(AuditEvent.AUDIT_LOG_REPAIRED, {
                "reason": "ends_before_anchor", "anchor_seq": anchor.seq,
                "after_seq": last_whole})

    def _set_aside_torn(self, size: int) -> None:
        """Move what follows the last whole line to a side file, then cut it off the log."""
        torn = os.pread(self._fd, size - self._end, self._end)
        number = 1
        while True:
            side = self.path.with_name(f"{self.path.name}.torn-{number}")
            try:
                write_durably(side, torn, replace=False)
                break
            except FileExistsError:
                number += 1
        os.ftruncate(self._fd, self._end)
        os.fsync(self._fd)
        self._append(AuditEvent.AUDIT_LOG_REPAIRED, {
            "reason": "torn_write", "moved_to": side.name, "bytes": len(torn),
            "after_seq": self._seq})

    def _append(self, event: AuditEvent, fields: dict[str, FieldValue], *,
                publish: Callable[[], None] | None = None) -> dict[str, Any]:
        """Write one record and anchor it; `publish` runs once the line is on disk, before
        anything else learns of it (a rotation gives the new file the log's name there)."""
        now = self._clock()
        if now.utcoffset() is None:
            raise ValueError("the audit log's clock must give times with their UTC offset")
        record: dict[str, Any] = {"seq": self._seq + 1,
                                  "time": now.isoformat(timespec="milliseconds"),
                                  "event": event.value, "fields": fields, "prev": self._prev}
        record["hash"] = _record_hash(record)
        line = _canonical(record)
        try:
            _write_all(self._fd, line + b"\n")
            os.fsync(self._fd)
        except OSError:
            with contextlib.suppress(OSError):  # else the next open sets the torn line aside
                os.ftruncate(self._fd, self._end)
            raise
        if publish is not None:
            publish()
        self._end += len(line) + 1
        self._seq, self._prev = record["seq"], _digest(line)
        write_durably(self._anchor, _canonical({"seq": self._seq, "hash": record["hash"]}),
                      replace=True)
        return record


@dataclass(frozen=True)
class Rotation:
    """What AuditLog.rotate did: the name the live file's lines moved to, if they did, and
    how many of the oldest rotated files were deleted."""

    moved_to: str | None
    removed: int


@dataclass(frozen=True)
class VerifyResult:
    """The verdict on a log: `line` is the first bad line (1-based) of the live file, or of
    the rotated file `file`; None when the log as a whole is at fault (its anchor).
    `records` counts the good lines before the fault."""

    ok: bool
    records: int
    reason: str = ""
    line: int | None = None
    repairs: int = 0
    """audit_log_repaired events in an intact log: worth a look, though the chain holds."""
    file: str | None = None
    files: int = 1
    first_seq: int = 1
    """Above 1 when the oldest files were deleted by rotation: the chain is checked from here."""

    def __str__(self) -> str:
        if self.ok:
            files = f" in {self.files} files" if self.files > 1 else ""
            start = (f", from seq {self.first_seq} (older files were deleted by rotation)"
                     if self.first_seq > 1 else "")
            repairs = f", {self.repairs} repair(s) recorded" if self.repairs else ""
            return f"intact: {self.records} records{files}{start}{repairs}"
        where = f"{self.file} " if self.file else ""
        where += f"line {self.line}: " if self.line is not None else ""
        return f"NOT intact after {self.records} good records: {where}{self.reason}"


class _Fault(Exception):
    """What is wrong with a line, in words for the technician."""


def _checked_line(line: bytes) -> dict[str, Any]:
    """The record of a line written as the kiosk writes it, before its place is checked."""
    if not line.endswith(b"\n"):
        raise _Fault("cut short (no newline): a write was interrupted; the kiosk sets it aside "
                     "when it next opens the log")
    try:
        record = json.loads(line)
    except ValueError:
        raise _Fault("not JSON") from None
    if not isinstance(record, dict) or set(record) != _KEYS:
        raise _Fault("not an audit record")
    if _canonical(record) != line[:-1]:
        raise _Fault("not in the form the kiosk writes: changed by hand")
    if record["hash"] != _record_hash(record):
        raise _Fault("its hash does not match its content: the line was changed")
    return record


@dataclass
class _Chain:
    """How far verify() has followed the chain, across the files."""

    seq: int | None = None  # of the last good record; None before the first
    prev: str = GENESIS
    records: int = 0
    repairs: int = 0
    first_seq: int = 1
    file: str = ""  # the file before the one being read

    def check(self, record: dict[str, Any], first_in_file: bool) -> None:
        rotated = first_in_file and record["event"] == AuditEvent.AUDIT_LOG_ROTATED
        if self.seq is None and rotated:  # the files before it were deleted by rotation
            self.first_seq = record["seq"]
        elif self.seq is None:
            due = 1
        else:
            due = self.seq + 1
            before = record["fields"].get("previous_file") if rotated else None
            if before not in (None, self.file) and record["seq"] != due:
                raise _Fault(f"{before} is missing: this file continues from its seq "
                             f"{record['fields'].get('previous_seq')}, and the file before it "
                             f"ends at seq {self.seq}")
        if self.seq is not None or not rotated:
            if record["seq"] != due:
                raise _Fault(f"seq {record['seq']} where {due} was due: a line was deleted, "
                             "inserted or moved")
            if record["prev"] != self.prev:
                raise _Fault("prev does not match the line before it: that line was changed "
                             "or replaced")
        if record["event"] not in _EVENTS:
            raise _Fault(f"unknown event {record['event']!r}")


def verify(path: Path) -> VerifyResult:
    """Check every line of the log's files in order, and the anchor; stop at the first fault
    and name it."""
    if not path.exists():
        return VerifyResult(ok=False, records=0, reason=f"no audit log at {path}")
    try:
        anchor = _read_anchor(anchor_path(path))
        files = [*rotated_files(path), path]
    except (OSError, ValueError) as exc:
        return VerifyResult(ok=False, records=0, reason=str(exc))
    chain = _Chain()
    for file in files:
        try:
            opened = file.open("rb")
        except OSError as exc:
            return VerifyResult(ok=False, records=chain.records, reason=str(exc))
        with opened:
            for number, line in enumerate(opened, start=1):
                try:
                    record = _checked_line(line)
                    chain.check(record, number == 1)
                    if file == path and anchor is not None and record["seq"] == anchor.seq \
                            and record["hash"] != anchor.hash:
                        raise _Fault("not the line its anchor recorded: the log was rewritten "
                                     "from here")
                except _Fault as fault:
                    return VerifyResult(ok=False, records=chain.records, reason=str(fault),
                                        line=number, file=None if file == path else file.name)
                chain.repairs += record["event"] == AuditEvent.AUDIT_LOG_REPAIRED
                chain.seq, chain.prev = record["seq"], _digest(line[:-1])
                chain.records += 1
        chain.file = file.name
    end = chain.seq or 0
    if anchor is None and end:
        return VerifyResult(ok=False, records=chain.records, reason=(
            f"{anchor_path(path).name} is missing: lines removed from the end would not show"))
    if anchor is not None and anchor.seq > end:
        return VerifyResult(ok=False, records=chain.records, reason=(
            f"the log ends at seq {end} but its anchor records seq {anchor.seq}: "
            f"{anchor.seq - end} line(s) were removed from the end"))
    return VerifyResult(ok=True, records=chain.records, repairs=chain.repairs,
                        files=len(files), first_seq=chain.first_seq)
