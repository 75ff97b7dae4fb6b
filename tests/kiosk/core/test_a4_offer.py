"""What a whole kiosk offers of its A4 items: none while no A4 printer is fitted, and none,
with its own reason, when it was enrolled before the central signed documents; and what
its audit log keeps of a document it refused."""

from __future__ import annotations

import json

from turned_core import TurnedCore

from kiosk.audit.log import parse_line, tail_lines
from kiosk.uplink.credentials import FILE_NAME


def a4_reason(rig, clock) -> str | None:
    """Why the kiosk, as its visits see it, cannot print A4 documents (None: it can)."""
    core = TurnedCore(rig.settings, clock).core
    try:
        return core.services.status().a4_reason
    finally:
        core.stop()


def test_a_kiosk_without_an_a4_printer_says_so(rig, clock) -> None:
    assert a4_reason(rig, clock) == "a4_not_fitted"


def test_a_kiosk_enrolled_before_signed_documents_cannot_verify_them(rig, clock) -> None:
    path = rig.settings.device.state_dir / FILE_NAME
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["document_ca_pem"].startswith("-----BEGIN CERTIFICATE-----")
    del stored["document_ca_pem"]  # as a kiosk provisioned before contract 1.1.0 kept them
    path.write_text(json.dumps(stored), encoding="utf-8")
    assert a4_reason(rig, clock) == "a4_no_document_ca"


def test_a_refused_document_is_in_the_audit_log_with_its_reason(rig, clock) -> None:
    """The flow names the event; the kiosk's audit log must take its fields, which are
    the item and the reason, nothing of the citizen."""
    core = TurnedCore(rig.settings, clock).core
    try:
        core.flow._on_event("document_refused", item_code="440106-SBJ-002",
                            reason="untrusted_signer")
        path = core.audit.path
    finally:
        core.stop()
    records = [parse_line(line) for line in tail_lines(path, 20)]
    [refused] = [r for r in records if r and r.get("event") == "document_refused"]
    assert refused["fields"] == {"item_code": "440106-SBJ-002", "reason": "untrusted_signer"}
