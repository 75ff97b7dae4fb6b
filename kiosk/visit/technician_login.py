"""The PIN pad's side of technician login: badge first where the kiosk asks for
one, then the PIN, each failure audited by its reason and said in words.

It works through what it is given (the gate, the clock and the audit hook),
not through the visit flow: the flow decides only which screen follows, so a
citizen's card laid on the badge reader can never reach a visit from here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum

from kiosk.service.technician import Attempt, TechnicianGate
from kiosk.visit.messages import say

log = logging.getLogger(__name__)


class Badge(StrEnum):
    """What the PIN pad says about the technician's badge."""

    NOT_ASKED = "not_asked"  # the kiosk has no badge reader: the PIN alone opens
    WANTED = "wanted"
    REFUSED = "refused"  # the last badge shown is not enrolled here
    SHOWN = "shown"


class TechnicianLogin:
    """One PIN pad's attempts; `audit(name, **fields)` hears logins and why one failed,
    never what was shown or typed."""

    def __init__(self, gate: TechnicianGate, clock: Callable[[], datetime],
                 audit: Callable[..., None]) -> None:
        self._gate, self._clock, self._audit = gate, clock, audit
        self._badge_refused = False

    @property
    def enabled(self) -> bool:
        return self._gate.enabled

    def open_pad(self) -> None:
        """The PIN pad opens afresh: no refusal from an earlier try is shown."""
        self._badge_refused = False

    @property
    def badge(self) -> Badge:
        if not self._gate.needs_badge:
            return Badge.NOT_ASKED
        if self._badge_refused:
            return Badge.REFUSED
        return Badge.SHOWN if self._gate.badge_shown(self._clock()) else Badge.WANTED

    def badge_read(self, uid: str, language: str) -> str:
        """Check a badge; returns what the pad says about it ("" when it was accepted)."""
        attempt = self._gate.try_badge(uid, self._clock())
        self._badge_refused = attempt.reason == "unknown_badge"
        if attempt.ok:  # audited with the login it leads to
            log.info("technician: enrolled badge %s shown", attempt.badge)
            return ""
        return self._refused(attempt, language)

    def pin_entered(self, pin: str, language: str) -> tuple[bool, str]:
        """Check a PIN: whether it opens, and what the pad says ("" when it opened)."""
        attempt = self._gate.try_pin(pin, self._clock())
        if attempt.ok:
            self._audit("technician_login",
                        **({"badge": attempt.badge} if attempt.badge else {}))
            return True, ""
        return False, self._refused(attempt, language)

    def _refused(self, attempt: Attempt, language: str) -> str:
        """Audit why a badge or a PIN did not open, and say so."""
        self._audit("technician_login_failed", reason=attempt.reason)
        when = f"{attempt.locked_until:%H:%M:%S}" if attempt.locked_until else ""
        code = {"locked": "tech_locked", "wrong_pin": "tech_wrong_pin"}.get(attempt.reason)
        return say(code, language, when=when) if code else ""
