"""What a citizen reads when the central could not give the answer they waited for.

The central's own problem texts are written for integrators (and may be in
any language), so the kiosk words each outcome itself and keeps the
central's detail for the log. Only a problem type the kiosk knows gets a
specific sentence; anything else gets an honest general one.
"""

from __future__ import annotations

from kiosk.uplink.client import (
    CentralError,
    CentralRejected,
    CentralRetryLater,
    CentralUnauthorized,
    CentralUnreachable,
)
from kiosk.uplink.documents import DocumentRefused
from kiosk.visit.answers import CentralMalformed

# Failures worth a "try again" button: the central may well answer next time.
RETRYABLE = frozenset({"central_unreachable", "central_busy"})

# The last part of a 409 problem's `type`, as the reference central names them.
BOOKING_PROBLEMS = {
    "already-booked": "booking_already",
    "slot-full": "booking_full",
    "slot-passed": "booking_passed",
    "slot-not-open": "booking_not_open",
    "outside-hours": "booking_outside_hours",
}


def message_for(error: CentralError) -> tuple[str, dict[str, object]]:
    """The message code (and its parameters) for a failed online question."""
    if isinstance(error, CentralRejected):
        kind = str(error.problem.get("type", "")).rstrip("/").rsplit("/", 1)[-1]
        if error.status == 404:
            return "no_record", {}
        if error.status == 409:
            return BOOKING_PROBLEMS.get(kind, "booking_refused"), {}
        return "central_refused", {}
    if isinstance(error, CentralUnauthorized):
        return "kiosk_not_authorized", {}
    if isinstance(error, CentralRetryLater):
        return "central_busy", {}
    if isinstance(error, DocumentRefused):
        return "document_unverified", {}
    if isinstance(error, CentralMalformed):
        return "central_answer_bad", {}
    if isinstance(error, CentralUnreachable):
        return "central_unreachable", {}
    return "central_answer_bad", {}
