"""Phone, postal-code and e-mail checks: genuine values pass, common slips name their reason."""

from __future__ import annotations

import pytest

from kiosk.identifiers.formats import Reason, check_email, check_phone_cn, check_postal_code


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("13800138000", "13800138000"),
        ("199 1234 5678", "19912345678"),
        ("+86 138-0013-8000", "13800138000"),
        ("010-65123456", "01065123456"),
        ("(021)6432 1234", "02164321234"),
        ("0755-8123456", "07558123456"),
        ("0531-86012345", "053186012345"),
    ],
)
def test_genuine_numbers_pass(value: str, normalised: str) -> None:
    result = check_phone_cn(value)
    assert result.ok and result.value == normalised


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", Reason.EMPTY),
        ("138-0013-800O", Reason.CHARACTER),
        ("12800138000", Reason.FORMAT),
        ("1380013800", Reason.FORMAT),
        ("138001380001", Reason.FORMAT),
        ("65123456", Reason.FORMAT),
        ("010-12345678", Reason.FORMAT),
        ("0755-812345", Reason.FORMAT),
    ],
)
def test_phone_slips(value: str, reason: Reason) -> None:
    result = check_phone_cn(value)
    assert result.rejected and result.reason is reason


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("100006", Reason.OK),
        (" 510620 ", Reason.OK),
        ("", Reason.EMPTY),
        ("10000", Reason.LENGTH),
        ("1000060", Reason.LENGTH),
        ("10000a", Reason.CHARACTER),
        ("１００００６", Reason.CHARACTER),
    ],
)
def test_postal_codes(value: str, reason: Reason) -> None:
    assert check_postal_code(value).reason is reason


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("li.ming@example.com", Reason.OK),
        ("a+tag@mail.Example.CN", Reason.OK),
        ("", Reason.EMPTY),
        ("li.ming", Reason.FORMAT),
        ("li..ming@example.com", Reason.FORMAT),
        ("li@localhost", Reason.FORMAT),
        ("li@-example.com", Reason.FORMAT),
        ("李明@example.com", Reason.FORMAT),
        ("a" * 65 + "@example.com", Reason.FORMAT),
        ("a@" + "b" * 250 + ".com", Reason.LENGTH),
    ],
)
def test_emails(value: str, reason: Reason) -> None:
    assert check_email(value).reason is reason


def test_email_domain_is_lower_cased() -> None:
    assert check_email("Li.Ming@Example.COM").value == "Li.Ming@example.com"
