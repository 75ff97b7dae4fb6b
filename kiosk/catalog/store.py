"""Which catalog the kiosk offers right now, and how it is kept fresh.

Bundled until the central's has been fetched; then the central's, cached on
disk so a restart while offline still offers what the central last said. A
catalog that fails to parse is refused whole and the one in use stays.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path

from kiosk.catalog.items import Catalog, CatalogError, load_bundled_catalog, parse_catalog
from kiosk.uplink.client import CentralClient

log = logging.getLogger(__name__)


class CatalogStore:
    def __init__(self, cache_dir: Path) -> None:
        self._cache = cache_dir / "catalog.json"
        self._etag_file = cache_dir / "catalog.etag"
        self._lock = threading.Lock()
        cached = self._load_cache()
        self._catalog = cached or load_bundled_catalog()
        self.source = "cache" if cached else "bundled"

    def _load_cache(self) -> Catalog | None:
        try:
            return parse_catalog(self._cache.read_bytes())
        except OSError:
            return None
        except CatalogError as exc:
            log.warning("catalog: cached copy unusable (%s); using the bundled one", exc)
            return None

    def current(self) -> Catalog:
        with self._lock:
            return self._catalog

    def refresh(self, client: CentralClient) -> bool:
        """Fetch if changed; True when a new catalog is now in use. Errors propagate."""
        etag = None
        if self.source == "cache" and self._etag_file.exists():
            etag = self._etag_file.read_text().strip()
        data, new_etag = client.catalog(etag)
        if data is None:
            return False
        catalog = parse_catalog(data)
        self._write(json.dumps(data, ensure_ascii=False), new_etag or "")
        with self._lock:
            self._catalog = catalog
            self.source = "cache"
        log.info("catalog: version %s in use (%d items)", catalog.version, len(catalog.items))
        return True

    def _write(self, text: str, etag: str) -> None:
        self._cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._cache.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self._cache)
        self._etag_file.write_text(etag)
