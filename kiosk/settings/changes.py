"""Which settings changed between two starts of the kiosk, by key name only.

An auditor asks when a kiosk's central, printer or technician PIN was
changed; the settings files live outside the audit log and can be edited by
anyone with root. So at each start the core compares the effective settings
(defaults, the site's file and any overrides, as validated) with those of
the last start and records the names of the keys that differ. Values are
never recorded, as some are secrets or point at them (the PIN's hash, the CA
path): the state folder keeps one SHA-256 digest per key, enough to see a
change and useless for reading the value back.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from kiosk.settings.model import Settings
from offline_queue.files import write_durably

log = logging.getLogger(__name__)

FILE_NAME = "settings.digests.json"


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(value, dict):
        return {prefix: value}
    flat: dict[str, Any] = {}
    for key, inner in value.items():
        flat.update(_flatten(inner, f"{prefix}.{key}" if prefix else key))
    return flat


def digests(settings: Settings) -> dict[str, str]:
    """Each dotted key's digest; the key is hashed with its value, so equal values of two
    keys do not show as equal digests."""
    flat = _flatten(settings.model_dump(mode="json"))
    return {key: hashlib.sha256(json.dumps([key, value], sort_keys=True).encode()).hexdigest()
            for key, value in flat.items()}


def _recorded(path: Path) -> dict[str, str] | None:
    """The last start's digests; None before the first start, {} if the file is damaged
    (every key then counts as changed, which is the truth as far as anyone can tell)."""
    try:
        recorded = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        recorded = exc
    if not isinstance(recorded, dict):
        log.warning("settings: %s unreadable (%s); every key counts as changed", path, recorded)
        return {}
    return recorded


def changed_keys(settings: Settings, state_dir: Path) -> list[str] | None:
    """The keys whose value differs from the last start's (added and removed keys too),
    sorted, with the current digests recorded for the next start; None at the first
    start, which has nothing to compare with."""
    path = state_dir / FILE_NAME
    now, before = digests(settings), _recorded(path)
    if before == now:
        return []
    write_durably(path, json.dumps(now, sort_keys=True).encode(), replace=True)
    if before is None:
        return None
    return sorted(key for key in now.keys() | before.keys() if now.get(key) != before.get(key))
