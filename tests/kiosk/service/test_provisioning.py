"""`kiosk provision` against the reference central on loopback and the network
printer emulator: enrol, fetch the catalog, print the slip; and refuse to give a
kiosk a new identity while its spool holds what the old one took."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import requests
from hostile_central import answer, hostile_central

from central.certs import make_certs
from drivers.sim.escpos_printer import NetworkPrinterEmulator
from kiosk.audit.log import audit_path, parse_line, tail_lines
from kiosk.cli.parser import main
from kiosk.clock import local_now
from kiosk.core import open_spool
from kiosk.service.provisioning import PINNED_CA, PUBLIC_STORE, enroll, pinned_ca, trusted
from kiosk.settings.model import load_settings
from kiosk.uplink.client import CentralUnreachable
from kiosk.uplink.credentials import load_credentials
from rig.demo import CentralProcess


@pytest.fixture
def central(tmp_path: Path):
    process = CentralProcess(tmp_path / "central.sqlite3")
    process.start()
    yield process
    process.stop()


@pytest.fixture
def printer(tmp_path: Path):
    with NetworkPrinterEmulator(tmp_path / "receipts") as emulator:
        yield emulator


@pytest.fixture
def configured(tmp_path: Path, printer, monkeypatch) -> Path:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[device]\nserial_number = "KS2100-0999"\nref_prefix = "K0999"\n'
                      f'state_dir = "{tmp_path / "state"}"\n'
                      f'[printer]\nurl = "{printer.url}"\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    return tmp_path / "state"


def new_code(central: CentralProcess, ca: Path | None = None) -> str:
    reply = requests.post(central.admin_url + "/enrollment-codes", json={}, timeout=5,
                          verify=str(ca) if ca else True)
    reply.raise_for_status()
    return reply.json()["code"]


def test_a_new_kiosk_is_enrolled_fetches_the_catalog_and_prints_its_slip(
        central, printer, configured, tmp_path, capsys) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n(the province's CA)\n", encoding="utf-8")
    code = main(["provision", "--central", central.url, "--code", new_code(central),
                 "--ca", str(ca)])
    out = capsys.readouterr().out
    assert code == 0, out
    creds = load_credentials(configured)
    assert creds is not None and creds.device_id in out
    assert stat.S_IMODE((configured / "credentials.json").stat().st_mode) == 0o600
    assert (configured / "catalog.json").exists() and "ok   catalog" in out
    assert "ok   document CA: A4 documents verified against" in out
    [slip] = printer.wait_for_receipts(1)
    assert creds.device_id in slip.text_path.read_text(encoding="utf-8")
    assert pinned_ca(load_settings()) == str(configured / PINNED_CA)


def test_re_provisioning_waits_for_the_spool_to_be_delivered_or_exported(
        central, configured, tmp_path, capsys) -> None:
    assert main(["provision", "--central", central.url, "--code", new_code(central)]) == 0
    first = load_credentials(configured)
    with open_spool(load_settings(), local_now, recover_in_flight=False) as spool:
        spool.put({"item_code": "440106-ZWB-004", "item_version": 1, "device_id": "x",
                   "form": {"rating": 4}}, item_code="440106-ZWB-004", applicant_id=None)
    capsys.readouterr()

    assert main(["provision", "--central", central.url, "--code", new_code(central)]) == 1
    assert "spool export" in capsys.readouterr().err
    assert load_credentials(configured).token == first.token

    exported = tmp_path / "pending.jsonl"
    assert main(["spool", "export", "--state", "pending", "--out", str(exported)]) == 0
    assert main(["provision", "--central", central.url, "--code", new_code(central),
                 "--exported", str(exported)]) == 0
    assert load_credentials(configured).token != first.token  # a new token for the device
    assert main(["spool", "status"]) == 0
    assert "pending    1" in capsys.readouterr().out  # handed over, never deleted


def _provisioned_record(state: Path) -> dict:
    [record] = [r for r in map(parse_line, tail_lines(audit_path(state), 20))
                if r and r["event"] == "provisioned"]
    return record


def test_provisioning_over_tls_pins_the_ca_it_is_given_and_says_so(
        printer, configured, tmp_path, capsys) -> None:
    own = make_certs(tmp_path / "tls")
    tls = CentralProcess(tmp_path / "tls-central.sqlite3")
    url = tls.start("--tls-cert", str(own.server_cert), "--tls-key", str(own.server_key))
    try:
        code = main(["provision", "--central", url, "--code", new_code(tls, own.ca_cert),
                     "--ca", str(own.ca_cert)])
    finally:
        tls.stop()
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err
    assert "verified against the CA pinned at provisioning" in captured.out
    assert "WARNING" not in captured.err
    assert _provisioned_record(configured)["fields"]["trusts"].startswith("the CA pinned")


def test_provisioning_without_a_ca_says_loudly_it_trusts_the_public_store(
        configured, caplog) -> None:
    settings = load_settings(overrides={"central": {"url": "https://127.0.0.1:9/kiosk/v1"}})
    assert trusted(settings) == PUBLIC_STORE
    with pytest.raises(CentralUnreachable):  # nothing listens there; the warning came first
        enroll(settings, "CODE-0000")
    assert "provisioning without --ca" in caplog.text and PUBLIC_STORE in caplog.text


ENROLLED_WITHOUT_DOCUMENTS = {"device_id": "KD-0999", "device_token": "t" * 40,
                              "site": {"name": {"zh_CN": "测试大厅"}, "region_code": "440106"},
                              "heartbeat_interval_s": 60}


@pytest.mark.parametrize(("a4_queue", "mark"), [("", "ok  "), ("hall-a4", "FAIL")])
def test_an_enrollment_without_a_document_ca_is_said_and_fails_where_a4_is_fitted(
        configured, capsys, a4_queue: str, mark: str) -> None:
    """A central older than signed documents enrolls without their CA: A4 items are then
    never offered, which a technician fitting an A4 printer must hear at once."""
    config = configured.parent / "kiosk.toml"
    config.write_text(config.read_text(encoding="utf-8")
                      + f'[a4_printer]\nqueue = "{a4_queue}"\n', encoding="utf-8")
    with hostile_central() as old:
        old.queue(answer(201, ENROLLED_WITHOUT_DOCUMENTS))  # (and no catalog after it)
        main(["provision", "--central", old.url + "/kiosk/v1", "--code", "CODE-1"])
    out = capsys.readouterr().out
    assert f"{mark} document CA: none came with the enrollment" in out
    assert ("an A4 printer is fitted" in out) == bool(a4_queue)
