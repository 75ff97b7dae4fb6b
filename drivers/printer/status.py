"""What the printer says about itself, read with real-time status (DLE EOT n).

A kiosk prints at 3 a.m. with nobody watching: it must refuse a receipt when
the paper is out, warn the technician when it is running low, and never call a
silent printer healthy (python-escpos's `paper_status()` answers "paper OK"
when nothing answers at all). The decoders are pure functions over the reply
bytes (see HARDWARE.md §3); `read_status` asks over a transport and turns
silence into "offline, no answer".

Some printers and most print servers never answer DLE EOT, yet print fine.
A per-printer policy says what silence means: "required" (a printer that
does not answer is offline: nothing is sent), "best_effort" (silence is
"status unknown" and the receipt goes out; a printer that does answer "paper
out" or "cover open" is still refused), or "none" (never ask: status unknown).
"""

from __future__ import annotations

from typing import Literal

from drivers.printer.errors import TransportError
from drivers.printer.transport import Transport
from drivers.status import DeviceState, DeviceStatus

DLE_EOT = b"\x10\x04"
PRINTER, OFFLINE_CAUSE, PAPER = 1, 2, 4

OK = DeviceStatus(DeviceState.OK)
PAPER_NEAR_END = DeviceStatus(DeviceState.DEGRADED, "paper near end")
PAPER_OUT = DeviceStatus(DeviceState.ERROR, "paper out")
COVER_OPEN = DeviceStatus(DeviceState.ERROR, "cover open")
PRINTER_FAULT = DeviceStatus(DeviceState.ERROR, "printer error")
OFFLINE = DeviceStatus(DeviceState.OFFLINE, "offline")
NO_ANSWER = DeviceStatus(DeviceState.OFFLINE, "no answer")
STATUS_UNKNOWN = DeviceStatus(
    DeviceState.DEGRADED, "status unknown: this connection cannot read it"
)
"""What a write-only link (file://) reports: usable, since jobs do go out, never ok."""
NOT_ANSWERED = DeviceStatus(DeviceState.DEGRADED, "status unknown: no answer to DLE EOT")
"""Silence under the best_effort policy: usable, never ok."""
NOT_ASKED = DeviceStatus(DeviceState.DEGRADED, "status unknown: not asked (status policy none)")

StatusPolicy = Literal["required", "best_effort", "none"]
STATUS_POLICIES: tuple[StatusPolicy, ...] = ("required", "best_effort", "none")


class StatusReplyError(ValueError):
    """A reply byte does not have the shape 0xx1xx10 of a real-time status byte."""


def _checked(reply: int) -> int:
    if not 0 <= reply <= 0xFF or reply & 0b1001_0011 != 0b0001_0010:
        raise StatusReplyError(f"0x{reply:02x} is not a real-time status byte (0xx1xx10)")
    return reply


def printer_offline(reply: int) -> bool:
    """n=1: bit 3 set means the printer is offline."""
    return bool(_checked(reply) & 0x08)


def offline_cause(reply: int) -> DeviceStatus:
    """n=2: why the printer is offline (cover open, paper end, error)."""
    reply = _checked(reply)
    if reply & 0x04:
        return COVER_OPEN
    if reply & 0x20:
        return PAPER_OUT
    if reply & 0x40:
        return PRINTER_FAULT
    return OFFLINE


def paper_state(reply: int) -> DeviceStatus:
    """n=4: paper sensors; bits 5-6 paper out, bits 2-3 near end."""
    reply = _checked(reply)
    if reply & 0x60:
        return PAPER_OUT
    if reply & 0x0C:
        return PAPER_NEAR_END
    return OK


def combine(printer: int, cause: int, paper: int) -> DeviceStatus:
    """One status from the three reply bytes; what stops printing outranks what warns."""
    reasons = [paper_state(paper)]
    if printer_offline(printer):
        reasons.append(offline_cause(cause))
    rank = {DeviceState.ERROR: 0, DeviceState.OFFLINE: 1, DeviceState.DEGRADED: 2}
    return min(reasons, key=lambda status: rank.get(status.state, 3))


def _ask(transport: Transport, n: int, timeout: float) -> int | None:
    transport.discard_input()
    transport.write(DLE_EOT + bytes([n]))
    reply = transport.read(timeout)
    return reply[-1] if reply else None


def read_status(
    transport: Transport, timeout: float, policy: StatusPolicy = "required"
) -> DeviceStatus:
    """Ask for status bytes 1, 2 and 4 as `policy` says; a broken link is offline, never ok.

    Silence (any of the three unanswered) is offline under "required" and
    "status unknown" under "best_effort"; "none" asks nothing.
    """
    if policy == "none":
        return NOT_ASKED
    status = _asked_status(transport, timeout)
    if status == NO_ANSWER and policy == "best_effort":
        return NOT_ANSWERED
    return status


def _asked_status(transport: Transport, timeout: float) -> DeviceStatus:
    if not transport.can_read:
        return STATUS_UNKNOWN
    replies = []
    try:
        for n in (PRINTER, OFFLINE_CAUSE, PAPER):
            reply = _ask(transport, n, timeout)
            if reply is None:
                return NO_ANSWER
            replies.append(reply)
        return combine(*replies)
    except TransportError as exc:
        return DeviceStatus(DeviceState.OFFLINE, str(exc))
    except StatusReplyError as exc:
        return DeviceStatus(DeviceState.OFFLINE, f"garbled status reply: {exc}")
