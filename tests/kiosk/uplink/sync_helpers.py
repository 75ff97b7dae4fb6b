"""What the sync tests share: submissions the reference central accepts, spooled the way the
visit flow spools them, and the real `kiosk` command run as a child process."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

from offline_queue import Spool, SpoolEntry

SENIOR_CARD = "440106-MZJ-001"
KIOSK = Path(sys.executable).with_name("kiosk")  # the console script of this environment


def senior_card_payload(device_id: str, n: int = 0) -> dict[str, Any]:
    return {
        "item_code": SENIOR_CARD, "item_version": 1, "device_id": device_id,
        "applicant": {"id_type": "resident_id", "id_number": "110101195603080020",
                      "name": "王秀英", "source": "id_card_reader"},
        "form": {"name": "王秀英", "id_number": "110101195603080020",
                 "phone": f"138{n:08d}", "address": "北京市东城区南池子大街12号",
                 "consent": True},
        "lookup_token": secrets.token_urlsafe(16),
    }


def put(spool: Spool, device_id: str, n: int = 0, item_code: str = SENIOR_CARD) -> SpoolEntry:
    payload = senior_card_payload(device_id, n)
    payload["item_code"] = item_code
    return spool.put(payload, item_code=item_code, applicant_id="110101195603080020")


def kiosk_env(config: Path) -> dict[str, str]:
    """The environment of a `kiosk` child: this one, with the site file it is to read."""
    return {**os.environ, "KIOSK_CONFIG": str(config)}


def run_kiosk(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KIOSK), *args], env=kiosk_env(config), capture_output=True,
                          text=True, timeout=120, check=False)
