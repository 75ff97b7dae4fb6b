"""`python -m central ...` as the kiosk side runs it: a child process that names its port."""

from __future__ import annotations

import json
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from central.server import TlsFiles

PREFIX = "central listening on "


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "central", *args], capture_output=True,
                          text=True, timeout=60, check=False)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "central", "serve", "--host", "127.0.0.1", "--port", "0",
         "--db", str(tmp_path / "central.sqlite3"), "--seed"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    try:
        ready, _, _ = select.select([process.stdout], [], [], 30)
        line = process.stdout.readline() if ready else ""
        assert line.startswith(PREFIX), line
        yield line[len(PREFIX):].strip(), process
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()
        if process.stderr:
            process.stderr.close()


def test_serve_prints_its_url_then_serves_the_contract_and_drops_on_demand(
        served: tuple[str, subprocess.Popen[str]]) -> None:
    url, process = served
    assert url.startswith("http://127.0.0.1:")
    enrolled = requests.post(url + "/kiosk/v1/enrollments", timeout=10, json={
        "enrollment_code": "DEMO-ENROLL-0001", "serial_number": "DEMO-KS2100-0107",
        "model": "KS-2100", "software_version": "0.1.0"})
    assert enrolled.status_code == 201
    auth = {"Authorization": f"Bearer {enrolled.json()['device_token']}"}
    fault = {"operation": "catalog", "mode": "drop_before", "sequence": [True]}
    assert requests.post(url + "/admin/faults", json=fault, timeout=10).status_code == 201
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/kiosk/v1/catalog", headers=auth, timeout=10)
    assert requests.get(url + "/kiosk/v1/catalog", headers=auth, timeout=10).status_code == 200
    process.terminate()
    # uvicorn shuts down gracefully, then re-raises the SIGTERM it caught
    assert process.wait(timeout=30) in (0, -signal.SIGTERM)
    assert process.stdout is not None and process.stdout.read() == ""  # one line, nothing else


def test_seed_prints_the_codes_and_add_code_issues_more(tmp_path: Path) -> None:
    db = str(tmp_path / "central.sqlite3")
    seeded = run("seed", "--db", db)
    assert seeded.returncode == 0, seeded.stderr
    assert json.loads(seeded.stdout) == {"enrollment_codes": ["DEMO-ENROLL-0001"]}
    added = run("add-code", "--db", db, "--code", "SITE-ENROLL-0002", "--ttl-hours", "2")
    assert json.loads(added.stdout)["code"] == "SITE-ENROLL-0002"
    again = run("seed", "--db", db)
    assert json.loads(again.stdout)["enrollment_codes"] == ["DEMO-ENROLL-0001",
                                                            "SITE-ENROLL-0002"]


def test_serving_an_unseeded_database_fails_with_a_message(tmp_path: Path) -> None:
    result = run("serve", "--port", "0", "--db", str(tmp_path / "empty.sqlite3"))
    assert result.returncode == 2
    assert "seed" in result.stderr
    assert result.stdout == ""


def test_make_certs_gives_a_ca_the_client_can_pin(tmp_path: Path, start_central) -> None:
    made = run("make-certs", str(tmp_path / "tls"))
    assert made.returncode == 0, made.stderr
    files = json.loads(made.stdout)
    assert (tmp_path / "tls" / "server-key.pem").stat().st_mode & 0o077 == 0
    central = start_central(tls=TlsFiles(files["server_cert"], files["server_key"]))
    assert central.url.startswith("https://127.0.0.1:")
    pinned = requests.get(central.api + "/catalog", verify=files["ca_cert"], timeout=10)
    assert pinned.status_code == 401  # TLS is fine; there is just no token
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(central.api + "/catalog", timeout=10)
