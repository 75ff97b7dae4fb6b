"""Technician commands for the audit log: `kiosk audit verify` and `kiosk audit tail`.

An auditor asks whether a kiosk's record of its nights can be trusted, and a
technician asks what it did last; both over SSH, without reading JSON by
hand. `verify` exits 0 only for an intact log and otherwise names the first
bad line and why; `tail` prints the latest events one per line. `--path`
checks a copy taken off the device, with no settings needed.

Each command sets `handler` on the parsed namespace; the main CLI calls
`args.handler(args)` and exits with the number it returns.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.audit.log import audit_path, tail_lines, verify
from kiosk.settings.model import Settings

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[Path, argparse.Namespace], int]
DEFAULT_TAIL = 20


def _verify(path: Path, args: argparse.Namespace) -> int:
    result = verify(path)
    print(f"{path}: {result}")
    return 0 if result.ok else 1


def _count(text: str) -> int:
    count = int(text)
    if count < 1:
        raise argparse.ArgumentTypeError("N is how many events to show: 1 or more")
    return count


def _describe(line: bytes) -> str:
    """One stored line as a person reads it: number, time, event, then its fields."""
    try:
        record = json.loads(line)
        fields = " ".join(f"{key}={value}" for key, value in record["fields"].items())
        return f"{record['seq']:>7}  {record['time']}  {record['event']:<24} {fields}".rstrip()
    except (ValueError, TypeError, KeyError, AttributeError):
        return f"{'?':>7}  unreadable line of {len(line)} bytes (kiosk audit verify says why)"


def _tail(path: Path, args: argparse.Namespace) -> int:
    for line in tail_lines(path, args.n):
        print(_describe(line))
    return 0


def _bind(command: Command, load_settings: Callable[[], Settings]) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        path = args.path or audit_path(load_settings().device.state_dir)
        try:
            return command(path, args)
        except OSError as exc:
            print(f"kiosk audit {args.audit_command}: {exc}", file=sys.stderr)
            return 1

    return handler


def add_audit_commands(subparsers: argparse._SubParsersAction,
                       load_settings: Callable[[], Settings]) -> None:
    """Add the `audit` command and its subcommands to the kiosk CLI's subparsers.

    The log is the one in the settings' state folder unless --path names another.
    """
    audit = subparsers.add_parser("audit", help="check and read the audit log")
    commands = audit.add_subparsers(dest="audit_command", required=True, metavar="COMMAND")
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--path", type=Path, metavar="FILE",
                       help="an audit log other than this kiosk's (a copy, say)")

    checking = commands.add_parser("verify", parents=[where],
                                   help="check the hash chain and the anchor; exit 1 if broken")
    checking.set_defaults(handler=_bind(_verify, load_settings))

    tail = commands.add_parser("tail", parents=[where], help="print the latest events")
    tail.add_argument("-n", type=_count, default=DEFAULT_TAIL, metavar="N",
                      help=f"how many (default {DEFAULT_TAIL})")
    tail.set_defaults(handler=_bind(_tail, load_settings))
