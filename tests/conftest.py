"""Test-wide settings and fixtures: Qt offscreen on a portrait kiosk screen, set
before Qt loads, and a clock that moves only when a test says so."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from cups_queues import cupsd, jobs_of, pdf_queue, silent_queue  # noqa: F401 (fixtures)

from ui.keyboard.environment import prepare_keyboard
from ui.offscreen import platform_spec

os.environ["QT_QPA_PLATFORM"] = platform_spec("both")
prepare_keyboard()  # the kiosk's own keyboard, as `kiosk run` has it
os.environ.pop("KIOSK_CONFIG", None)

CST = timezone(timedelta(hours=8))


class ManualClock:
    """Injected time: timeouts are tested by moving it, never by sleeping."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 23, 3, 0, tzinfo=CST)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def _root_logging_restored() -> Iterator[None]:
    """A CLI command sets up the root logger for its process; in the tests many commands
    share one process, so each test leaves the root logger as it found it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def rig(tmp_path):
    """The reference central, the ID-card reader and the printer emulators, enrolled."""
    from rig.demo import DemoRig

    demo = DemoRig(workdir=tmp_path / "rig", receipts_dir=tmp_path / "receipts")
    try:
        demo.settings = demo.start()
        yield demo
    finally:
        demo.stop()


@pytest.fixture
def a4_rig(tmp_path):
    """The rig with an A4 printer: a cupsd of the test's own with a cups-pdf queue."""
    from rig.demo import DemoRig

    demo = DemoRig(workdir=tmp_path / "rig", receipts_dir=tmp_path / "receipts",
                   a4_dir=tmp_path / "a4")
    try:
        demo.settings = demo.start()
        yield demo
    finally:
        demo.stop()
