"""The pin is the pin: the central is verified against the CA given at provisioning only.

Machines set REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE and proxy variables for their
own reasons (this one does); none of them may widen or replace what the kiosk
trusts, nor send its requests through a proxy. The reference central runs
over TLS on 127.0.0.1 with a certificate from a throw-away CA, beside a second
CA that signed nothing of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from central.certs import CertFiles, make_certs
from kiosk.uplink.client import CentralClient, CentralUnauthorized, CentralUnreachable
from rig.demo import CentralProcess

HOSTILE_ENVIRONMENT = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE")


@pytest.fixture(scope="module")
def cas(tmp_path_factory: pytest.TempPathFactory) -> tuple[CertFiles, CertFiles]:
    base = tmp_path_factory.mktemp("tls")
    return make_certs(base / "central"), make_certs(base / "stranger")


@pytest.fixture(scope="module")
def tls_central(cas, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    own, _stranger = cas
    process = CentralProcess(tmp_path_factory.mktemp("central") / "central.sqlite3")
    url = process.start("--tls-cert", str(own.server_cert), "--tls-key", str(own.server_key))
    try:
        yield url
    finally:
        process.stop()


def _ask(url: str, ca: Path) -> None:
    """One request that needs TLS to succeed before it can be refused for its token."""
    client = CentralClient(url, token="not-a-token", ca_bundle=str(ca), connect_timeout=2.0,
                           read_timeout=2.0, deadline=5.0)
    try:
        client.probe()
    finally:
        client.close()


def test_the_pinned_ca_is_used_whatever_the_environment_names(tls_central, cas,
                                                              monkeypatch) -> None:
    own, stranger = cas
    for name in HOSTILE_ENVIRONMENT:
        monkeypatch.setenv(name, str(stranger.ca_cert))
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(CentralUnauthorized):  # reached the central over TLS, token refused
        _ask(tls_central, own.ca_cert)


def test_the_environment_cannot_make_a_stranger_trusted(tls_central, cas, monkeypatch) -> None:
    own, stranger = cas
    for name in HOSTILE_ENVIRONMENT:
        monkeypatch.setenv(name, str(own.ca_cert))
    with pytest.raises(CentralUnreachable, match="SSLError"):
        _ask(tls_central, stranger.ca_cert)
