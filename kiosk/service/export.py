"""Exporting the spool for hand delivery: one way for the CLI and the service screen.

Dead entries (refused by the central) and, before a kiosk is re-provisioned
or carried away, everything not yet delivered must leave it as files a
person can hand over. The CLI writes to a file a technician names over SSH;
the service screen writes to the configured export folder, a USB stick's
mount point or the state folder, so a technician at the kiosk needs no
keyboard. Both go through `export_state`, so the file, its mode and the
warning it comes with are the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.service.report_words import Phrase, listed
from kiosk.settings.model import Settings
from offline_queue import EntryState, Spool

UNDELIVERED = (EntryState.PENDING, EntryState.IN_FLIGHT, EntryState.DEAD)
DEFAULT_DIR = "export"
HANDLING = str(Phrase("export_handling"))


class ExportRefused(Exception):
    """The export folder cannot take an export now; `said` tells the technician what to do."""

    def __init__(self, said: Phrase) -> None:
        super().__init__(str(said))
        self.said = said


@dataclass(frozen=True)
class Exported:
    state: EntryState
    count: int
    path: Path

    def __str__(self) -> str:
        return f"{self.count} {self.state.value} entries written to {self.path} ({HANDLING})"


def export_state(spool: Spool, out: Path, state: EntryState) -> Exported:
    """Write the entries in `state` to the new file `out` (FileExistsError if it exists)."""
    return Exported(state, spool.export(out, state=state), out)


def export_folder(settings: Settings) -> Path:
    """Where the service screen exports: the configured folder, which must have a medium
    mounted on it (else the files would land on the kiosk's own disk, unsealed), or the
    state folder's export/, created only the kiosk may read."""
    configured = settings.technician.export_dir
    if configured:
        folder = Path(configured)
        if not os.path.ismount(folder):
            raise ExportRefused(Phrase("export_unmounted", (str(folder),)))
        return folder
    folder = settings.device.state_dir / DEFAULT_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def export_to_folder(spool: Spool, settings: Settings, states: tuple[EntryState, ...],
                     now: datetime) -> list[Exported]:
    """One file per state that holds entries, named by the kiosk's reference prefix, the
    state and the time: `K0107-dead-20261124T101500.jsonl`."""
    folder = export_folder(settings)
    counts = spool.stats()
    held = [state for state in states if getattr(counts, state.value) > 0]
    stamp = f"{now:%Y%m%dT%H%M%S}"
    return [export_state(spool, folder / f"{settings.device.ref_prefix}-{state.value}-{stamp}"
                                          ".jsonl", state)
            for state in held]


def describe(done: list[Exported], states: tuple[EntryState, ...]) -> Phrase:
    """The service screen's line for an export: how many entries, in which files."""
    if not done:
        return Phrase("export_nothing", (listed([_state(s) for s in states], "either"),))
    files = listed([Phrase("export_file", (e.path.name, e.count, _state(e.state))) for e in done])
    return Phrase("export_done", (sum(e.count for e in done), str(done[0].path.parent), files,
                                  Phrase("export_handling")))


def _state(state: EntryState) -> Phrase:
    return Phrase(f"entry_{state.value}")
