"""Every receipt template with sample data, for tests that send receipts over a wire."""

from __future__ import annotations

from datetime import datetime

from drivers.printer.document import PrintDocument
from kiosk.printing.receipts import query_document, queue_ticket, rating_thanks, submission_receipt

AT = datetime(2026, 11, 23, 9, 30)
SITE = {"zh_CN": "鼓楼区政务服务中心", "zh_TW": "鼓樓區政務服務中心", "en": "Gulou Service Centre"}


def templates(locale: str) -> dict[str, PrintDocument]:
    return {
        "submission": submission_receipt(
            locale=locale, site_name=SITE, item_title={"zh_CN": "参保登记", "en": "Enrolment"},
            local_ref="K0107-20261123-0042", submitted_at=AT,
            lookup_token="Xq3vN8pLr2TzW5yA7bKc0d", promise_days=5, pending_upload=True,
        ),
        "query": query_document(
            locale=locale, site_name=SITE, title={"zh_CN": "参保证明", "en": "Record"},
            lines=[({"zh_CN": "姓名"}, "张䶮"), ({"zh_CN": "缴费"}, "¥1,200.00")],
            document_no="FZ-1", issued_at=AT, verify_url="https://v.example.gov.cn/FZ-1",
        ),
        "ticket": queue_ticket(
            locale=locale, site_name=SITE, item_title="不动产登记", ticket_no="A023",
            issued_at=AT, window="12", waiting_ahead=4, starts_at=AT,
        ),
        "rating": rating_thanks(
            locale=locale, site_name=SITE, level=2, rated_at=AT, reference="K1"
        ),
    }
