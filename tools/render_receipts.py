"""Draw one PNG per receipt template, so people can look at receipts without a printer.

Reviewers of layout and wording (and whoever checks that no glyph prints as a
box) need the receipts as pictures; this writes them with the same renderer
the kiosk's preview and the printer emulator use, from fixed sample data.

    .venv/bin/python tools/render_receipts.py [--locale zh_CN] [--out docs/receipts]
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from drivers.printer.document import PrintDocument
from drivers.printer.profile import PrinterProfile
from kiosk.printing.receipts import (
    LOCALES,
    query_document,
    queue_ticket,
    rating_thanks,
    render_preview,
    submission_receipt,
)

SITE = {"zh_CN": "福州市鼓楼区政务服务中心", "zh_TW": "福州市鼓樓區政務服務中心",
        "en": "Gulou District Government Service Centre"}
AT = datetime(2026, 11, 23, 14, 5)


def samples(locale: str) -> dict[str, PrintDocument]:
    return {
        "submission": submission_receipt(
            locale=locale,
            site_name=SITE,
            item_title={
                "zh_CN": "城乡居民基本养老保险参保登记",
                "zh_TW": "城鄉居民基本養老保險參保登記",
                "en": "Enrolment in the basic pension scheme for residents",
            },
            local_ref="K0107-20261123-0042",
            submitted_at=AT,
            lookup_token="Xq3vN8pLr2TzW5yA7bKc0d",
            promise_days=5,
            pending_upload=True,
        ),
        "query_document": query_document(
            locale=locale,
            site_name=SITE,
            title={"zh_CN": "个人参保证明", "zh_TW": "個人參保證明", "en": "Insurance record"},
            lines=[
                ({"zh_CN": "姓名", "zh_TW": "姓名", "en": "Name"}, "张䶮"),
                ({"zh_CN": "参保状态", "zh_TW": "參保狀態", "en": "Status"}, "正常参保"),
                ({"zh_CN": "累计缴费", "zh_TW": "累計繳費", "en": "Contributions"}, "¥12,345.00"),
                ({"zh_CN": "参保地址", "zh_TW": "參保地址", "en": "Address"},
                 "福建省福州市鼓楼区五四路一百二十八号“政务大厦”三层"),
            ],
            document_no="FZ-2026-000123",
            issued_at=AT,
            verify_url="https://zwfw.example.gov.cn/v/FZ2026000123",
        ),
        "queue_ticket": queue_ticket(
            locale=locale,
            site_name=SITE,
            item_title={
                "zh_CN": "不动产登记", "zh_TW": "不動產登記", "en": "Property registration",
            },
            ticket_no="A023",
            issued_at=AT,
            window="12",
            waiting_ahead=4,
        ),
        "rating_thanks": rating_thanks(
            locale=locale, site_name=SITE, level=5, rated_at=AT, reference="K0107-20261123-0042"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale", choices=LOCALES, default="zh_CN")
    parser.add_argument("--out", type=Path, default=Path("docs/receipts"))
    parser.add_argument("--paper", type=int, choices=(58, 80), default=80)
    args = parser.parse_args()
    profile = PrinterProfile(paper_width_mm=args.paper)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, doc in samples(args.locale).items():
        path = args.out / f"{name}.png"
        path.write_bytes(render_preview(doc, profile))
        print(path)


if __name__ == "__main__":
    main()
