"""`kiosk doctor` against the rig's real peers: all well, then each part failing
the way it does on a kiosk, and the command's exit status and JSON."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from kiosk.catalog.store import CatalogStore
from kiosk.clock import local_now
from kiosk.core import open_spool
from kiosk.service.doctor import run_checks, standard_checks
from kiosk.service.provisioning import client_for
from kiosk.uplink.credentials import load_credentials


@pytest.fixture
def checked(rig):
    settings = rig.settings
    client = client_for(settings, load_credentials(settings.device.state_dir).token)
    CatalogStore(settings.device.state_dir).refresh(client)
    client.close()
    with open_spool(settings, local_now, recover_in_flight=False) as spool:
        yield lambda clock=local_now: {
            f.check: f for f in run_checks(standard_checks(settings, spool, clock))}, spool


def test_a_healthy_kiosk_passes_every_check(checked) -> None:
    run, _spool = checked
    findings = run()
    assert all(f.ok for f in findings.values()), findings
    assert set(findings) == {"credentials", "documents", "central", "printer", "a4_printer",
                             "id_card_reader", "scanner", "disk", "spool", "maintenance",
                             "catalog"}
    assert findings["a4_printer"].detail.startswith("none configured")
    assert "SAM" in findings["id_card_reader"].detail
    assert findings["id_card_reader"].detail.endswith("; line ok (0 of 50 answers damaged)")


def test_a_noisy_line_to_the_reader_is_named(checked, rig) -> None:
    run, _spool = checked
    rig.reader.corrupt_every(3)
    reader = run()["id_card_reader"]
    assert reader.ok  # cards are still read
    assert "; line degraded (line errors) (" in reader.detail
    assert reader.detail.endswith(" answers damaged; check the cable)")


def test_each_failure_says_what_is_wrong(checked, rig) -> None:
    run, spool = checked
    skewed = run(lambda: local_now() + timedelta(hours=2))["central"]
    assert not skewed.ok and "ahead of" in skewed.detail

    rig.printer.set_state(paper="out")
    assert "paper" in run()["printer"].detail and not run()["printer"].ok

    entry = spool.put({"item_code": "X", "item_version": 1, "device_id": "x", "form": {}},
                      item_code="X", applicant_id=None)
    [claimed] = spool.claim_due(1)
    spool.mark_dead(claimed.id, problem={"status": 422, "title": "bad"})
    spool_finding = run()["spool"]
    assert not spool_finding.ok and "--state dead" in spool_finding.detail
    assert entry.id == claimed.id

    rig.central.stop()
    assert not run()["central"].ok


def test_the_command_exits_non_zero_and_speaks_json(rig, tmp_path, monkeypatch, capsys) -> None:
    from ui.main import main

    s = rig.settings
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[device]\nserial_number = "{s.device.serial_number}"\nref_prefix = "K0107"\n'
        f'state_dir = "{s.device.state_dir}"\n[central]\nurl = "{s.central.url}"\n'
        f'[idcard]\nport = "{s.idcard.port}"\n[printer]\nurl = "{s.printer.url}"\n'
        f'[scanner]\nport = "{s.scanner.port}"\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    assert main(["doctor", "--json"]) == 1  # the catalog was never fetched
    findings = {f["check"]: f for f in json.loads(capsys.readouterr().out)}
    assert not findings["catalog"]["ok"] and findings["translations"]["ok"]
    assert findings["central"]["ok"] and findings["printer"]["ok"]


def test_a_network_printer_that_never_answers_status_is_unknown_not_failed(checked,
                                                                          rig) -> None:
    run, _spool = checked
    rig.printer.answers_status = False  # the rig's printer is on tcp://: best_effort
    printer = run()["printer"]
    assert printer.ok
    assert printer.detail == f"{rig.settings.printer.url}: degraded (status unknown: no " \
                             "answer to DLE EOT)"
