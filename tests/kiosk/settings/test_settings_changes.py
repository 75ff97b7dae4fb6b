"""Settings changed between two starts are audited by key name, never by value."""

from __future__ import annotations

import json
import queue
from pathlib import Path

from kiosk.audit.log import audit_path
from kiosk.core import KioskCore
from kiosk.service.technician import hash_pin
from kiosk.settings.changes import FILE_NAME, changed_keys
from kiosk.settings.model import Settings, load_settings


def with_changes(settings: Settings, **sections: dict) -> Settings:
    return settings.model_copy(update={
        name: getattr(settings, name).model_copy(update=values)
        for name, values in sections.items()})


def test_the_first_start_records_and_later_ones_compare(tmp_path: Path) -> None:
    settings = load_settings(overrides={"device": {"state_dir": str(tmp_path)}})
    pin_hash = hash_pin("271828")

    assert changed_keys(settings, tmp_path) is None
    assert changed_keys(settings, tmp_path) == []
    changed = with_changes(settings, ui={"idle_timeout_s": 90},
                           technician={"pin_hash": pin_hash})
    assert changed_keys(changed, tmp_path) == ["technician.pin_hash", "ui.idle_timeout_s"]
    assert changed_keys(changed, tmp_path) == []

    kept = (tmp_path / FILE_NAME).read_text(encoding="utf-8")
    assert pin_hash not in kept and pin_hash.split("$")[-1] not in kept
    assert all(len(digest) == 64 for digest in json.loads(kept).values())


def test_a_damaged_record_counts_every_key_as_changed(tmp_path: Path) -> None:
    settings = load_settings(overrides={"device": {"state_dir": str(tmp_path)}})
    (tmp_path / FILE_NAME).write_text("[]", encoding="utf-8")
    changed = changed_keys(settings, tmp_path)
    assert changed is not None and "central.url" in changed and "ui.language" in changed


def test_the_kiosk_audits_the_names_of_changed_keys_at_start(rig, clock) -> None:
    def start_and_stop(settings: Settings) -> None:
        core = KioskCore(settings, clock=clock, post=queue.Queue().put)
        core.start()
        core.stop()

    start_and_stop(rig.settings)
    pin_hash = hash_pin("271828")
    start_and_stop(with_changes(rig.settings, ui={"idle_timeout_s": 90},
                                technician={"pin_hash": pin_hash}))
    start_and_stop(with_changes(rig.settings, ui={"idle_timeout_s": 90},
                                technician={"pin_hash": pin_hash}))

    log = audit_path(rig.settings.device.state_dir).read_text(encoding="utf-8")
    changes = [json.loads(line)["fields"] for line in log.splitlines()
               if json.loads(line)["event"] == "config_changed"]
    assert changes == [{"keys": "technician.pin_hash,ui.idle_timeout_s", "count": 2}]
    assert pin_hash not in log
