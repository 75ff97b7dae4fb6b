"""The device's identity towards the central, kept where only the kiosk can read it.

The token is the one secret a kiosk holds; it is shown once at enrollment,
so it is written atomically with mode 0600 and never logged.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE_NAME = "credentials.json"


class NotProvisioned(Exception):
    """No device credentials: run `kiosk provision` first."""


@dataclass(frozen=True, repr=False)
class Credentials:
    device_id: str
    token: str
    site: dict[str, Any]
    heartbeat_interval_s: int
    # the CA that signs A4 documents; None for a kiosk enrolled before contract 1.1.0, which
    # then prints no A4 document until it is provisioned again
    document_ca_pem: str | None = None

    def __repr__(self) -> str:
        return f"Credentials(device_id={self.device_id!r}, token=<hidden>)"

    def site_name(self, language: str) -> str:
        names = self.site.get("name", {})
        return names.get(language) or names.get("zh_CN", "")


def save_credentials(state_dir: Path, enrollment: dict[str, Any]) -> Credentials:
    document_ca = enrollment.get("document_ca_pem")
    creds = Credentials(device_id=enrollment["device_id"], token=enrollment["device_token"],
                        site=enrollment["site"],
                        heartbeat_interval_s=enrollment["heartbeat_interval_s"],
                        document_ca_pem=document_ca if isinstance(document_ca, str) else None)
    state_dir.mkdir(parents=True, exist_ok=True)
    target = state_dir / FILE_NAME
    tmp = target.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"device_id": creds.device_id, "device_token": creds.token,
                   "site": creds.site, "heartbeat_interval_s": creds.heartbeat_interval_s,
                   "document_ca_pem": creds.document_ca_pem}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)
    return creds


def load_credentials(state_dir: Path) -> Credentials | None:
    """None when the kiosk has not been provisioned (or the file is unreadable)."""
    try:
        data = json.loads((state_dir / FILE_NAME).read_text(encoding="utf-8"))
        document_ca = data.get("document_ca_pem")
        return Credentials(device_id=data["device_id"], token=data["device_token"],
                           site=data["site"], heartbeat_interval_s=data["heartbeat_interval_s"],
                           document_ca_pem=document_ca if isinstance(document_ca, str) else None)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def require_credentials(state_dir: Path) -> Credentials:
    """The credentials a running kiosk cannot do without; NotProvisioned says how to get them."""
    credentials = load_credentials(state_dir)
    if credentials is None:
        raise NotProvisioned(f"no credentials in {state_dir}; "
                             "run `kiosk provision --central URL --code CODE`")
    return credentials
