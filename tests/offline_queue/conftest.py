"""Shared fixtures of the spool tests: an injectable clock and a spool factory on tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from spool_helpers import PLENTY_OF_DISK, FakeClock

from offline_queue import Spool, SpoolEvent


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def events() -> list[SpoolEvent]:
    return []


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "spool.db"


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "spool.key"


@pytest.fixture
def make_spool(db_path: Path, key_path: Path, clock: FakeClock,
               events: list[SpoolEvent]) -> Iterator[Callable[..., Spool]]:
    """Opens spools on the test's files; every one is closed at the end of the test."""
    opened: list[Spool] = []

    def make(**overrides: Any) -> Spool:
        options: dict[str, Any] = {
            "device_prefix": "K0107", "clock": clock, "disk_free": lambda: PLENTY_OF_DISK,
            "on_event": events.append}
        options.update(overrides)
        spool = Spool(db_path, key_path, **options)
        opened.append(spool)
        return spool

    yield make
    for spool in opened:
        spool.close()


@pytest.fixture
def spool(make_spool: Callable[..., Spool]) -> Spool:
    return make_spool()
