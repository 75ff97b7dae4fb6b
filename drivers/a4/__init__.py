"""The A4 printer through CUPS: the public face of the driver.

The core imports from here only: the printer (a CUPS queue, its status and a
PDF printed and followed to completion), its errors, and the pure mapping of a
queue's state to the DeviceStatus every device speaks.
"""

from __future__ import annotations

from drivers.a4.errors import (
    A4Error,
    A4JobFailed,
    A4JobTimedOut,
    A4NotReady,
    A4Rejected,
    A4Unavailable,
)
from drivers.a4.printer import A4Printer, PrintedJob
from drivers.a4.queue_state import QueueState, device_status

__all__ = [
    "A4Error",
    "A4JobFailed",
    "A4JobTimedOut",
    "A4NotReady",
    "A4Printer",
    "A4Rejected",
    "A4Unavailable",
    "PrintedJob",
    "QueueState",
    "device_status",
]
