"""Printing a visit's outcome on its own: the paper the outcome keeps is the paper
sent, it says so while the kiosk is offline, and a printer's late word reaches the
screen only while that outcome is still shown."""

from __future__ import annotations

from datetime import datetime

from flow_services import doc_text

from kiosk.visit.paper import Paper
from kiosk.visit.state import CasesResult, Receipt, Visit

OFFLINE_LINE = "网络恢复后将自动提交"


def test_the_receipt_printed_is_the_one_kept_and_says_it_waits_to_be_sent(
        services, catalog) -> None:
    visit = Visit(language="zh_CN", item=catalog.item("TEST-SUB-001"))
    changes: list[int] = []
    online = {"now": False}
    paper = Paper(services, visit=lambda: visit, central_online=lambda: online["now"],
                  changed=lambda: changes.append(1))
    receipt = Receipt(local_ref="K0107-20261123-000001", created_at=datetime(2026, 11, 23))
    visit.outcome = receipt
    paper.print(receipt)
    [(doc, done)] = services.printed
    assert doc is receipt.paper and receipt.printed is None
    assert "K0107-20261123-000001" in doc_text(doc) and OFFLINE_LINE in doc_text(doc)
    done(False, "paper out")
    assert receipt.printed is False and receipt.print_detail == "paper out" and changes
    online["now"] = True
    paper.print(receipt)
    assert OFFLINE_LINE not in doc_text(services.printed[1][0])


def test_a_late_printer_word_for_an_outcome_no_longer_shown_changes_nothing(
        services, catalog) -> None:
    visit = Visit(language="en", item=catalog.item("TEST-SUB-001"))
    changes: list[int] = []
    paper = Paper(services, visit=lambda: visit, central_online=lambda: True,
                  changed=lambda: changes.append(1))
    receipt = Receipt(local_ref="K0107-20261123-000002", created_at=datetime(2026, 11, 23))
    paper.print(receipt)
    visit.outcome = CasesResult(cases=(), offline=False)  # shown instead meanwhile
    services.printed[0][1](True, "")
    assert receipt.printed is True and changes == []
    paper.print(visit.outcome)
    assert len(services.printed) == 1  # a case list stays on screen
