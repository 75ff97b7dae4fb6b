"""Reading what a process asked of the kernel, as Debian's strace writes it down.

A flush that is missing or comes too early cannot be seen from Python: the
page cache hides it from every test short of a power cut. The order of the
calls can be seen, though, and strace shows it as it happened: this runs a
command under strace and turns the trace into calls with the paths they
touched, cut into the phases the command marks by opening `@phase-NAME`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

TRACED = ("fsync", "fdatasync", "rename", "renameat", "renameat2", "link", "linkat",
          "openat", "pwrite64", "write", "unlink", "unlinkat")
FLUSHES = ("fsync", "fdatasync")
MOVES = ("rename", "renameat", "renameat2", "link", "linkat")
WRITES = ("write", "pwrite64")
_LINE = re.compile(r"^(?:\d+\s+)?(?P<name>\w+)\((?P<args>.*)\)\s+=\s+(?P<result>-?\d+)")
# a descriptor as `strace -y` shows it, `7</path>`, and a path given as a string
_PATH = re.compile(r'\b\d+<(?P<fd>[^>]*)>|"(?P<text>[^"]+)"')
_PHASE = "@phase-"


@dataclass(frozen=True)
class Call:
    """One system call that succeeded (or failed: `ok`), with the paths it named, in order."""

    name: str
    paths: tuple[str, ...]
    flags: str
    ok: bool

    def on(self, path: Path | str) -> bool:
        return str(path) in self.paths


def trace(command: Sequence[str], log: Path) -> list[Call]:
    """Run `command` to its end under strace (every thread and child) and read the calls."""
    strace = shutil.which("strace")
    assert strace, "strace is missing: run tools/setup.sh"
    done = subprocess.run([strace, "-f", "-y", "-qq", "-s", "0", "-e", "signal=none",
                           "-e", f"trace={','.join(TRACED)}", "-o", str(log), *command],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return [call for line in log.read_text().splitlines() if (call := _parse(line))]


def _parse(line: str) -> Call | None:
    found = _LINE.match(line)
    if found is None:
        return None
    args = found["args"]
    paths = tuple(m["fd"] or m["text"] for m in _PATH.finditer(args))
    return Call(found["name"], paths, args, not found["result"].startswith("-"))


def phases(calls: list[Call]) -> dict[str, list[Call]]:
    """The calls between each `@phase-NAME` mark and the next, by NAME."""
    cut: dict[str, list[Call]] = {}
    current: list[Call] = []
    for call in calls:
        marks = [path for path in call.paths if Path(path).name.startswith(_PHASE)]
        if call.name == "openat" and marks:
            current = cut.setdefault(Path(marks[0]).name[len(_PHASE):], [])
        else:
            current.append(call)
    return cut


def first(calls: list[Call], names: Sequence[str], *paths: Path | str) -> int:
    """Where the first successful call of one of `names` on all of `paths` is; -1 if none."""
    return next((i for i, call in enumerate(calls) if call.ok and call.name in names
                 and all(call.on(path) for path in paths)), -1)


def last(calls: list[Call], names: Sequence[str], *paths: Path | str) -> int:
    """Where the last successful call of one of `names` on all of `paths` is; -1 if none."""
    found = [i for i, call in enumerate(calls) if call.ok and call.name in names
             and all(call.on(path) for path in paths)]
    return found[-1] if found else -1


def flushed_after_last_write(calls: list[Call], path: Path) -> bool:
    """Whether `path` was written in these calls and flushed after its last write."""
    written = last(calls, WRITES, path)
    return written >= 0 and last(calls, FLUSHES, path) > written
