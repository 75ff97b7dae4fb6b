"""Technician commands for the receipt printer: `kiosk print-test` and `kiosk reprint REF`.

A technician called to a kiosk whose printer "does not work" needs to see,
over SSH and without a citizen's visit, whether the printer answers, what it
says about paper and cover, and whether Chinese, ￥, rare name characters and
QR codes come out right; a citizen whose receipt tore or never came out needs
it again. Both commands show the printer's status (DLE EOT) before and after
printing and exit non-zero, with the reason, when nothing or not all of it
was printed. They open the printer and the spool from the same settings as
the running kiosk; the spool without requeueing what its sync worker holds.

Each command sets `handler` on the parsed namespace; the main CLI calls
`args.handler(args)` and exits with the number it returns.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from drivers.a4 import A4Error, A4Printer
from drivers.printer import PrintDocument, PrinterError
from kiosk.catalog.store import CatalogStore
from kiosk.clock import in_zone, site_zone
from kiosk.printing.a4_printer import a4_test_page, open_a4_printer
from kiosk.printing.printer import open_printer, site_name, test_page
from kiosk.printing.receipts import LOCALES, submission_receipt
from kiosk.settings.model import Settings
from kiosk.uplink.credentials import load_credentials
from offline_queue import EntryState, SpoolError, SpoolSummary

if TYPE_CHECKING:  # python-escpos configures the root logger on import: not before `run` does
    from drivers.printer import ReceiptPrinter

Handler = Callable[[argparse.Namespace], int]
Clock = Callable[[], datetime]
Command = Callable[[Settings, Clock, argparse.Namespace], int]
FAILED = 1
_UNDELIVERED = (EntryState.PENDING, EntryState.IN_FLIGHT)


def _print_reporting(printer: ReceiptPrinter, doc: PrintDocument, command: str) -> int:
    """Print `doc` between two status reports; FAILED when the receipt may be missing."""
    print(f"printer        {printer.url}")
    print(f"status before  {printer.read_status()}")
    try:
        printer.print(doc)
    except PrinterError as exc:
        print(f"kiosk {command}: not printed: {exc}", file=sys.stderr)
        outcome = FAILED
    else:
        print("printed")
        outcome = 0
    print(f"status after   {printer.read_status()}")
    return outcome


def _a4_status(printer: A4Printer) -> str:
    try:
        return str(printer.read_status())
    except A4Error as exc:
        return str(exc)


def _print_a4_test(settings: Settings, clock: Clock) -> int:
    """The A4 test page, between two reads of the queue's status; FAILED unless CUPS
    completed it."""
    printer = open_a4_printer(settings)
    if printer is None:
        print("kiosk print-test --a4: this kiosk has no A4 printer (a4_printer.queue is empty)",
              file=sys.stderr)
        return FAILED
    page = a4_test_page(settings, load_credentials(settings.device.state_dir), clock())
    print(f"A4 printer     {printer.where}")
    print(f"status before  {_a4_status(printer)}")
    try:
        job = printer.print_pdf(page, "A4 test page")
    except A4Error as exc:
        print(f"kiosk print-test --a4: not printed: {exc}", file=sys.stderr)
        outcome = FAILED
    else:
        print(f"printed        job {job.job_id}, completed in {job.seconds:.1f} s")
        outcome = 0
    print(f"status after   {_a4_status(printer)}")
    return outcome


def _print_test(settings: Settings, clock: Clock, args: argparse.Namespace) -> int:
    if args.a4:
        return _print_a4_test(settings, clock)
    credentials = load_credentials(settings.device.state_dir)
    with open_printer(settings) as printer:
        doc = test_page(settings, credentials, printer, clock(), locale=args.language)
        return _print_reporting(printer, doc, "print-test")


def _find_submission(settings: Settings, clock: Clock,
                     local_ref: str) -> tuple[SpoolSummary, str | None] | None:
    from kiosk.core import open_spool

    with open_spool(settings, clock, recover_in_flight=False) as spool:
        return spool.receipt_of(local_ref)


def _reprint(settings: Settings, clock: Clock, args: argparse.Namespace) -> int:
    try:
        found = _find_submission(settings, clock, args.local_ref)
    except (SpoolError, OSError) as exc:
        print(f"kiosk reprint: the spool cannot be read: {exc}", file=sys.stderr)
        return FAILED
    if found is None:
        print(f"kiosk reprint: no submission {args.local_ref} in this kiosk's spool "
              "(`kiosk spool list` shows what it holds)", file=sys.stderr)
        return FAILED
    entry, token = found
    if token is None:
        print(f"kiosk reprint: {args.local_ref} has no lookup token (spooled before tokens, or "
              "its payload was purged): the copy's QR code shows nothing by itself",
              file=sys.stderr)
    try:
        item = CatalogStore(settings.device.state_dir).current().item(entry.item_code)
        title, promise_days = item.title.model_dump(exclude_none=True), item.promise_days
    except KeyError:  # withdrawn from the catalog since: the code still identifies it
        title, promise_days = entry.item_code, None
    doc = submission_receipt(
        locale=args.language or settings.ui.language,
        site_name=site_name(load_credentials(settings.device.state_dir)),
        item_title=title, local_ref=entry.local_ref,
        submitted_at=entry.created_at.astimezone(clock().tzinfo), lookup_token=token,
        promise_days=promise_days, pending_upload=entry.state in _UNDELIVERED,
        reprinted_at=clock())
    with open_printer(settings) as printer:
        return _print_reporting(printer, doc, "reprint")


def _bind(command: Command, load_settings: Callable[[], Settings], clock: Clock) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        settings = load_settings()  # the paper tells time in the site's zone, as the kiosk's does
        return command(settings, in_zone(clock, site_zone(settings.device.time_zone)), args)

    return handler


def add_print_commands(subparsers: argparse._SubParsersAction,
                       load_settings: Callable[[], Settings], clock: Clock) -> None:
    """Add `print-test` and `reprint` to the kiosk CLI's subparsers.

    `load_settings` reads the kiosk's settings when a command runs (a SettingsError
    is the main CLI's to report); `clock` gives the local time printed on the paper.
    """
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument("--language", choices=LOCALES,
                          help="language of the paper (default: the kiosk's ui.language)")

    test = subparsers.add_parser("print-test", parents=[language],
                                 help="print a test page and show the printer's status")
    test.add_argument("--a4", action="store_true",
                      help="on the A4 printer (its CUPS queue) instead of the receipt printer")
    test.set_defaults(handler=_bind(_print_test, load_settings, clock))

    reprint = subparsers.add_parser("reprint", parents=[language],
                                    help="print a submission's receipt again, marked as a copy")
    reprint.add_argument("local_ref", metavar="LOCAL_REF", help="the reference on the receipt")
    reprint.set_defaults(handler=_bind(_reprint, load_settings, clock))
