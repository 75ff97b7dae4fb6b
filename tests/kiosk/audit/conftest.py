"""An audit log on the test's own folder and clock, with its own register of visit names."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.audit.log import AuditEvent, AuditLog
from kiosk.audit.masking import VisitNames


@pytest.fixture
def names() -> VisitNames:
    return VisitNames()


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "audit.jsonl"


@pytest.fixture
def open_log(log_path: Path, clock: Callable,
             names: VisitNames) -> Iterator[Callable[[], AuditLog]]:
    """Opens logs on the test's file, as the app and a technician's command each would."""
    opened: list[AuditLog] = []

    def opener() -> AuditLog:
        opened.append(AuditLog(log_path, clock, names=names))
        return opened[-1]

    yield opener
    for audit in opened:
        audit.close()


@pytest.fixture
def written(open_log: Callable[[], AuditLog], clock) -> Path:
    """A log of five events of one visit and a delivery, closed again."""
    audit = open_log()
    audit.record(AuditEvent.VISIT_STARTED)
    clock.advance(40)
    audit.record(AuditEvent.SUBMISSION_SPOOLED, local_ref="K0107-20261123-0001",
                 item_code="440106-GAJ-001")
    audit.record(AuditEvent.VISIT_ENDED, reason="finish")
    clock.advance(30)
    audit.record(AuditEvent.SUBMISSION_DELIVERED, local_ref="K0107-20261123-0001",
                 case_no="44010620261123000005")
    audit.record(AuditEvent.COMMAND_EXECUTED, command="refresh_catalog", id="c-1")
    audit.close()
    return audit.path
