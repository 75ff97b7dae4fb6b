"""Every way the spool refuses or fails, as its own exception type.

Callers (the visit flow, the sync worker, the technician CLI) must react
differently to "the gate is closed" (tell the citizen), "the disk is full"
(the submission was NOT received) and "this row was tampered with" (a
technician matter), so each gets a type instead of a bare sqlite3 error.
Messages never carry personal data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from offline_queue.gate import GateVerdict


class SpoolError(Exception):
    """Base class of everything the spool raises on purpose."""


class SpoolGateClosed(SpoolError):
    """New submissions are refused for now; `verdict.reason` is a stable code for the UI."""

    def __init__(self, verdict: GateVerdict) -> None:
        super().__init__(f"spool gate closed: {verdict.reason} ({verdict.detail})")
        self.verdict = verdict


class SpoolWriteFailed(SpoolError):
    """A write did not happen (disk full, I/O error); the database is unchanged and usable.

    `code` is "disk_full" or "io_error".
    """

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"spool write failed: {code} ({detail})")
        self.code = code


class SpoolHeld(SpoolError):
    """Another process (the running kiosk) owns the spool: this one may read it only."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "the running kiosk owns the spool" + (f" ({detail})" if detail else "")
            + "; use the technician screen, or stop the kiosk first (systemctl stop kiosk)")


class SpoolKeyError(SpoolError):
    """The key file is missing, unsafe, malformed or does not open this spool."""


class SpoolSchemaError(SpoolError):
    """The database was written by a newer version of the software."""


class SpoolIntegrityError(SpoolError):
    """A sealed row failed authentication: tampered, swapped or damaged on disk."""


class SpoolEntryNotFound(SpoolError, KeyError):
    """No entry has this id."""

    def __init__(self, entry_id: str) -> None:
        super().__init__(entry_id)
        self.entry_id = entry_id

    def __str__(self) -> str:
        return f"no spool entry has id {self.entry_id}"


class SpoolStateError(SpoolError):
    """The operation does not apply to the entry in its current state."""


class SpoolImportError(SpoolError):
    """An import file is malformed or conflicts with the spool; nothing was imported."""
