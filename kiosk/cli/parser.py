"""The technician's commands that need no screen.

`kiosk` is one command for everything (ui.main adds the ones that open a
window); the commands here run headless over SSH on a kiosk or in CI.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.audit.log import AuditLog, audit_path
from kiosk.cli.audit import add_audit_commands
from kiosk.cli.command import run_command
from kiosk.cli.printing import add_print_commands
from kiosk.cli.spool import add_spool_commands
from kiosk.clock import local_now
from kiosk.settings.model import Settings, load_settings
from offline_queue import Spool, SpoolError, SpoolHeld


def _cmd_sync(args: argparse.Namespace) -> int:
    from kiosk.core import open_spool, open_sync

    settings = load_settings()
    # exclusive: a running kiosk delivers on its own, and a second worker would send
    # what it has in flight again
    with open_spool(settings, local_now, exclusive=True) as spool:
        worker = open_sync(settings, spool, local_now)
        result = worker.drain()
    # why entries wait, each reason once: "retried 40" alone sends a technician guessing
    # between a refused token, a dead network and a central that answers 503
    print(json.dumps({"delivered": result.delivered, "dead": result.dead,
                      "retried": result.retried, "unauthorized": result.unauthorized,
                      "errors": list(dict.fromkeys(result.errors))}, ensure_ascii=False))
    return 2 if result.unauthorized else 0


def _cmd_read_id(args: argparse.Namespace) -> int:
    """One card read as JSON for a technician at the kiosk; the photo only as its size."""
    import dataclasses

    import serial

    from drivers.idcard import IdCardError, read_one

    try:
        doc = read_one(args.port, args.baud, args.timeout)
    except (IdCardError, serial.SerialException) as exc:
        print(f"kiosk read-id: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    fields = {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc)}
    fields["photo"] = f"{len(doc.photo)} bytes"
    fields["fingerprint"] = f"{len(doc.fingerprint)} bytes"
    fields["expired"] = doc.is_expired(local_now().date())
    print(json.dumps(fields, ensure_ascii=False, indent=1, default=_json_value))
    return 0


def _json_value(value: object) -> object:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "code") and hasattr(value, "zh_CN"):
        return {"code": value.code, "zh_CN": value.zh_CN, "en": value.en}
    return str(value)


def _technician_spool(settings: Settings | None = None) -> Spool:
    from kiosk.core import open_spool

    return open_spool(settings or load_settings(), local_now, recover_in_flight=False)


def _technician_audit() -> AuditLog:
    """The kiosk's audit log: a running kiosk and a command write it in turn (an flock)."""
    return AuditLog(audit_path(load_settings().device.state_dir), local_now)


def _cmd_provision(args: argparse.Namespace) -> int:
    from kiosk.service.provisioning import PUBLIC_STORE, ProvisioningRefused, provision, trusted

    settings = load_settings(overrides={"central": {"url": args.central}})
    try:
        with _technician_spool(settings) as spool:
            done = provision(settings, args.code, spool=spool, clock=local_now, ca=args.ca,
                             exported=args.exported)
    except ProvisioningRefused as exc:
        print(f"kiosk provision: not done: {exc}", file=sys.stderr)
        return 1
    creds = done.credentials
    print(f"enrolled as {creds.device_id} at {creds.site_name('zh_CN')}")
    print(f"  the central is verified against {trusted(settings)}")
    if trusted(settings) == PUBLIC_STORE:
        print("  WARNING: no CA pinned: any CA of the public store could stand in for the "
              "central; provision again with --ca FILE", file=sys.stderr)
    for name, passed, detail in done.checks:
        print(f"  {'ok  ' if passed else 'FAIL'} {name}: {detail}")
    return 0 if done.ok else 1


def _cmd_technician_pin(args: argparse.Namespace) -> int:
    import getpass

    from kiosk.service.technician import hash_pin

    pin = getpass.getpass("new technician PIN (6-12 digits): ")
    if getpass.getpass("the same PIN again: ") != pin:
        print("kiosk technician-pin: the two PINs differ; nothing changed", file=sys.stderr)
        return 1
    return _print_setting("technician-pin", lambda: hash_pin(pin),
                          "put this line under [technician] in kiosk.toml:", 'pin_hash = "{}"')


def _cmd_technician_badge(args: argparse.Namespace) -> int:
    from kiosk.service.technician import hash_badge

    uid = args.uid if args.uid is not None else sys.stdin.readline()
    return _print_setting("technician-badge", lambda: hash_badge(uid),
                          "add this line to badge_hashes under [technician] in kiosk.toml:",
                          '    "{}",')


def _print_setting(command: str, make: Callable[[], str], where: str, shape: str) -> int:
    """Print a settings line for a technician to paste, or why the input was refused."""
    try:
        value = make()
    except ValueError as exc:
        print(f"kiosk {command}: {exc}", file=sys.stderr)
        return 1
    print(where)
    print(shape.format(value))
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.service.doctor import as_json, as_text, run_checks, standard_checks

    settings = load_settings()
    with _technician_spool(settings) as spool:
        findings = run_checks([*standard_checks(settings, spool, local_now),
                               *args.extra_checks])
    print(json.dumps(as_json(findings), ensure_ascii=False, indent=1) if args.json
          else as_text(findings))
    return 0 if all(f.ok for f in findings) else 1


def build_parser(doctor_checks: Sequence[Callable[[], Any]] = ()) \
        -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    """`doctor_checks` are checks of the layers above the core (the screens' translations)."""
    parser = argparse.ArgumentParser(prog="kiosk", description="Self-service kiosk terminal")
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log at debug level")
    commands = parser.add_subparsers(dest="command", required=True)

    sync = commands.add_parser("sync", help="deliver the spool to the central")
    sync.add_argument("--once", action="store_true", required=True,
                      help="drain what is due now, print the counts and exit")
    sync.set_defaults(handler=_cmd_sync)

    provision = commands.add_parser("provision", help="enroll this kiosk with the central")
    provision.add_argument("--central", required=True, help="base URL ending in /kiosk/v1")
    provision.add_argument("--code", required=True, help="one-time enrollment code")
    provision.add_argument("--ca", type=Path, help="CA bundle to pin the central to")
    provision.add_argument("--exported", type=Path, action="append", default=[],
                           help="an export of the spool's undelivered entries (re-provisioning)")
    provision.set_defaults(handler=_cmd_provision)

    read_id = commands.add_parser("read-id", help="read one ID card and print it as JSON")
    read_id.add_argument("--port", required=True, help="serial port of the ID-card reader")
    read_id.add_argument("--baud", type=lambda v: v if v == "auto" else int(v), default=115200)
    read_id.add_argument("--timeout", type=float, default=10.0,
                         help="seconds to wait for a card to be placed")
    read_id.set_defaults(handler=_cmd_read_id)

    doctor = commands.add_parser("doctor", help="check settings, devices, central, clock, "
                                                "disk, spool and catalog")
    doctor.add_argument("--json", action="store_true", help="findings as JSON, for machines")
    doctor.set_defaults(handler=_cmd_doctor, extra_checks=list(doctor_checks))

    technician = commands.add_parser("technician-pin",
                                     help="make the settings line for a technician PIN")
    technician.set_defaults(handler=_cmd_technician_pin)
    badge = commands.add_parser("technician-badge",
                                help="make the settings line that enrolls a technician's badge")
    badge.add_argument("uid", nargs="?",
                       help="the badge's UID in hex, as NFC tools print it (else read from "
                            "standard input, which keeps it out of the shell history)")
    badge.set_defaults(handler=_cmd_technician_badge)

    add_spool_commands(commands, _technician_spool, _technician_audit)
    add_print_commands(commands, load_settings, local_now)
    add_audit_commands(commands, load_settings)
    return parser, commands


# sysexits' EX_TEMPFAIL: not now, try again once the kiosk is stopped
EX_TEMPFAIL = 75


def _refused_while_the_kiosk_runs(handler: Callable[[argparse.Namespace], int]
                                  ) -> Callable[[argparse.Namespace], int]:
    """A command that would write to the spool the running kiosk owns, or finds the spool
    unusable, says so and how to go on, instead of a traceback."""
    def guarded(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except SpoolHeld as exc:
            print(f"kiosk: not done: {exc}", file=sys.stderr)
            return EX_TEMPFAIL
        except SpoolError as exc:  # what to do about it is in the message
            print(f"kiosk: not done: {exc}", file=sys.stderr)
            return 1
    return guarded


def run(parser: argparse.ArgumentParser, argv: list[str] | None) -> int:
    args = parser.parse_args(argv)
    return run_command(_refused_while_the_kiosk_runs(args.handler), args, verbose=args.verbose)


def main(argv: list[str] | None = None) -> int:
    parser, _ = build_parser()
    return run(parser, argv)
