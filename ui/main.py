"""The `kiosk` command: the headless commands of kiosk.cli.parser plus those with a window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.command import run_command
from kiosk.clock import local_now
from kiosk.settings.files import (
    SettingsUnreadable,
    default_settings,
    read_settings,
    refuse_writable_by_others,
    site_config_path,
)

if TYPE_CHECKING:  # the doctor loads device drivers; only `kiosk doctor` needs them
    from kiosk.service.doctor import Finding


def _cmd_run(args: argparse.Namespace) -> int:
    from ui.app import run_kiosk, run_out_of_service
    from ui.out_of_order import Fault

    site = site_config_path()
    try:
        if site is not None and site.exists():
            refuse_writable_by_others(site)
        settings = read_settings()  # checked while its first frame shows
    except SettingsUnreadable as exc:  # on the screen, not a restart every 2 s
        look = default_settings().first_look()
        assert look is not None  # the bundled defaults are whole
        return run_out_of_service(look, Fault("settings_unreadable",
                                              {"path": str(exc.path), "why": exc.why}),
                                  local_now)
    return run_kiosk(settings, local_now)


def _cmd_demo(args: argparse.Namespace) -> int:
    from ui.demo import run_demo

    return run_demo(out_dir=args.out, headless=args.headless)


def check_translations() -> Finding:
    """The screens' compiled translations are there for every language a visit can use."""
    from kiosk.service.doctor import Finding
    from ui.languages import LANGUAGES
    from ui.translations import TRANSLATIONS_DIR

    missing = [code for code, _name in LANGUAGES
               if not (TRANSLATIONS_DIR / f"kiosk_{code}.qm").is_file()]
    if missing:
        return Finding("translations", False, f"no .qm for {', '.join(missing)} in "
                                              f"{TRANSLATIONS_DIR}; reinstall the kiosk")
    return Finding("translations", True, f"{len(LANGUAGES)} languages")


def main(argv: list[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else argv) == ["run"]:
        # what systemd starts: straight to the first frame, without building (and
        # importing) every technician command's parser first
        return run_command(_cmd_run, argparse.Namespace(), verbose=False)
    from kiosk.cli.parser import build_parser, run

    parser, commands = build_parser(doctor_checks=[check_translations])
    run_cmd = commands.add_parser("run", help="run the kiosk on this machine's screen")
    run_cmd.set_defaults(handler=_cmd_run)
    demo = commands.add_parser(
        "demo", help="run the kiosk against a local central and emulated devices")
    demo.add_argument("--headless", action="store_true",
                      help="script one visit and write screenshots instead of opening windows "
                           "(the default when there is no display)")
    demo.add_argument("--out", type=Path, default=Path("demo-output"),
                      help="where screenshots and receipts go (default ./demo-output)")
    demo.set_defaults(handler=_cmd_demo)
    return run(parser, argv)
