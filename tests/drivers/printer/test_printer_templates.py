"""Receipt templates: the right words in the visit's language, the big number, the QR."""

from __future__ import annotations

from datetime import datetime

import pytest

from drivers.printer.document import Cut, Qr, Row, Text
from drivers.printer.profile import PrinterProfile
from kiosk.printing.receipts import (
    ReceiptError,
    a4_document_slip,
    printer_test_page,
    query_document,
    queue_ticket,
    rating_thanks,
    submission_receipt,
)

AT = datetime(2026, 11, 23, 14, 5)
TOKEN = "Xq3vN8pLr2TzW5yA7bKc0d"
TITLE = {"zh_CN": "参保登记", "zh_TW": "參保登記", "en": "Enrolment"}


def submission(locale: str, **extra: object):  # type: ignore[no-untyped-def]
    return submission_receipt(
        locale=locale, site_name={"zh_CN": "中心", "en": "Centre"}, item_title=TITLE,
        local_ref="K0107-20261123-0042", submitted_at=AT, lookup_token=TOKEN, **extra,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("locale", "item_row", "query_hint"),
    [
        ("zh_CN", Row("办理事项", "参保登记"), "在任一自助终端扫描此码"),
        ("zh_TW", Row("辦理事項", "參保登記"), "在任一自助終端掃描此碼"),
        ("en", Row("Service", "Enrolment"), "scan this code at any kiosk"),
    ],
)
def test_submission_receipt_speaks_the_visit_language(
    locale: str, item_row: Row, query_hint: str
) -> None:
    blocks = submission(locale, promise_days=5).blocks
    assert item_row in blocks
    assert Text("K0107-20261123-0042", align="center", bold=True, size="double_height") in blocks
    assert Qr(f"K0107-20261123-0042.{TOKEN}", 6) in blocks
    assert not any(isinstance(b, (Text, Row)) and TOKEN in str(b) for b in blocks)
    assert any(isinstance(b, Text) and query_hint in b.text for b in blocks)
    assert Row({"zh_CN": "受理时间", "zh_TW": "受理時間", "en": "Received"}[locale],
               "2026-11-23 14:05") in blocks
    assert blocks[-1] == Cut(partial=True)


def test_site_name_falls_back_to_simplified_chinese() -> None:
    assert submission("zh_TW").blocks[0] == Text("中心", align="center", bold=True)


def test_optional_lines_appear_only_when_given() -> None:
    plain = submission("zh_CN").blocks
    assert not any(isinstance(b, Row) and b.label == "承诺时限" for b in plain)
    promised = submission("zh_CN", promise_days=5, pending_upload=True).blocks
    assert Row("承诺时限", "5个工作日") in promised
    assert any(isinstance(b, Text) and "网络恢复后" in b.text for b in promised)
    assert not any(isinstance(b, Text) and "补打" in b.text for b in promised)


def test_a_reprint_is_marked_under_the_title() -> None:
    blocks = submission("zh_CN", reprinted_at=datetime(2026, 11, 24, 9, 0)).blocks
    assert blocks[3] == Text("【补打】2026-11-24 09:00", align="center", bold=True)


def test_the_test_page_describes_the_printer_it_was_printed_on() -> None:
    doc = printer_test_page(
        locale="en", site_name="", device_id=None, serial_number="KS2100-0107",
        printer_url="serial:///dev/ttyS0?baudrate=19200", printed_at=AT,
        profile=PrinterProfile(paper_width_mm=58, encoding="big5", qr="raster",
                               partial_cut=False),
    )
    for row in (Row("Device", "not provisioned"), Row("Paper", "58 mm, 32 columns"),
                Row("Encoding", "big5"), Row("QR codes", "sent as an image"),
                Row("Cut", "full"), Row("Amount", "￥1,234.50")):
        assert row in doc.blocks
    assert Qr("KS2100-0107 2026-11-23 14:05", 6) in doc.blocks
    assert not any(isinstance(b, Row) and b.label == "Rare characters" for b in doc.blocks)


def test_query_document_prints_rows_number_and_verify_code() -> None:
    doc = query_document(
        locale="en", site_name="Centre", title={"zh_CN": "证明", "en": "Record"},
        lines=[({"zh_CN": "姓名", "en": "Name"}, "张䶮")], document_no="FZ-1",
        issued_at=AT, verify_url="https://v.example.gov.cn/FZ-1",
    )
    assert Text("Record", align="center", bold=True, size="double") in doc.blocks
    assert Row("Name", "张䶮") in doc.blocks
    assert Row("Document no.", "FZ-1") in doc.blocks
    assert Qr("https://v.example.gov.cn/FZ-1", 6) in doc.blocks


@pytest.mark.parametrize(("locale", "paid", "receipt"), [
    ("zh_CN", Row("已缴费用", "￥10.00"), Row("财政电子票据号", "4401-R-7")),
    ("en", Row("Fee paid", "CNY 10.00"), Row("Fiscal e-receipt no.", "4401-R-7")),
])
def test_a_document_paid_at_the_kiosk_prints_the_fee_and_its_fiscal_receipt(
        locale: str, paid: Row, receipt: Row) -> None:
    fee = (1000, "4401-R-7")
    record = query_document(locale=locale, site_name="Centre", title="Record", lines=[],
                            document_no="GAJ-1", issued_at=AT, fee=fee)
    slip = a4_document_slip(locale=locale, site_name="Centre", title="Record",
                            document_no="GAJ-1", issued_at=AT, pages=1, fee=fee)
    free = a4_document_slip(locale=locale, site_name="Centre", title="Record",
                            document_no="GAJ-1", issued_at=AT, pages=1)
    for doc in (record, slip):
        assert paid in doc.blocks and receipt in doc.blocks
    assert paid not in free.blocks and receipt not in free.blocks


def test_queue_ticket_shows_the_number_big_and_the_wait() -> None:
    doc = queue_ticket(
        locale="zh_CN", site_name="中心", item_title=TITLE, ticket_no="A023", issued_at=AT,
        window="12", waiting_ahead=0,
    )
    assert Text("A023", align="center", bold=True, size="double") in doc.blocks
    assert Row("办理窗口", "12") in doc.blocks
    assert Row("前面等候", "0人") in doc.blocks


@pytest.mark.parametrize(
    ("level", "wording"), [(5, "非常满意"), (3, "基本满意"), (1, "非常不满意")]
)
def test_rating_levels_use_the_fixed_wording(level: int, wording: str) -> None:
    doc = rating_thanks(locale="zh_CN", site_name="中心", level=level, rated_at=AT)
    assert Row("评价", wording) in doc.blocks


def test_bad_arguments_are_typed_errors() -> None:
    with pytest.raises(ReceiptError, match="1-5"):
        rating_thanks(locale="en", site_name="x", level=6, rated_at=AT)
    with pytest.raises(ReceiptError, match="zh_CN, zh_TW, en"):
        submission("fr")
