"""Technician commands for the offline spool: `kiosk spool status|list|retry|export|import`,
and the fees paid at the kiosk it keeps: `kiosk spool payments|clear-payment`.

A technician at a kiosk that says "backlog full" or shows dead letters needs
to see what is stuck and act on it without opening SQLite by hand. Listings
show references, items and errors only; decrypted personal data leaves the
spool only through `export`, into a file only its owner can read.

Each command sets `handler` on the parsed namespace; the main CLI calls
`args.handler(args)` and exits with the number it returns.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.audit.log import AuditLog
from kiosk.service.export import export_state
from kiosk.service.payments import CLEARED_HOW, clear_paid, payment_line
from offline_queue import EntryState, Spool, SpoolError, SpoolHeld

Handler = Callable[[argparse.Namespace], int]
_STATES = [state.value for state in EntryState]


def _status(spool: Spool, args: argparse.Namespace) -> int:
    stats = spool.stats()
    verdict = spool.gate()
    print(f"pending    {stats.pending}")
    print(f"in flight  {stats.in_flight}")
    print(f"delivered  {stats.delivered}")
    print(f"dead       {stats.dead}")
    oldest = stats.oldest_pending_at.isoformat() if stats.oldest_pending_at else "-"
    print(f"oldest undelivered  {oldest}")
    next_due = spool.next_due_at()
    print(f"next attempt        {next_due.isoformat() if next_due else '-'}")
    gate = "open" if verdict.open else f"CLOSED ({verdict.reason})"
    print(f"gate       {gate}: {verdict.detail}")
    return 0


def _list(spool: Spool, args: argparse.Namespace) -> int:
    for item in spool.list_entries(args.state):
        print("\t".join([item.id, item.local_ref, item.item_code, item.state,
                         item.created_at.isoformat(), str(item.attempts),
                         item.case_no or "-", item.last_error or "-"]))
    return 0


def _retry(spool: Spool, args: argparse.Namespace) -> int:
    if args.dead:
        print(f"{spool.retry_dead()} dead entries queued for delivery")
    else:
        spool.retry(args.entry_id)
        print(f"{args.entry_id} queued for delivery")
    return 0


def _export(spool: Spool, args: argparse.Namespace) -> int:
    print(export_state(spool, args.out, EntryState(args.state)))
    return 0


def _import(spool: Spool, args: argparse.Namespace) -> int:
    result = spool.import_file(args.file)
    print(f"{result.added} entries added, {result.skipped} already present")
    return 0


def _payments(spool: Spool, args: argparse.Namespace) -> int:
    for record in spool.unsettled_payments():
        print(payment_line(record))
    return 0


def _clearing(open_audit: Callable[[], AuditLog]) -> Callable[[Spool, argparse.Namespace], int]:
    def clear(spool: Spool, args: argparse.Namespace) -> int:
        with open_audit() as audit:
            print(clear_paid(spool, audit, args.payment_id, args.how))
        return 0
    return clear


def _bind(command: Callable[[Spool, argparse.Namespace], int],
          open_spool: Callable[[], Spool]) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        try:
            with open_spool() as spool:
                return command(spool, args)
        except SpoolHeld:
            raise  # every command says the same of it (kiosk.cli.parser)
        except (SpoolError, OSError, ValueError) as exc:
            print(f"kiosk spool {args.spool_command}: {exc}", file=sys.stderr)
            return 1

    return handler


def add_spool_commands(subparsers: argparse._SubParsersAction,
                       open_spool: Callable[[], Spool],
                       open_audit: Callable[[], AuditLog]) -> None:
    """Add the `spool` command and its subcommands to the kiosk CLI's subparsers.

    `open_spool` opens the kiosk's spool; it should pass recover_in_flight=False,
    as the running app's sync worker may hold entries in flight. `open_audit` opens the
    kiosk's audit log, where a payment cleared by hand is recorded.
    """
    spool = subparsers.add_parser("spool", help="inspect and repair the offline spool")
    commands = spool.add_subparsers(dest="spool_command", required=True, metavar="COMMAND")

    status = commands.add_parser("status", help="counts by state, gate and next attempt")
    status.set_defaults(handler=_bind(_status, open_spool))

    listing = commands.add_parser("list", help="entries, without personal data")
    listing.add_argument("--state", choices=_STATES)
    listing.set_defaults(handler=_bind(_list, open_spool))

    retry = commands.add_parser("retry", help="queue an entry (or every dead one) for delivery")
    which = retry.add_mutually_exclusive_group(required=True)
    which.add_argument("entry_id", nargs="?", metavar="ID")
    which.add_argument("--dead", action="store_true", help="every dead entry")
    retry.set_defaults(handler=_bind(_retry, open_spool))

    export = commands.add_parser("export", help="write entries decrypted, for hand delivery")
    export.add_argument("--state", choices=_STATES, default=EntryState.DEAD.value)
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.set_defaults(handler=_bind(_export, open_spool))

    importing = commands.add_parser("import", help="add the entries of an export file")
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.set_defaults(handler=_bind(_import, open_spool))

    payments = commands.add_parser("payments", help="fees paid at the kiosk not yet settled")
    payments.set_defaults(handler=_bind(_payments, open_spool))

    clear = commands.add_parser(
        "clear-payment", help="settle by hand a paid fee whose visit ended with nothing "
        "delivered, once the citizen was refunded or given what it paid for")
    clear.add_argument("payment_id", metavar="PAYMENT_ID")
    clear.add_argument("--how", choices=CLEARED_HOW, required=True)
    clear.set_defaults(handler=_bind(_clearing(open_audit), open_spool))
