"""The `python -m central` command line: serve, seed, add-code, make-certs.

A parent process (the demo rig, kiosk integration tests) starts `serve` with
`--port 0` and reads the single line `central listening on URL` from stdout.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from central.certs import make_certs
from central.clock import SystemClock
from central.db import Database
from central.devices import DeviceRegistry
from central.document_certs import make_document_certs
from central.seed import seed
from central.server import TlsFiles, bind, make_server, url_of
from central.services import NotSeededError, ServerSettings, build_services


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m central", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the reference central")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443, help="0 picks a free port")
    serve.add_argument("--db", type=Path, required=True, help="SQLite file (created if missing)")
    serve.add_argument("--seed", action="store_true", help="seed demo data if the DB is empty")
    serve.add_argument("--tls-cert", help="PEM server certificate (with --tls-key)")
    serve.add_argument("--tls-key", help="PEM private key of the server certificate")
    serve.add_argument("--document-certs", type=Path,
                       help="directory of the document-signing key and its CA (default: "
                            "beside --tls-cert, else made once beside --db)")
    serve.add_argument("--case-step-seconds", type=float, default=120.0,
                       help="seconds between the statuses of a new case (default 120)")
    serve.add_argument("--heartbeat-interval", type=int, default=60,
                       help="heartbeat_interval_s told to kiosks (>= 10, default 60)")
    serve.add_argument("--log-level", default="warning",
                       choices=["debug", "info", "warning", "error"])
    serve.add_argument("--access-log", action="store_true", help="log each request to stderr")

    seed_cmd = commands.add_parser("seed", help="seed demo data; print the unused enrollment codes")
    seed_cmd.add_argument("--db", type=Path, required=True)

    code = commands.add_parser("add-code", help="issue another one-time enrollment code")
    code.add_argument("--db", type=Path, required=True)
    code.add_argument("--code", help="the code to issue (random if omitted)")
    code.add_argument("--ttl-hours", type=float, default=24.0)

    certs = commands.add_parser("make-certs", help="write a test CA and a loopback server "
                                "cert, and a document-signing key with its own CA")
    certs.add_argument("directory", type=Path)
    return parser


def _document_certs(args: argparse.Namespace) -> Path | None:
    if args.document_certs is not None:
        return args.document_certs
    return Path(args.tls_cert).resolve().parent if args.tls_cert else None


def _serve(args: argparse.Namespace) -> int:
    if bool(args.tls_cert) != bool(args.tls_key):
        print("central: --tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    if args.heartbeat_interval < 10 or args.case_step_seconds < 0:
        print("central: --heartbeat-interval must be >= 10 and --case-step-seconds >= 0",
              file=sys.stderr)
        return 2
    logging.basicConfig(stream=sys.stderr, level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    clock = SystemClock()
    if args.seed:
        seed(args.db, clock.now())
    try:
        services = build_services(args.db, clock, ServerSettings(
            case_step_seconds=args.case_step_seconds,
            heartbeat_interval_s=args.heartbeat_interval), _document_certs(args))
    except NotSeededError as exc:
        print(f"central: {exc} (use --seed or `python -m central seed`)", file=sys.stderr)
        return 2
    tls = TlsFiles(args.tls_cert, args.tls_key) if args.tls_cert else None
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        print(f"central: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        services.close()
        return 1
    url = url_of(sock, tls)
    server = make_server(services, tls, lambda: print(f"central listening on {url}", flush=True),
                         log_level=args.log_level, access_log=args.access_log)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        services.close()
    return 0


def _add_code(args: argparse.Namespace) -> int:
    db = Database(args.db)
    try:
        now = SystemClock().now()
        expires_at = now + timedelta(hours=args.ttl_hours)
        code = DeviceRegistry(db).add_enrollment_code(args.code, expires_at)
    finally:
        db.close()
    print(json.dumps({"code": code, "expires_at": expires_at.isoformat()}))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    if args.command == "seed":
        codes = seed(args.db, SystemClock().now())
        print(json.dumps({"enrollment_codes": codes}))
        return 0
    if args.command == "add-code":
        return _add_code(args)
    files = make_certs(args.directory)
    documents = make_document_certs(args.directory)
    print(json.dumps({"ca_cert": str(files.ca_cert), "server_cert": str(files.server_cert),
                      "server_key": str(files.server_key),
                      "document_ca_cert": str(documents.ca_cert),
                      "document_signer_cert": str(documents.signer_cert),
                      "document_signer_key": str(documents.signer_key)}))
    return 0
