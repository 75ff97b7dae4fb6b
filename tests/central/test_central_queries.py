"""POST /queries/{item_code}: printable documents, and 404 for citizens without a record."""

from __future__ import annotations

import pytest
from central_contract_check import assert_conforms
from central_parts import BUSINESS_RECORD, CHEN, HUANG, LI, SOCIAL_INSURANCE_CERT, WANG, Kiosk

PATH = "/queries/{item_code}"


def query(kiosk: Kiosk, item_code: str, applicant: dict, form: dict):
    return kiosk.post(f"/queries/{item_code}", {"applicant": applicant, "form": form})


@pytest.mark.parametrize("person", [WANG, LI, CHEN])
def test_a_citizen_with_a_record_gets_a_printable_document(kiosk: Kiosk, person: dict) -> None:
    answer = query(kiosk, SOCIAL_INSURANCE_CERT, person, {"months": "12"})
    assert answer.status_code == 200
    assert_conforms(answer, PATH, "post")
    document = answer.json()
    values = [line["value"] for line in document["lines"]]
    assert person["name"] in values
    assert person["id_number"] not in values  # printed masked
    assert document["verify_url"].endswith(document["document_no"])


def test_a_citizen_without_a_record_gets_a_404_problem(kiosk: Kiosk) -> None:
    answer = query(kiosk, SOCIAL_INSURANCE_CERT, HUANG, {"months": "12"})
    assert answer.status_code == 404
    assert_conforms(answer, PATH, "post")


def test_a_business_record_is_found_by_its_credit_code(kiosk: Kiosk) -> None:
    answer = query(kiosk, BUSINESS_RECORD, LI, {"uscc": "91350100M000100Y43"})
    assert answer.status_code == 200
    assert "91350100M000100Y43" in [line["value"] for line in answer.json()["lines"]]
    # A well-formed code that fails its check character is a warning at the kiosk, not a 422.
    assert query(kiosk, BUSINESS_RECORD, LI, {"uscc": "91310115MA1G4L1WXK"}).status_code == 404


@pytest.mark.parametrize(("item_code", "applicant", "form", "field"), [
    (BUSINESS_RECORD, LI, {"uscc": "91350100M000100Y4O"}, "form.uscc"),
    (SOCIAL_INSURANCE_CERT, LI, {"months": "7"}, "form.months"),
    (SOCIAL_INSURANCE_CERT, {**LI, "id_number": "440106198807210037"}, {"months": "12"},
     "applicant.id_number"),
    ("440106-MZJ-001", LI, {}, "item_code"),
    (SOCIAL_INSURANCE_CERT, {"id_type": "passport", "id_number": "E1", "name": "X"}, {},
     "applicant.id_type"),
])
def test_a_query_that_cannot_be_answered_names_its_field(
        kiosk: Kiosk, item_code: str, applicant: dict, form: dict, field: str) -> None:
    answer = query(kiosk, item_code, applicant, form)
    assert answer.status_code == 422
    assert_conforms(answer, PATH, "post")
    assert field in {error["field"] for error in answer.json()["errors"]}
