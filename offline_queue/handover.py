"""The JSON-lines file a technician carries entries in, and its strict reader.

When a kiosk cannot deliver some entries (dead letters, a broken device), a
technician exports them decrypted for hand delivery, or imports them into
another spool. The file crosses hands, so every line is checked field by
field before anything is written, and the first bad line names itself.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from offline_queue.errors import SpoolImportError
from offline_queue.records import EntryState
from offline_queue.times import require_aware

FORMAT = "offline_queue.export/1"


@dataclass(frozen=True)
class HandoverRecord:
    """One entry as exported. `payload` is None when the spool no longer holds it (purged or
    unreadable)."""

    id: str
    local_ref: str
    item_code: str
    created_at: str
    state: str
    attempts: int
    last_error: str | None
    case_no: str | None
    case_status: str | None
    received_at: str | None
    payload: dict[str, Any] | None
    applicant_id: str | None
    problem: dict[str, Any] | None

    def __repr__(self) -> str:
        return f"HandoverRecord(id={self.id!r}, local_ref={self.local_ref!r}, state={self.state!r})"


_TEXT = (str,)
_OPTIONAL_TEXT = (str, type(None))
_OPTIONAL_OBJECT = (dict, type(None))
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "id": _TEXT, "local_ref": _TEXT, "item_code": _TEXT, "created_at": _TEXT, "state": _TEXT,
    "attempts": (int,), "last_error": _OPTIONAL_TEXT, "case_no": _OPTIONAL_TEXT,
    "case_status": _OPTIONAL_TEXT, "received_at": _OPTIONAL_TEXT, "payload": _OPTIONAL_OBJECT,
    "applicant_id": _OPTIONAL_TEXT, "problem": _OPTIONAL_OBJECT,
}


def to_line(record: HandoverRecord) -> str:
    """The record as one line of JSON (with its newline)."""
    return json.dumps({"format": FORMAT, **asdict(record)}, ensure_ascii=False) + "\n"


def parse_line(line: str, where: str) -> HandoverRecord:
    """A checked record from one line; SpoolImportError naming `where` (file:line) if bad."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SpoolImportError(f"{where}: not JSON ({exc.msg})") from None
    if not isinstance(data, dict) or data.pop("format", None) != FORMAT:
        raise SpoolImportError(f"{where}: not an {FORMAT} record")
    missing = _FIELD_TYPES.keys() - data.keys()
    unknown = data.keys() - _FIELD_TYPES.keys()
    if missing or unknown:
        raise SpoolImportError(f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}")
    for name, types in _FIELD_TYPES.items():
        if not isinstance(data[name], types) or isinstance(data[name], bool):
            raise SpoolImportError(f"{where}: field {name!r} has the wrong type")
    record = HandoverRecord(**data)
    _check_values(record, where)
    return record


def _check_values(record: HandoverRecord, where: str) -> None:
    try:
        canonical = str(uuid.UUID(record.id))
    except ValueError:
        canonical = None
    if canonical != record.id:
        raise SpoolImportError(f"{where}: id is not a lowercase UUID")
    if not record.local_ref or not record.item_code:
        raise SpoolImportError(f"{where}: local_ref and item_code must not be empty")
    try:
        require_aware(datetime.fromisoformat(record.created_at), "created_at")
    except ValueError:
        raise SpoolImportError(f"{where}: created_at is not an RFC 3339 time with offset") from None
    if record.state not in set(EntryState):
        raise SpoolImportError(f"{where}: unknown state {record.state!r}")
    if record.attempts < 0:
        raise SpoolImportError(f"{where}: attempts must not be negative")
    if record.payload is None and record.state not in (EntryState.DELIVERED, EntryState.DEAD):
        raise SpoolImportError(f"{where}: a {record.state} entry needs its payload")
    if record.state == EntryState.DELIVERED and not record.case_no:
        raise SpoolImportError(f"{where}: a delivered entry needs its case_no")
