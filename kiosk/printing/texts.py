"""Every word a receipt prints, in the three languages of a visit.

Receipts are printed in the language the citizen chose on screen, and a
translator (or the reviewer of a Traditional-Chinese site) should find all
receipt wording in one table rather than spread over templates. Item titles
and document labels come translated from the central; `pick` chooses from
those the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

LOCALES = ("zh_CN", "zh_TW", "en")
I18nText = Mapping[str, str]


class ReceiptError(ValueError):
    """A receipt was asked for with arguments it cannot print (unknown locale, bad level)."""


LABELS: dict[str, dict[str, str]] = {
    "submission_title": {"zh_CN": "受理回执", "zh_TW": "受理回執", "en": "Acknowledgement"},
    "item": {"zh_CN": "办理事项", "zh_TW": "辦理事項", "en": "Service"},
    "submitted_at": {"zh_CN": "受理时间", "zh_TW": "受理時間", "en": "Received"},
    "promise": {"zh_CN": "承诺时限", "zh_TW": "承諾時限", "en": "Promised within"},
    "promise_days": {
        "zh_CN": "{days}个工作日", "zh_TW": "{days}個工作日", "en": "{days} working days",
    },
    "reference": {"zh_CN": "受理编号", "zh_TW": "受理編號", "en": "Reference"},
    "fee_paid": {"zh_CN": "已缴费用", "zh_TW": "已繳費用", "en": "Fee paid"},
    "fee_amount": {"zh_CN": "￥{yuan}", "zh_TW": "￥{yuan}", "en": "CNY {yuan}"},
    "fiscal_receipt": {"zh_CN": "财政电子票据号", "zh_TW": "財政電子票據號",
                       "en": "Fiscal e-receipt no."},
    "how_to_query": {
        "zh_CN": "查询进度：在任一自助终端扫描此码，或到人工窗口凭受理编号查询。"
                 "此码可查看办件，请妥善保管。",
        "zh_TW": "查詢進度：在任一自助終端掃描此碼，或到人工窗口憑受理編號查詢。"
                 "此碼可查看辦件，請妥善保管。",
        "en": "To follow your case, scan this code at any kiosk, or quote the reference at a "
              "service window. The code shows your case: keep this receipt safe.",
    },
    "pending_upload": {
        "zh_CN": "本机已受理，网络恢复后将自动提交。",
        "zh_TW": "本機已受理，網路恢復後將自動提交。",
        "en": "Accepted by this kiosk; it will be sent on as soon as the network is back.",
    },
    "reprint": {"zh_CN": "【补打】{at}", "zh_TW": "【補印】{at}", "en": "REPRINT {at}"},
    "document_no": {"zh_CN": "文书编号", "zh_TW": "文書編號", "en": "Document no."},
    "issued_at": {"zh_CN": "出具时间", "zh_TW": "出具時間", "en": "Issued"},
    "verify": {
        "zh_CN": "扫描二维码核验真伪",
        "zh_TW": "掃描 QR 碼核驗真偽",
        "en": "Scan the code to verify this document",
    },
    "a4_slip_title": {"zh_CN": "证明打印凭条", "zh_TW": "證明列印憑條",
                      "en": "Certificate printed"},
    "a4_document": {"zh_CN": "证明名称", "zh_TW": "證明名稱", "en": "Document"},
    "a4_pages": {"zh_CN": "A4页数", "zh_TW": "A4頁數", "en": "A4 pages"},
    "a4_collect": {
        "zh_CN": "盖章证明已从A4出纸口打印，请一并取走。证明上的二维码可供核验。",
        "zh_TW": "蓋章證明已從A4出紙口列印，請一併取走。證明上的QR碼可供核驗。",
        "en": "Your sealed certificate came out of the A4 tray: take it with you. "
              "Its code lets anyone verify it.",
    },
    "ticket_title": {"zh_CN": "排队凭条", "zh_TW": "排隊憑條", "en": "Queue ticket"},
    "ticket_no": {"zh_CN": "您的号码", "zh_TW": "您的號碼", "en": "Your number"},
    "window": {"zh_CN": "办理窗口", "zh_TW": "辦理窗口", "en": "Counter"},
    "waiting": {"zh_CN": "前面等候", "zh_TW": "前面等候", "en": "People ahead"},
    "waiting_count": {"zh_CN": "{n}人", "zh_TW": "{n}人", "en": "{n}"},
    "starts_at": {"zh_CN": "预约时间", "zh_TW": "預約時間", "en": "Appointment"},
    "taken_at": {"zh_CN": "取号时间", "zh_TW": "取號時間", "en": "Taken"},
    "ticket_hint": {
        "zh_CN": "请留意叫号，过号请重新取号。",
        "zh_TW": "請留意叫號，過號請重新取號。",
        "en": "Please listen for your number; if you miss it, take a new ticket.",
    },
    "rating_title": {
        "zh_CN": "感谢您的评价", "zh_TW": "感謝您的評價", "en": "Thank you for your rating",
    },
    "rating": {"zh_CN": "评价", "zh_TW": "評價", "en": "Your rating"},
    "rated_at": {"zh_CN": "评价时间", "zh_TW": "評價時間", "en": "Rated"},
    "rating_hint": {
        "zh_CN": "您的评价将用于改进政务服务。",
        "zh_TW": "您的評價將用於改進政務服務。",
        "en": "Your rating helps us improve our services.",
    },
    "test_title": {"zh_CN": "打印测试页", "zh_TW": "列印測試頁", "en": "Printer test page"},
    "device": {"zh_CN": "设备编号", "zh_TW": "設備編號", "en": "Device"},
    "not_provisioned": {"zh_CN": "未注册", "zh_TW": "未註冊", "en": "not provisioned"},
    "serial_no": {"zh_CN": "序列号", "zh_TW": "序號", "en": "Serial no."},
    "printed_at": {"zh_CN": "打印时间", "zh_TW": "列印時間", "en": "Printed"},
    "printer": {"zh_CN": "打印机", "zh_TW": "印表機", "en": "Printer"},
    "paper": {"zh_CN": "纸宽", "zh_TW": "紙寬", "en": "Paper"},
    "paper_value": {
        "zh_CN": "{mm}毫米，每行{cols}列", "zh_TW": "{mm}毫米，每行{cols}欄",
        "en": "{mm} mm, {cols} columns",
    },
    "encoding": {"zh_CN": "编码", "zh_TW": "編碼", "en": "Encoding"},
    "qr_mode": {"zh_CN": "二维码", "zh_TW": "QR 碼", "en": "QR codes"},
    "qr_native": {"zh_CN": "打印机生成", "zh_TW": "印表機產生", "en": "drawn by the printer"},
    "qr_raster": {"zh_CN": "位图", "zh_TW": "點陣圖", "en": "sent as an image"},
    "cut": {"zh_CN": "切纸", "zh_TW": "切紙", "en": "Cut"},
    "cut_partial": {"zh_CN": "半切", "zh_TW": "半切", "en": "partial"},
    "cut_full": {"zh_CN": "全切", "zh_TW": "全切", "en": "full"},
    "amount": {"zh_CN": "金额", "zh_TW": "金額", "en": "Amount"},
    "rare_chars": {"zh_CN": "生僻字", "zh_TW": "罕用字", "en": "Rare characters"},
    "test_qr_hint": {
        "zh_CN": "此码能扫出，二维码打印即正常。",
        "zh_TW": "此碼能掃出，QR 碼列印即正常。",
        "en": "If this code scans, QR printing works.",
    },
}

# Fixed wording of the five rating levels (HARDWARE.md §5), 5 = best.
RATING_LEVELS: dict[int, dict[str, str]] = {
    5: {"zh_CN": "非常满意", "zh_TW": "非常滿意", "en": "Very satisfied"},
    4: {"zh_CN": "满意", "zh_TW": "滿意", "en": "Satisfied"},
    3: {"zh_CN": "基本满意", "zh_TW": "基本滿意", "en": "Fairly satisfied"},
    2: {"zh_CN": "不满意", "zh_TW": "不滿意", "en": "Dissatisfied"},
    1: {"zh_CN": "非常不满意", "zh_TW": "非常不滿意", "en": "Very dissatisfied"},
}


def check_locale(locale: str) -> str:
    if locale not in LOCALES:
        raise ReceiptError(f"receipts are printed in {', '.join(LOCALES)}, not {locale!r}")
    return locale


def pick(text: I18nText | str, locale: str) -> str:
    """`text` in `locale`, else in zh_CN (always present per the contract), else any."""
    if isinstance(text, str):
        return text
    return text.get(locale) or text.get("zh_CN") or next(iter(text.values()), "")


def label(key: str, locale: str, **values: object) -> str:
    return LABELS[key][locale].format(**values)


def yuan(fen: int) -> str:
    """An amount kept in fen, as the receipt, the screens and the technician write it."""
    return f"{fen / 100:.2f}"


def timestamp(moment: datetime) -> str:
    """Local time as printed on every receipt, the same in every language."""
    return moment.strftime("%Y-%m-%d %H:%M")
