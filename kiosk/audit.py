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
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from kiosk.log_masking import VISIT_NAMES, VisitNames, personal_data_in
from offline_queue.files import sync_directory, write_durably

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
    PERSONAL_DATA_PURGED = "personal_data_purged"
    TECHNICIAN_LOGIN = "technician_login"
    TECHNICIAN_LOGIN_FAILED = "technician_login_failed"
    TECHNICIAN_ACTION = "technician_action"
    DEVICE_STATUS_CHANGED = "device_status_changed"
    COMMAND_EXECUTED = "command_executed"
    CONFIG_CHANGED = "config_changed"
    AUDIT_LOG_REPAIRED = "audit_log_repaired"


_EVENTS = frozenset(event.value for event in AuditEvent)


class PersonalDataRefused(ValueError):
    """A caller tried to put personal data in the audit log: a bug, to be fixed where it is."""


def audit_path(state_dir: Path) -> Path:
    return state_dir / FILE_NAME


def anchor_path(path: Path) -> Path:
    return path.with_name(path.name + ".anchor")


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _record_hash(record: dict[str, Any]) -> str:
    return _digest(_canonical({key: value for key, value in record.items() if key != "hash"}))


def _parse(line: bytes) -> dict[str, Any] | None:
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
    """The last `count` lines of the log, oldest first, as stored."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        lines = []
        for _, line in _reversed_lines(fd, os.fstat(fd).st_size):
            if len(lines) == count:
                break
            lines.append(line)
    finally:
        os.close(fd)
    return lines[::-1]


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
    append continues the chain from what the other wrote.
    """

    def __init__(self, path: Path, clock: Clock, *, names: VisitNames = VISIT_NAMES) -> None:
        self.path = path
        self._anchor = anchor_path(path)
        self._clock = clock
        self._names = names
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
        sync_directory(path.parent)
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

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        with self._lock:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                if os.fstat(self._fd).st_size != self._end:
                    self._catch_up()
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _catch_up(self) -> None:
        """Continue from the file as it is now: grown by another process, or cut by a crash."""
        try:
            anchor = _read_anchor(self._anchor)
        except ValueError:
            anchor = None  # rewritten whole by the next append; verify() reports it until then
        size = os.fstat(self._fd).st_size
        self._end, self._seq, self._prev = 0, 0, GENESIS
        for offset, line in _reversed_lines(self._fd, size):
            record = _parse(line)
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

    def _append(self, event: AuditEvent, fields: dict[str, FieldValue]) -> dict[str, Any]:
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
        self._end += len(line) + 1
        self._seq, self._prev = record["seq"], _digest(line)
        write_durably(self._anchor, _canonical({"seq": self._seq, "hash": record["hash"]}),
                      replace=True)
        return record


@dataclass(frozen=True)
class VerifyResult:
    """The verdict on a log: `line` is the first bad line (1-based), None when the log as a
    whole is at fault (its anchor); `records` counts the good lines before the fault."""

    ok: bool
    records: int
    reason: str = ""
    line: int | None = None
    repairs: int = 0
    """audit_log_repaired events in an intact log: worth a look, though the chain holds."""

    def __str__(self) -> str:
        if self.ok:
            repairs = f", {self.repairs} repair(s) recorded" if self.repairs else ""
            return f"intact: {self.records} records{repairs}"
        where = f"line {self.line}: " if self.line is not None else ""
        return f"NOT intact after {self.records} good records: {where}{self.reason}"


class _Fault(Exception):
    """What is wrong with a line, in words for the technician."""


def _checked_line(line: bytes, number: int, prev: str) -> dict[str, Any]:
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
    if record["seq"] != number:
        raise _Fault(f"seq {record['seq']} where {number} was due: a line was deleted, "
                     "inserted or moved")
    if record["prev"] != prev:
        raise _Fault("prev does not match the line before it: that line was changed or replaced")
    if record["event"] not in _EVENTS:
        raise _Fault(f"unknown event {record['event']!r}")
    return record


def verify(path: Path) -> VerifyResult:
    """Check every line of the log and the anchor; stop at the first fault and name it."""
    try:
        anchor = _read_anchor(anchor_path(path))
        log = path.open("rb")
    except FileNotFoundError:
        return VerifyResult(ok=False, records=0, reason=f"no audit log at {path}")
    except (OSError, ValueError) as exc:
        return VerifyResult(ok=False, records=0, reason=str(exc))
    prev, count, repairs = GENESIS, 0, 0
    with log:
        for number, line in enumerate(log, start=1):
            try:
                record = _checked_line(line, number, prev)
                if anchor is not None and number == anchor.seq and record["hash"] != anchor.hash:
                    raise _Fault("not the line its anchor recorded: the log was rewritten from "
                                 "here")
            except _Fault as fault:
                return VerifyResult(ok=False, records=count, reason=str(fault), line=number)
            repairs += record["event"] == AuditEvent.AUDIT_LOG_REPAIRED
            prev, count = _digest(line[:-1]), number
    if anchor is None and count:
        return VerifyResult(ok=False, records=count, reason=(
            f"{anchor_path(path).name} is missing: lines removed from the end would not show"))
    if anchor is not None and anchor.seq > count:
        return VerifyResult(ok=False, records=count, reason=(
            f"the log ends at seq {count} but its anchor records seq {anchor.seq}: "
            f"{anchor.seq - count} line(s) were removed from the end"))
    return VerifyResult(ok=True, records=count, repairs=repairs)
