"""Receipt printers through python-escpos.

python-escpos parses its printer database (about 0.2 s) at every import
unless it is told where to keep the parsed copy, and by default it keeps
it in a fresh temporary folder, so no start ever reuses it. Before any
module here imports it, point it at a cache that lasts: the unit's
CacheDirectory on a kiosk (set in kiosk.service), the user's cache elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

PICKLE_DIR = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def _keep_parsed_capabilities() -> None:
    if PICKLE_DIR in os.environ:
        return
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "kiosk" / "escpos"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # no writable cache: python-escpos parses at every start, as it would anyway
    os.environ[PICKLE_DIR] = str(folder)


_keep_parsed_capabilities()
