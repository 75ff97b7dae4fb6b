"""The identifier checks against the shared test vectors, and the loopback test of admin calls."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from reference_vectors import VECTORS

from central.catalog import offered_at
from central.clock import CHINA_TZ
from central.identifiers import (
    applicant_id_problem,
    id_number_problem,
    uscc_shape_problem,
)
from central.routes_admin import is_loopback

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("value", VECTORS["id_number_valid"])
def test_valid_id_numbers_pass(value: str) -> None:
    assert id_number_problem(value, TODAY) is None


@pytest.mark.parametrize("case", VECTORS["id_number_invalid"], ids=lambda c: c["why"])
def test_invalid_id_numbers_fail(case: dict[str, str]) -> None:
    assert id_number_problem(case["value"], TODAY) is not None


@pytest.mark.parametrize("value", VECTORS["uscc_valid"])
def test_valid_credit_codes_pass(value: str) -> None:
    assert uscc_shape_problem(value) is None


def test_a_bad_check_character_is_left_to_the_kiosk_but_a_bad_letter_is_refused() -> None:
    check, letter = (case["value"] for case in VECTORS["uscc_invalid"])
    assert uscc_shape_problem(check) is None
    assert uscc_shape_problem(letter) is not None


@pytest.mark.parametrize(("id_type", "number", "ok"), [
    ("hk_mo_tw_residence_permit", "810000199005120012", True),
    ("hk_mo_tw_residence_permit", "440106198807210036", False),
    ("foreign_permanent_resident", "USA123456789012", True),
    ("foreign_permanent_resident", "440106198807210036", False),
    ("uscc", "91350100M000100Y43", True),
])
def test_each_document_type_has_its_own_rule(id_type: str, number: str, ok: bool) -> None:
    assert (applicant_id_problem(id_type, number, TODAY) is None) is ok


@pytest.mark.parametrize(("host", "ok"), [
    ("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("::ffff:127.0.0.1", True),
    ("192.168.1.20", False), ("10.0.0.5", False), (None, False), ("testclient", False)])
def test_only_loopback_clients_may_use_the_admin_api(host: str | None, ok: bool) -> None:
    assert is_loopback(host) is ok


@pytest.mark.parametrize(("moment", "ok"), [
    ("2026-11-23T08:29:00", False), ("2026-11-23T08:30:00", True), ("2026-11-23T17:29:00", True),
    ("2026-11-23T17:30:00", False), ("2026-11-28T10:00:00", True), ("2026-11-29T10:00:00", False)])
def test_hours_follow_local_weekdays_and_times(moment: str, ok: bool) -> None:
    item = {"hours": [{"days": "1-5", "from": "08:30", "to": "17:30"},
                      {"days": "6", "from": "09:00", "to": "17:00"}]}
    assert offered_at(item, datetime.fromisoformat(moment).replace(tzinfo=CHINA_TZ)) is ok
    assert offered_at({}, datetime.fromisoformat(moment).replace(tzinfo=CHINA_TZ))
