"""What every `kiosk` command runs inside: logging to the journal with personal data
masked, and a settings error reported as EX_CONFIG rather than as a traceback.

It lives apart from kiosk.cli.parser so that `kiosk run`, which systemd starts on every
boot and restart, can use it without importing the technician commands' parsers
and everything they import: the screen stays black until the kiosk's first frame.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from typing import TextIO

from kiosk.audit.masking import install_masking
from kiosk.settings.files import SettingsError

EX_CONFIG = 78


class _CurrentStderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a record comes, not to the one there was
    when logging was set up: a command run twice in one process (the tests do) must not
    log into a stream that has been closed since."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def run_command(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace,
                *, verbose: bool) -> int:
    """Set up logging and masking, then run one parsed command and return its exit code."""
    # force: python-escpos configures the root logger when it is imported, which would
    # otherwise leave every command at WARNING and silence what sync reports.
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True,
                        handlers=[_CurrentStderr()])
    install_masking()
    try:
        return handler(args)
    except SettingsError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EX_CONFIG
