"""The audit log refuses personal data: a developer who adds some finds out at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.audit.log import MAX_VALUE_CHARS, AuditEvent, AuditLog, PersonalDataRefused
from kiosk.audit.masking import VisitNames


@pytest.mark.parametrize(("value", "kind"), [
    ("11010519491231002X", "id number"),
    ("身份证110101195603080020", "id number"),
    ("91350100M000100Y43", "uscc"),
    ("CAN110078051201", "foreign card 2017"),
    ("13800138000", "mobile"),
    ("+86 138-0013-8000", "mobile"),
    ("020-38881234", "landline"),
])
def test_identifiers_are_refused(open_log, log_path: Path, value: str, kind: str) -> None:
    audit = open_log()
    with pytest.raises(PersonalDataRefused, match=f"'detail' holds what looks like a {kind}"):
        audit.record(AuditEvent.TECHNICIAN_ACTION, detail=value)
    assert log_path.read_bytes() == b""


def test_a_number_is_refused_as_well_as_its_text(open_log) -> None:
    with pytest.raises(PersonalDataRefused):
        open_log().record(AuditEvent.TECHNICIAN_ACTION, count=13800138000)


def test_the_name_of_the_visit_in_progress_is_refused(open_log, names: VisitNames) -> None:
    audit = open_log()
    names.add("王秀英")
    with pytest.raises(PersonalDataRefused, match="name"):
        audit.record(AuditEvent.VISIT_ENDED, reason="王秀英 finished")
    names.forget_all()
    assert audit.record(AuditEvent.VISIT_ENDED, reason="finish")["seq"] == 1


@pytest.mark.parametrize("key", ["name", "id_number", "phone", "address", "applicant_id"])
def test_fields_named_for_personal_data_are_refused(open_log, key: str) -> None:
    with pytest.raises(PersonalDataRefused, match="local reference instead"):
        open_log().record(AuditEvent.SUBMISSION_SPOOLED, **{key: "x"})


def test_fields_are_small_plain_values(open_log) -> None:
    audit = open_log()
    with pytest.raises(TypeError, match="plain value"):
        audit.record(AuditEvent.CONFIG_CHANGED, keys=["ui.language"])  # type: ignore[arg-type]
    long_error = "read failed: " + "x" * MAX_VALUE_CHARS
    detail = audit.record(AuditEvent.DEVICE_STATUS_CHANGED, detail=long_error)["fields"]["detail"]
    assert len(detail) == MAX_VALUE_CHARS and detail.endswith("…")


def test_a_long_value_is_checked_whole_before_it_is_cut(open_log) -> None:
    hidden = "x" * MAX_VALUE_CHARS + " 13800138000"
    with pytest.raises(PersonalDataRefused):
        open_log().record(AuditEvent.DEVICE_STATUS_CHANGED, detail=hidden)


def test_what_an_audit_needs_is_accepted(open_log) -> None:
    record = open_log().record(
        AuditEvent.SUBMISSION_DELIVERED, local_ref="K0755-20261123-0042",
        case_no="44010620261123000005", item_code="440106-GAJ-001", attempts=3,
        batch=True, device_id="K0107-0001", sent_at="2026-11-23T03:00:00+08:00",
        retry_after_s=2.5, problem=None, command_id="3f2b8c1e-9a4d-4c2e-8f7a-075588881234")
    assert record["fields"]["case_no"] == "44010620261123000005"


def test_the_same_field_rules_apply_to_every_writer(tmp_path: Path, clock) -> None:
    """The default register is the process's one: what the core adds, the log refuses."""
    from kiosk.audit.masking import VISIT_NAMES

    VISIT_NAMES.add("李明")
    try:
        with AuditLog(tmp_path / "audit.jsonl", clock) as audit, \
                pytest.raises(PersonalDataRefused):
            audit.record(AuditEvent.VISIT_ENDED, reason="李明")
    finally:
        VISIT_NAMES.forget_all()


@pytest.mark.parametrize(("key", "value"), [
    ("case_no", "110105194912310021"),  # the central's case numbers may be 18 digits
    ("case_no", "4401062026112300000512"),
    ("item_code", "13800138000"),  # an item code shaped like a mobile number
    ("local_ref", "K0107-20261123-0042"),
])
def test_identifiers_the_kiosk_or_central_issued_are_kept_whatever_they_look_like(
        open_log, key: str, value: str) -> None:
    assert open_log().record(AuditEvent.SUBMISSION_DELIVERED, **{key: value})["fields"] == {
        key: value}


@pytest.mark.parametrize("value", ["王秀英", "K0107 王", "A" * 65, "", 18, None])
def test_an_identifier_field_takes_nothing_but_an_identifier(open_log, value) -> None:
    with pytest.raises(PersonalDataRefused, match="not an identifier"):
        open_log().record(AuditEvent.SUBMISSION_DELIVERED, case_no=value)


def test_a_latin_name_is_found_as_a_word_not_inside_one(open_log, names: VisitNames) -> None:
    audit = open_log()
    names.add("Jo")
    assert audit.record(AuditEvent.TECHNICIAN_ACTION, action="JOB-REFRESH")["seq"] == 1
    with pytest.raises(PersonalDataRefused, match="name"):
        audit.record(AuditEvent.TECHNICIAN_ACTION, action="asked by jo at the desk")


def test_what_has_happened_is_never_made_a_failure_by_the_log(open_log, log_path: Path,
                                                             caplog) -> None:
    """try_record, the call of what already happened: a refused field is logged as the bug it
    is, without its value, and the caller goes on."""
    open_log().try_record(AuditEvent.TECHNICIAN_ACTION, detail="13800138000")
    assert log_path.read_bytes() == b""
    assert "a field was refused" in caplog.text and "13800138000" not in caplog.text
