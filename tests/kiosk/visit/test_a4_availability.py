"""An item printed on A4 is offered only while the A4 printer can print it; a receipt
item does not care about the A4 printer."""

from __future__ import annotations

from kiosk.catalog.items import parse_catalog
from kiosk.visit.availability import KioskStatus, unavailable
from tests.kiosk.core.test_a4_printer_in_core import A4_CERTIFICATE

RECEIPT_CERTIFICATE = {**A4_CERTIFICATE, "code": "TEST-RCP-001", "paper": "receipt"}
A4_ITEM, RECEIPT_ITEM = parse_catalog(
    {"version": "t", "items": [A4_CERTIFICATE, RECEIPT_CERTIFICATE]}).items


def test_only_a4_items_wait_for_the_a4_printer(clock) -> None:
    for reason in ("a4_not_fitted", "a4_not_ready", "a4_no_document_ca"):
        status = KioskStatus(a4_reason=reason)
        assert unavailable(A4_ITEM, status, clock()).code == reason
        assert unavailable(RECEIPT_ITEM, status, clock()) is None
    assert unavailable(A4_ITEM, KioskStatus(), clock()) is None


def test_items_without_paper_print_on_receipts() -> None:
    plain = {key: value for key, value in A4_CERTIFICATE.items() if key != "paper"}
    assert parse_catalog({"version": "t", "items": [plain]}).items[0].paper == "receipt"
