"""What a CUPS queue says about itself, as the status every device speaks.

CUPS describes a printer with three IPP attributes: `printer-state` (idle,
processing, stopped), `printer-is-accepting-jobs`, and `printer-state-reasons`,
keywords such as "media-empty-error" or "toner-low-warning" that the backend
and the printer's own status fill in. The kiosk needs one answer from them:
can a citizen's certificate go out now, and if not, what does the technician
fix. A printer that is out of paper or jammed says so before it stops the
queue, so the printer's own reasons come first; a queue a technician stopped or
set to reject jobs comes next. The mapping is a pure function, tested without
a cupsd.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.status import DeviceState, DeviceStatus

IDLE, PROCESSING, STOPPED = 3, 4, 5
"""IPP printer-state values (RFC 8011 5.4.11)."""

READY = DeviceStatus(DeviceState.OK)

# The printer's own reasons, most urgent first: (keyword, what the technician reads).
FAULTS = (
    ("media-jam", "paper jam"),
    ("media-empty", "paper out"),
    ("media-needed", "paper out"),
    ("door-open", "door open"),
    ("cover-open", "cover open"),
    ("toner-empty", "toner empty"),
    ("marker-supply-empty", "toner empty"),
    ("input-tray-missing", "paper tray missing"),
)
WEAR = (
    ("media-low", "paper low"),
    ("toner-low", "toner low"),
    ("marker-supply-low", "toner low"),
)
# what the kiosk says of the queue itself; the backend's message may follow, after ": "
PRINTER_OFFLINE, QUEUE_PAUSED, QUEUE_STOPPED = "printer offline", "queue paused", "queue stopped"
NOT_ACCEPTING = "queue not accepting jobs"
_OFFLINE = ("offline", "shutdown", "timed-out", "connecting-to-device")
_SUFFIXES = ("-error", "-warning", "-report")


@dataclass(frozen=True)
class QueueState:
    """The attributes of one queue the status is judged by."""

    state: int
    reasons: tuple[str, ...] = ()
    accepting: bool = True
    message: str = ""  # printer-state-message: the backend's last words, often empty


def _split(reason: str) -> tuple[str, str]:
    """"media-empty-error" -> ("media-empty", "error"); a bare keyword has severity ""."""
    for suffix in _SUFFIXES:
        if reason.endswith(suffix):
            return reason.removesuffix(suffix), suffix[1:]
    return reason, ""


def _with_message(detail: str, queue: QueueState) -> str:
    return f"{detail}: {queue.message}" if queue.message else detail


def _printer_reason(keywords: dict[str, str]) -> DeviceStatus | None:
    """The printer's own worst reason, if any: a fault stops printing unless the printer
    only warns of it, wear and tear still prints."""
    for keyword, detail in FAULTS:
        if keyword in keywords:
            severe = keywords[keyword] in ("error", "")
            return DeviceStatus(DeviceState.ERROR if severe else DeviceState.DEGRADED, detail)
    if any(keyword in keywords for keyword in _OFFLINE):
        return DeviceStatus(DeviceState.OFFLINE, PRINTER_OFFLINE)
    for keyword, severity in keywords.items():
        if severity == "error" and not keyword.startswith("cups-"):
            return DeviceStatus(DeviceState.ERROR, keyword)
    for keyword, detail in WEAR:
        if keyword in keywords:
            return DeviceStatus(DeviceState.DEGRADED, detail)
    return None


def device_status(queue: QueueState) -> DeviceStatus:
    """The queue as the kiosk judges it: whether a job may go out, and why not."""
    keywords = dict(_split(reason) for reason in queue.reasons if reason != "none")
    found = _printer_reason(keywords)
    if found is not None and not found.usable:
        return found
    if queue.state == STOPPED:
        why = QUEUE_PAUSED if "paused" in keywords else QUEUE_STOPPED
        return DeviceStatus(DeviceState.ERROR, _with_message(why, queue))
    if not queue.accepting:
        return DeviceStatus(DeviceState.ERROR, _with_message(NOT_ACCEPTING, queue))
    return found or READY
