"""Writing a run of `python -m bench --record` into docs/BENCHMARKS.md.

A figure means little without the machine it came from, the command that
made it and the code it measured, and a maintainer comparing two runs wants
to know what was committed in between. So each recorded run becomes a
section at the top of the file (newest first) with all of that, and a marker
naming its commit, from which the next run lists the commits since.
"""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "docs" / "BENCHMARKS.md"
MARKER = re.compile(r"<!-- bench-record commit=([0-9a-f]{7,40}) -->")


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True,
                          text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown processor"


def _memory_gib() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


def _system() -> str:
    try:
        release = platform.freedesktop_os_release()
        return release.get("PRETTY_NAME", release.get("NAME", platform.system()))
    except OSError:
        return platform.platform()


def machine() -> str:
    """One line: what the figures were measured on."""
    return (f"{os.cpu_count()} × {_cpu()}, {_memory_gib():.0f} GiB, {_system()}, "
            f"Python {platform.python_version()}, PySide6 {metadata.version('PySide6')}, "
            f"SQLite {sqlite3.sqlite_version}; load average at the end "
            + ", ".join(f"{n:.2f}" for n in os.getloadavg()))


def commit(folder: Path) -> str:
    """The commit measured, with `+changes` when the work tree differs from it."""
    head = _git(folder, "rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = _git(folder, "status", "--porcelain", "--untracked-files=no")
    return head + ("+changes" if dirty else "")


def changes_since(folder: Path, previous: str) -> list[str]:
    """The commits since the last recorded run, oldest first (one line each)."""
    return _git(folder, "log", "--reverse", "--format=%h %s", f"{previous}..HEAD").splitlines()


def section(command: str, outputs: dict[str, str], *, when: datetime, machine_line: str,
            measured: str, changes: list[str] | None) -> str:
    """The Markdown of one recorded run; `changes` None: no earlier recorded run."""
    lines = [f"## {when:%Y-%m-%d %H:%M} UTC — `{command}`", "",
             f"<!-- bench-record commit={measured.removesuffix('+changes')} -->",
             f"Machine: {machine_line}.", "",
             f"Commit measured: `{measured}`.", ""]
    if changes is None:
        lines.append("Changes since the last recorded run: none recorded before this one.")
    elif not changes:
        lines.append("Changes since the last recorded run: no commits.")
    else:
        lines.append("Changes since the last recorded run:")
        lines.extend(f"- {change}" for change in changes)
    for name, output in outputs.items():
        lines += ["", f"### {name}", "", "```", output.rstrip(), "```"]
    return "\n".join(lines) + "\n"


def insert(document: str, new_section: str) -> str:
    """`document` with `new_section` before its first section (newest first)."""
    at = document.find("\n## ")
    if at < 0:
        return document.rstrip("\n") + "\n\n" + new_section
    return document[:at + 1] + new_section + "\n" + document[at + 1:]


def last_recorded(document: str) -> str | None:
    found = MARKER.search(document)  # the newest is the first in the file
    return found.group(1) if found else None


def record(command: str, outputs: dict[str, str], path: Path = BENCHMARKS) -> Path:
    """Put this run's section at the top of `path`."""
    document = path.read_text(encoding="utf-8")
    previous = last_recorded(document)
    new = section(command, outputs, when=datetime.now(UTC), machine_line=machine(),
                  measured=commit(path.parent), changes=None if previous is None
                  else changes_since(path.parent, previous))
    path.write_text(insert(document, new), encoding="utf-8")
    return path
