"""The technician's way in: a PIN checked against an scrypt hash, with lockout.

A kiosk stands in a public hall all night; its service screen (spool, devices,
test prints) must not open to someone who watched a technician's fingers or
tries PINs one by one. The PIN is kept only as an scrypt hash in the settings,
and every failed attempt doubles the wait before the next one may be tried.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

# scrypt cost: about 50 ms on a kiosk's CPU, far too slow to try all 6-digit PINs quickly.
N, R, P = 2**14, 8, 1
MIN_PIN, MAX_PIN = 6, 12
FIRST_LOCKOUT_S, MAX_LOCKOUT_S = 1.0, 15 * 60.0


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """The settings' `technician.pin_hash` for `pin`: "scrypt$N$r$p$salt$hash"."""
    if not (pin.isdigit() and MIN_PIN <= len(pin) <= MAX_PIN):
        raise ValueError(f"a technician PIN is {MIN_PIN} to {MAX_PIN} digits")
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=N, r=R, p=P)
    encode = base64.b64encode
    return f"scrypt${N}${R}${P}${encode(salt).decode()}${encode(digest).decode()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        tried = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                               p=int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(tried, base64.b64decode(digest))


@dataclass(frozen=True)
class Attempt:
    ok: bool
    # when the next attempt may be made, if this one failed
    locked_until: datetime | None = None
    reason: str = ""


class TechnicianGate:
    """Checks PINs; after each failure the next attempt waits twice as long as the last."""

    def __init__(self, pin_hash: str) -> None:
        self._hash = pin_hash
        self._failures = 0
        self._locked_until: datetime | None = None

    @property
    def enabled(self) -> bool:
        return bool(self._hash)

    def locked_until(self, now: datetime) -> datetime | None:
        if self._locked_until is not None and now < self._locked_until:
            return self._locked_until
        return None

    def try_pin(self, pin: str, now: datetime) -> Attempt:
        if not self.enabled:
            return Attempt(False, reason="no technician PIN is set on this kiosk")
        waiting = self.locked_until(now)
        if waiting is not None:
            return Attempt(False, waiting, reason="locked")
        if pin_matches(pin, self._hash):
            self._failures, self._locked_until = 0, None
            return Attempt(True)
        self._failures += 1
        wait = min(MAX_LOCKOUT_S, FIRST_LOCKOUT_S * 2 ** (self._failures - 1))
        self._locked_until = now + timedelta(seconds=wait)
        return Attempt(False, self._locked_until, reason="wrong PIN")


class TechnicianDesk(Protocol):
    """What the technician's screen shows and does; the core provides it."""

    def report(self) -> list[tuple[str, str]]:
        """Label/value lines: devices, central, spool, catalog, upkeep, recent commands and
        audit events, and what the device tests found."""

    def act(self, action: str) -> str:
        """Carry out one of ACTIONS and say how it went, in a line for the screen."""

    def watch(self, listener: Callable[[], None]) -> None:
        """Call `listener` (on the GUI thread) when the report changed by itself: a card or
        a code came for a device test."""


# What the technician screen offers, in its order.
ACTIONS = ("print_test_page", "test_card_reader", "test_scanner", "sync_now", "retry_dead",
           "refresh_catalog", "export_dead", "export_undelivered")
