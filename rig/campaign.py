"""What the kill campaigns share, in the suite and in bench/: power cuts, made on purpose.

A kiosk's promise (a confirmed submission reaches the central exactly once) is
tested by killing its processes at random points and looking at what is left.
The suite runs short campaigns, `python -m bench.kill_campaign` a long one; both
spool submissions the reference central accepts, hand a `kiosk` child its
site file, and kill children with SIGKILL once they have reported enough. The
child's own output is the only synchronisation, so a kill lands wherever the
child happens to be, as a power cut would.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KIOSK = Path(sys.executable).with_name("kiosk")  # the console script of this environment
SENIOR_CARD = "440106-MZJ-001"
SENIOR_ID_NUMBER = "110101195603080020"
# what `kiosk sync --once` logs once a delivery is committed to the spool
DELIVERED = re.compile(r"sync: (\S+) delivered as (\S+)$")


def senior_card_payload(device_id: str, n: int = 0) -> dict[str, Any]:
    """A submission the reference central accepts, as the visit flow spools it; `n` makes
    each one's form differ."""
    return {
        "item_code": SENIOR_CARD, "item_version": 1, "device_id": device_id,
        "applicant": {"id_type": "resident_id", "id_number": SENIOR_ID_NUMBER,
                      "name": "王秀英", "source": "id_card_reader"},
        "form": {"name": "王秀英", "id_number": SENIOR_ID_NUMBER,
                 "phone": f"138{n:08d}", "address": "北京市东城区南池子大街12号",
                 "consent": True},
        "lookup_token": secrets.token_urlsafe(16),  # as the visit flow makes one
    }


def kiosk_env(config: Path) -> dict[str, str]:
    """The environment of a `kiosk` child: this one, with the site file it is to read."""
    return {**os.environ, "KIOSK_CONFIG": str(config)}


def run_kiosk(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A `kiosk` command run to its end, as a technician runs it on a kiosk."""
    return subprocess.run([str(KIOSK), *args], env=kiosk_env(config), capture_output=True,
                          text=True, timeout=120, check=False)


def settings_toml(sections: dict[str, dict[str, Any]]) -> str:
    """Settings as a KIOSK_CONFIG file. Every value is a string, number or boolean, and
    JSON writes those as TOML reads them; a None (a key left to its default, which TOML
    cannot spell) is left out."""
    lines: list[str] = []
    for name, values in sections.items():
        lines.append(f"[{name}]")
        lines.extend(f"{key} = {json.dumps(value, ensure_ascii=False)}"
                     for key, value in values.items() if value is not None)
        lines.append("")
    return "\n".join(lines)


@dataclass
class Killed:
    """What a child got out before it ended, and how it ended (-9: killed)."""

    lines: list[str]
    returncode: int

    @property
    def killed(self) -> bool:
        return self.returncode == -9


def kill_after(command: list[str], reports: int, *, env: dict[str, str] | None = None,
               counts: re.Pattern[str] | None = None, on_stderr: bool = False,
               linger_s: float = 0.0) -> Killed:
    """Run `command`, SIGKILL it once it has written `reports` lines (0: at once) that
    match `counts` (any line without it), on stdout or `on_stderr`; `linger_s` lets it run
    on that long after the last one first. Returns every whole line it got out."""
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    watched = child.stderr if on_stderr else child.stdout
    assert watched is not None
    lines: list[str] = []
    seen = 0
    try:
        while seen < reports and (line := watched.readline()):
            lines.append(line)
            seen += counts is None or bool(counts.search(line))
        if linger_s and seen:
            time.sleep(linger_s)
    finally:
        child.kill()
        out, err = child.communicate()
    rest = err if on_stderr else out
    whole = [line for line in lines + rest.splitlines(keepends=True) if line.endswith("\n")]
    return Killed(whole, child.returncode)
