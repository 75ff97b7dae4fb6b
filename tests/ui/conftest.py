"""Kiosk sessions over the rig for the UI tests, stopped when the test ends."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator

import pytest

from kiosk.settings.model import Settings
from ui.app import KioskSession


@pytest.fixture
def kiosk_session(qtbot, rig, clock) -> Iterator[Callable[..., KioskSession]]:
    """`kiosk_session(settings=None)`: the app's session over the rig's settings (or
    `settings`), its window handed to qtbot; every one opened is stopped afterwards."""
    opened: list[KioskSession] = []

    def open_session(settings: Settings | None = None) -> KioskSession:
        session = KioskSession(settings or rig.settings, clock)
        qtbot.addWidget(session.window)
        opened.append(session)
        return session

    yield open_session
    for session in opened:
        session.stop()


@pytest.fixture
def own_signals() -> Iterator[None]:
    """`kiosk run` takes SIGINT and SIGTERM over; the test run gets them back after."""
    kept = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in kept.items():
        signal.signal(sig, handler)
