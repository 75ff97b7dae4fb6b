"""`kiosk doctor` tells a technician whether this kiosk can verify signed A4 documents,
and what to do when it cannot."""

from __future__ import annotations

import json

from kiosk.clock import local_now
from kiosk.core import open_spool
from kiosk.service.doctor import run_checks, standard_checks
from kiosk.uplink.credentials import FILE_NAME


def documents_finding(settings):
    with open_spool(settings, local_now, recover_in_flight=False) as spool:
        [finding] = [f for f in run_checks(standard_checks(settings, spool, local_now))
                     if f.check == "documents"]
    return finding


def rewrite_credentials(settings, **change) -> None:
    path = settings.device.state_dir / FILE_NAME
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored.update(change)
    path.write_text(json.dumps(stored), encoding="utf-8")


def test_an_enrolled_kiosk_names_its_document_ca(rig) -> None:
    finding = documents_finding(rig.settings)
    assert finding.ok and "Kiosk test document CA" in finding.detail


def test_a_kiosk_enrolled_before_signed_documents_is_told_to_provision_again(rig) -> None:
    rewrite_credentials(rig.settings, document_ca_pem=None)
    finding = documents_finding(rig.settings)
    assert not finding.ok and "kiosk provision" in finding.detail


def test_a_damaged_document_ca_is_named(rig) -> None:
    rewrite_credentials(rig.settings, document_ca_pem="-----BEGIN CERTIFICATE-----\nAA==\n"
                                                      "-----END CERTIFICATE-----\n")
    finding = documents_finding(rig.settings)
    assert not finding.ok and "provision the kiosk again" in finding.detail
