"""The four receipts a kiosk prints, and a technician's test page, as printer documents.

Each is a plain function of plain arguments -- strings, datetimes and
translated texts as the central sends them ({"zh_CN": ..., "en": ...}) -- so
the session flow, the result screen's preview and the tests can all build
the same receipt without any other part of the core. Big numbers the citizen
must read at a glance (reference, ticket number) are printed large and, where
a machine reads them back (the reference, the verify URL), also as a QR code.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from drivers.printer import (
    Block,
    Cut,
    Feed,
    PrintDocument,
    PrinterProfile,
    Qr,
    Row,
    Rule,
    Text,
    printable,
)
from kiosk.printing.texts import (
    RATING_LEVELS,
    I18nText,
    ReceiptError,
    check_locale,
    label,
    pick,
    timestamp,
    yuan,
)
from offline_queue.refs import receipt_code

QR_SIZE = 6
# What a test page checks the printer prints right (HARDWARE.md §3): a line of
# Chinese punctuation only, the full-width yuan sign, and rare name characters
# outside U+4E00-U+9FA5 (U+20BB7 takes four bytes in GB18030; U+4DAE).
CHINESE_PUNCTUATION = "，。、；：？！“”《》（）【】"
SAMPLE_AMOUNT = "￥1,234.50"
RARE_NAME_CHARS = "𠮷䶮"


def _header(site_name: I18nText | str, title: str, locale: str) -> list[Block]:
    return [
        Text(pick(site_name, locale), align="center", bold=True),
        Text(title, align="center", bold=True, size="double"),
        Rule(),
    ]


def _footer() -> list[Block]:
    return [Feed(2), Cut(partial=True)]


def _fee_rows(fee: tuple[int, str] | None, locale: str) -> list[Block]:
    """What the citizen paid at the kiosk (fen, the fiscal receipt number), or nothing."""
    if fee is None:
        return []
    return [Row(label("fee_paid", locale), label("fee_amount", locale, yuan=yuan(fee[0]))),
            Row(label("fiscal_receipt", locale), fee[1])]


def submission_receipt(
    *,
    locale: str,
    site_name: I18nText | str,
    item_title: I18nText | str,
    local_ref: str,
    submitted_at: datetime,
    lookup_token: str | None,
    promise_days: int | None = None,
    pending_upload: bool = False,
    reprinted_at: datetime | None = None,
    fee: tuple[int, str] | None = None,
) -> PrintDocument:
    """Proof that the kiosk accepted a submission, with the reference to follow it by.

    The QR code carries the reference with `lookup_token`, which lets it show the case; the
    printed text shows the reference alone. An entry spooled before tokens has none (None),
    and its code carries the bare reference, as its first receipt's did.
    `pending_upload` adds a line saying the kiosk will send it on when it is online again.
    `reprinted_at` marks a copy a technician printed later, so two receipts for one
    submission are never taken for two submissions. `fee` (fen paid, the fiscal receipt
    number) prints what the citizen paid and the number of the electronic fiscal receipt.
    """
    check_locale(locale)
    blocks = _header(site_name, label("submission_title", locale), locale)
    if reprinted_at is not None:
        marker = label("reprint", locale, at=timestamp(reprinted_at))
        blocks.append(Text(marker, align="center", bold=True))
    blocks += [
        Row(label("item", locale), pick(item_title, locale)),
        Row(label("submitted_at", locale), timestamp(submitted_at)),
    ]
    if promise_days is not None:
        promise = label("promise_days", locale, days=promise_days)
        blocks.append(Row(label("promise", locale), promise))
    blocks += _fee_rows(fee, locale)
    blocks += [
        Rule(),
        Text(label("reference", locale), align="center"),
        Text(local_ref, align="center", bold=True, size="double_height"),
        Qr(receipt_code(local_ref, lookup_token) if lookup_token else local_ref, QR_SIZE),
        Text(label("how_to_query", locale)),
    ]
    if pending_upload:
        blocks.append(Text(label("pending_upload", locale)))
    return PrintDocument(tuple(blocks + _footer()))


def query_document(
    *,
    locale: str,
    site_name: I18nText | str,
    title: I18nText | str,
    lines: Iterable[tuple[I18nText | str, str]],
    document_no: str,
    issued_at: datetime,
    verify_url: str | None = None,
    fee: tuple[int, str] | None = None,
) -> PrintDocument:
    """A document the central issued (a certificate, a record), as label/value rows.

    `lines` are (label, value) pairs in print order, e.g. from the contract's Document.lines;
    `fee` (fen paid, the fiscal receipt number) for a document paid for at the kiosk.
    """
    check_locale(locale)
    blocks = _header(site_name, pick(title, locale), locale)
    blocks += [Row(pick(row_label, locale), value) for row_label, value in lines]
    blocks += [
        Rule(),
        Row(label("document_no", locale), document_no),
        Row(label("issued_at", locale), timestamp(issued_at)),
        *_fee_rows(fee, locale),
    ]
    if verify_url:
        blocks += [Qr(verify_url, QR_SIZE), Text(label("verify", locale), align="center")]
    return PrintDocument(tuple(blocks + _footer()))


def a4_document_slip(
    *,
    locale: str,
    site_name: I18nText | str,
    title: I18nText | str,
    document_no: str,
    issued_at: datetime,
    pages: int,
    fee: tuple[int, str] | None = None,
) -> PrintDocument:
    """The receipt that goes with a signed A4 document: which document, its number, and
    where the sheets came out, so a citizen who walks off without them can ask for them;
    with what was paid for it at the kiosk (`fee`: fen, the fiscal receipt number)."""
    check_locale(locale)
    blocks = _header(site_name, label("a4_slip_title", locale), locale)
    blocks += [
        Row(label("a4_document", locale), pick(title, locale)),
        Row(label("document_no", locale), document_no),
        Row(label("issued_at", locale), timestamp(issued_at)),
        Row(label("a4_pages", locale), str(pages)),
        *_fee_rows(fee, locale),
        Rule(),
        Text(label("a4_collect", locale)),
    ]
    return PrintDocument(tuple(blocks + _footer()))


def queue_ticket(
    *,
    locale: str,
    site_name: I18nText | str,
    item_title: I18nText | str,
    ticket_no: str,
    issued_at: datetime,
    window: str | None = None,
    waiting_ahead: int | None = None,
    starts_at: datetime | None = None,
) -> PrintDocument:
    """An appointment or queue ticket: the number big, then where to go and how long."""
    check_locale(locale)
    blocks = _header(site_name, label("ticket_title", locale), locale)
    blocks += [
        Text(pick(item_title, locale), align="center"),
        Text(label("ticket_no", locale), align="center"),
        Text(ticket_no, align="center", bold=True, size="double"),
        Feed(1),
    ]
    if window:
        blocks.append(Row(label("window", locale), window))
    if waiting_ahead is not None:
        waiting = label("waiting_count", locale, n=waiting_ahead)
        blocks.append(Row(label("waiting", locale), waiting))
    if starts_at is not None:
        blocks.append(Row(label("starts_at", locale), timestamp(starts_at)))
    blocks += [
        Row(label("taken_at", locale), timestamp(issued_at)),
        Rule(),
        Text(label("ticket_hint", locale)),
    ]
    return PrintDocument(tuple(blocks + _footer()))


def rating_thanks(
    *,
    locale: str,
    site_name: I18nText | str,
    level: int,
    rated_at: datetime,
    reference: str | None = None,
) -> PrintDocument:
    """Thanks for a 1-5 rating (5 = very satisfied), naming the level in fixed wording."""
    check_locale(locale)
    if level not in RATING_LEVELS:
        raise ReceiptError(f"rating level must be 1-5, not {level!r}")
    blocks = _header(site_name, label("rating_title", locale), locale)
    blocks.append(Row(label("rating", locale), RATING_LEVELS[level][locale]))
    if reference:
        blocks.append(Row(label("reference", locale), reference))
    blocks += [
        Row(label("rated_at", locale), timestamp(rated_at)),
        Rule(),
        Text(label("rating_hint", locale)),
    ]
    return PrintDocument(tuple(blocks + _footer()))


def printer_test_page(
    *,
    locale: str,
    site_name: I18nText | str,
    device_id: str | None,
    serial_number: str,
    printer_url: str,
    profile: PrinterProfile,
    printed_at: datetime,
) -> PrintDocument:
    """A page for a technician to see this printer prints everything a receipt needs.

    It names the device and the printer settings, so a page found in a drawer tells
    where it came from, and holds what goes wrong on a misconfigured printer: Chinese
    punctuation, ￥, rare name characters (only those the printer's encoding has: a
    Big5 printer cannot print them at all), aligned rows and a QR code.
    """
    check_locale(locale)
    blocks = _header(site_name, label("test_title", locale), locale)
    paper = label("paper_value", locale, mm=profile.paper_width_mm, cols=profile.columns)
    cut = label("cut_partial" if profile.partial_cut else "cut_full", locale)
    blocks += [
        Row(label("device", locale), device_id or label("not_provisioned", locale)),
        Row(label("serial_no", locale), serial_number),
        Row(label("printed_at", locale), timestamp(printed_at)),
        Row(label("printer", locale), printer_url),
        Row(label("paper", locale), paper),
        Row(label("encoding", locale), profile.encoding),
        Row(label("qr_mode", locale), label(f"qr_{profile.qr}", locale)),
        Row(label("cut", locale), cut),
        Rule(),
        Text(CHINESE_PUNCTUATION),
        Row(label("amount", locale), SAMPLE_AMOUNT),
    ]
    rare = [ch for ch in RARE_NAME_CHARS if printable(ch, profile.codec) == ch]
    if rare:
        blocks.append(Row(label("rare_chars", locale), " ".join(rare)))
    blocks += [
        Rule(),
        Qr(f"{device_id or serial_number} {timestamp(printed_at)}", QR_SIZE),
        Text(label("test_qr_hint", locale), align="center"),
    ]
    return PrintDocument(tuple(blocks + _footer()))
