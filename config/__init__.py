"""Bundled defaults and data that ship with the kiosk.

Kept as a package so the files are found the same way whether the kiosk runs
from a checkout or from an installed wheel.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled(name: str) -> Path:
    """Path of a file shipped in this folder (defaults.toml, catalog.json, …)."""
    return Path(str(resources.files(__name__).joinpath(name)))
