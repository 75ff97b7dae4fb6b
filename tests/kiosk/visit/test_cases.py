"""Case lookup on its own: what a progress query asks by, and how the central's cases
and what this kiosk's real spool still holds (through the flow's services, which
answer HeldCases) make the one list a citizen reads."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.catalog.items import parse_catalog
from kiosk.visit.answers import Case, CaseStatus
from kiosk.visit.cases import MAX_CASES_SHOWN, Cases, ReferenceAlone, case_number_field
from kiosk.visit.forms import Form
from kiosk.visit.person import Person
from kiosk.visit.state import NOT_DELIVERED
from offline_queue import Spool

LI = Person(id_type="resident_id", id_number="440106198807210036", name="李明",
            source="id_card_reader", birth_date=date(1988, 7, 21), sex="1")
TITLE = {"zh_CN": "老年人优待证申领"}
PROGRESS = parse_catalog({"version": "t1", "items": [{
    "code": "TEST-PRG-001", "version": 1, "kind": "case_status", "title": TITLE,
    "department": TITLE, "category": "progress", "identity": "id_card_or_manual",
    "offline": "spool", "fields": [
        {"name": "id_number", "type": "string", "format": "id_number", "label": TITLE,
         "required": False, "prefill": "id_number"},
        {"name": "case_no", "type": "string", "label": TITLE, "required": False}]}],
}).item("TEST-PRG-001")


TOKEN = "Xq3vN8pLr2TzW5yA7bKc0d"


def spool_one(spool: Spool, applicant: str | None = LI.id_number) -> str:
    return spool.put({"item_code": "TEST-SUB-001", "lookup_token": TOKEN},
                     item_code="TEST-SUB-001", applicant_id=applicant).local_ref


def central_case(case_no: str, local_ref: str | None = None) -> Case:
    return Case(case_no=case_no, local_ref=local_ref, item_code="TEST-SUB-001",
                status=CaseStatus.IN_REVIEW,
                timeline=({"at": "2026-11-22T10:00:00+08:00", "status": "in_review"},))


def test_the_query_asks_by_identity_by_receipt_or_by_case_number() -> None:
    by_person = Cases.lookup(LI, None, None)
    assert by_person.query == {"applicant": LI.applicant()} and by_person.wanted == ""
    by_receipt = Cases.lookup(None, None, f"K0107-20261123-000001.{TOKEN}")
    assert by_receipt.query == {"local_ref": "K0107-20261123-000001", "lookup_token": TOKEN}
    assert by_receipt.wanted == "K0107-20261123-000001"
    progress = Form(item=PROGRESS, values={"case_no": "44010620261121000002"})
    by_number = Cases.lookup(None, progress, None)
    assert by_number.query == {"case_no": "44010620261121000002"}
    assert Cases.lookup(None, None, None) is None  # nothing to ask by
    assert "440106198807210036" not in repr(by_person)
    assert TOKEN not in repr(by_receipt)


def test_a_bare_reference_asks_nothing_without_an_identified_citizen() -> None:
    with pytest.raises(ReferenceAlone):
        Cases.lookup(None, None, "K0107-20261123-000001")
    typed = Form(item=PROGRESS, values={"case_no": "K0107-20261123-000001"})
    with pytest.raises(ReferenceAlone):
        Cases.lookup(None, typed, None)
    own = Cases.lookup(LI, typed, None)  # the citizen's own cases, narrowed to it here
    assert own.query == {"applicant": LI.applicant()} and own.wanted == "K0107-20261123-000001"


def test_what_the_spool_holds_joins_the_central_list_once(spool, services, catalog) -> None:
    held, delivered_elsewhere = spool_one(spool), spool_one(spool)
    cases = Cases(services, lambda: catalog)
    lookup = Cases.lookup(LI, None, None)
    result = cases.result(lookup, (central_case("C-1", local_ref=delivered_elsewhere),))
    assert not result.offline
    shown = [(line.case_no, line.local_ref, line.status) for line in result.cases]
    assert shown == [("C-1", delivered_elsewhere, CaseStatus.IN_REVIEW),
                     (None, held, NOT_DELIVERED)]
    assert result.cases[1].item_title.zh_CN == TITLE["zh_CN"]


def test_offline_only_the_spool_is_shown_and_a_receipt_finds_its_one_case(
        spool, services, catalog) -> None:
    mine, other = spool_one(spool), spool_one(spool, applicant=None)
    cases = Cases(services, lambda: catalog)
    offline = cases.result(Cases.lookup(LI, None, None), None)
    assert offline.offline and [line.local_ref for line in offline.cases] == [mine]
    by_receipt = cases.result(Cases.lookup(None, None, f"{other}.{TOKEN}"), None)
    assert [line.local_ref for line in by_receipt.cases] == [other]
    guessed = cases.result(Cases.lookup(None, None, f"{other}.{TOKEN[::-1]}"), None)
    assert guessed.cases == ()


def test_a_typed_reference_narrows_the_citizens_own_cases(spool, services, catalog) -> None:
    mine, also_mine = spool_one(spool), spool_one(spool)
    cases = Cases(services, lambda: catalog)
    typed = Form(item=PROGRESS, values={"case_no": mine})
    online = cases.result(Cases.lookup(LI, typed, None),
                          (central_case("C-1", local_ref=also_mine), central_case("C-2")))
    assert [line.local_ref for line in online.cases] == [mine]


def test_a_long_history_is_cut_to_what_a_kiosk_shows(services, catalog) -> None:
    many = tuple(central_case(f"C-{n}") for n in range(MAX_CASES_SHOWN + 5))
    result = Cases(services, lambda: catalog).result(Cases.lookup(LI, None, None), many)
    assert len(result.cases) == MAX_CASES_SHOWN


def test_a_scanned_code_fills_the_first_free_plain_field(catalog) -> None:
    assert case_number_field(PROGRESS, Form.for_item(PROGRESS, LI)) == "case_no"
    form = Form.for_item(catalog.item("TEST-SUB-001"), LI)
    assert case_number_field(catalog.item("TEST-SUB-001"), form) is None  # name is locked
    assert case_number_field(catalog.item("TEST-EVA-001"),
                             Form.for_item(catalog.item("TEST-EVA-001"), None)) is None


def test_a_case_the_central_lists_without_its_reference_gets_it_from_the_spool(
        spool, services, catalog) -> None:
    entry = spool.put({"item_code": "TEST-SUB-001", "lookup_token": TOKEN},
                      item_code="TEST-SUB-001", applicant_id=LI.id_number)
    [claimed] = spool.claim_due(1)
    spool.mark_delivered(claimed.id, case_no="C-9", status="received",
                         received_at="2026-11-23T03:00:00+08:00")
    result = Cases(services, lambda: catalog).result(Cases.lookup(LI, None, None),
                                                     (central_case("C-9"),))
    [line] = result.cases  # once: the delivered entry is the central's case
    assert (line.case_no, line.local_ref) == ("C-9", entry.local_ref)
    assert [step.status for step in line.timeline] == [CaseStatus.IN_REVIEW]
    assert not line.finished
