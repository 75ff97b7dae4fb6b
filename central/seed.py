"""Demo data: the site, its catalog, enrollment codes, citizens' records and cases.

The catalog (`seed_catalog.json`) is the document the kiosk bundles a copy of;
everything else (`seed_demo.json`) exists only on the central. Times in the
demo data are relative to the moment of seeding, so a fresh demo always has
recent cases.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from central.casebook import STATUS_NOTES, Casebook, NewCase
from central.catalog import CatalogBook
from central.db import Database
from central.devices import DeviceRegistry
from central.documents import store_record
from central.profiles import store_profile


def bundled_json(name: str) -> dict[str, Any]:
    """A JSON file shipped in this package (seed_catalog.json, seed_demo.json)."""
    return json.loads(resources.files("central").joinpath(name).read_text(encoding="utf-8"))


def _seed_cases(db: Database, casebook: Casebook, cases: list[dict[str, Any]],
                now: datetime) -> None:
    with db.transaction() as conn:
        for case in cases:
            received = now - timedelta(days=case["received_days_ago"])
            history = [(received + timedelta(hours=step[0]), step[1],
                        step[2] if len(step) > 2 else STATUS_NOTES.get(step[1]))
                       for step in case["timeline"]]
            casebook.open(conn, NewCase(
                item_code=case["item_code"], received_at=received,
                path=tuple(step[1] for step in case["timeline"]), local_ref=case["local_ref"],
                applicant_id_number=case["applicant"]["id_number"],
                applicant_name=case["applicant"]["name"],
            ), history=history)


def seed(db_path: Path | str, now: datetime) -> list[str]:
    """Seed an empty database (a seeded one is left as it is); return the unused codes."""
    db = Database(db_path)
    try:
        devices = DeviceRegistry(db)
        if db.get_setting("site") is None:
            demo, catalog = bundled_json("seed_demo.json"), bundled_json("seed_catalog.json")
            book = CatalogBook(catalog)
            db.put_setting("catalog", catalog)
            db.put_setting("appointment_plans", demo["appointment_plans"])
            for entry in demo["enrollment_codes"]:
                devices.add_enrollment_code(entry["code"],
                                            now + timedelta(days=entry["valid_days"]))
            with db.transaction() as conn:
                for record in demo["records"]:
                    store_record(conn, record["item_code"], record["subject"], record["lines"])
                conn.executemany("INSERT INTO phones (id_number, name, phone) VALUES (?, ?, ?)",
                                 [(p["id_number"], p["name"], p["phone"]) for p in demo["phones"]])
                for person in demo["profiles"]:
                    store_profile(conn, person["id_number"], person["name"], person["profile"])
            casebook = Casebook(db, book, demo["site"]["region_code"], step_seconds=0)
            _seed_cases(db, casebook, demo["cases"], now)
            db.put_setting("site", demo["site"])  # last: marks the database as seeded
        return devices.unused_codes()
    finally:
        db.close()
