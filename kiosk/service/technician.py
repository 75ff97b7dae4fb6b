"""The technician's way in: a PIN checked against an scrypt hash, with lockout, and on a
kiosk with a badge reader an enrolled badge shown first.

A kiosk stands in a public hall all night; its service screen (spool, devices,
test prints) must not open to someone who watched a technician's fingers or
tries PINs one by one. The PIN is kept only as an scrypt hash in the settings,
and every failed attempt doubles the wait before the next one may be tried, up
to a quarter of an hour. The count and the lock are kept in the kiosk's state
folder, so pulling the plug does not forgive them; a file that is gone or
damaged locks as long as the longest lockout, never opens. A lock further
ahead than that longest lockout comes from a clock that ran ahead, and is
shortened to it.
A badge's UID can be read from a pocket and written onto a blank card, so a badge
is never enough alone: it only makes a watched PIN useless without it. Its UID is
hashed like the PIN, so the settings file does not hand out what to clone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from kiosk.service.report_words import Phrase, Value
from offline_queue.files import write_durably

log = logging.getLogger(__name__)

# scrypt cost: about 50 ms on a kiosk's CPU, far too slow to try all 6-digit PINs quickly.
N, R, P = 2**14, 8, 1
MIN_PIN, MAX_PIN = 6, 12
FIRST_LOCKOUT_S, MAX_LOCKOUT_S = 1.0, 15 * 60.0
# the doublings after which the wait is the longest: past them the count grows, the wait not
MAX_DOUBLINGS = math.ceil(math.log2(MAX_LOCKOUT_S / FIRST_LOCKOUT_S))
# in the kiosk's state folder: the failures and the lock, across restarts
LOCKOUT_FILE = "technician-lockout.json"
# ISO/IEC 14443-3 UIDs are 4, 7 or 10 bytes.
MIN_UID_BYTES, MAX_UID_BYTES = 4, 10
# How long a badge shown stands for its technician at the PIN pad.
BADGE_FRESH_S = 60.0


def _scrypt_hash(secret: str, salt: bytes | None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=N, r=R, p=P)
    encode = base64.b64encode
    return f"scrypt${N}${R}${P}${encode(salt).decode()}${encode(digest).decode()}"


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """The settings' `technician.pin_hash` for `pin`: "scrypt$N$r$p$salt$hash"."""
    if not (pin.isdigit() and MIN_PIN <= len(pin) <= MAX_PIN):
        raise ValueError(f"a technician PIN is {MIN_PIN} to {MAX_PIN} digits")
    return _scrypt_hash(pin, salt)


def badge_uid(text: str) -> str:
    """`text` as the badge reader reports it: NFC tools and labels print UIDs with spaces
    or colons and in either case, and a hash matches one spelling only."""
    uid = "".join(text.replace(":", " ").split()).upper()
    try:
        size = len(bytes.fromhex(uid))
    except ValueError:
        size = 0
    if not MIN_UID_BYTES <= size <= MAX_UID_BYTES:
        raise ValueError(f"a badge UID is {MIN_UID_BYTES} to {MAX_UID_BYTES} bytes in hex, "
                         "e.g. 04A1B2C3D4E5F6")
    return uid


def hash_badge(uid: str, salt: bytes | None = None) -> str:
    """An entry of the settings' `technician.badge_hashes` for the badge `uid`."""
    return _scrypt_hash(badge_uid(uid), salt)


def matches(secret: str, stored: str) -> bool:
    """Whether `secret` (a PIN, or a badge UID as the reader reports it) is the one
    `stored` was made from."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        tried = hashlib.scrypt(secret.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                               p=int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(tried, base64.b64decode(digest))


def badge_label(stored: str) -> str:
    """Which enrolled badge, for the audit log: the start of its hash, which names the
    settings line without giving away the UID."""
    return stored.rsplit("$", 1)[-1][:8]


def lockout_s(failures: int) -> float:
    """The wait after the `failures`-th failure in a row: doubling, up to MAX_LOCKOUT_S."""
    return min(MAX_LOCKOUT_S, FIRST_LOCKOUT_S * 2 ** min(failures - 1, MAX_DOUBLINGS))


@dataclass(frozen=True)
class Lockout:
    failures: int = 0
    locked_until: datetime | None = None


class LockoutFile:
    """The gate's failures in a row and its lock, in a small JSON file written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self, now: datetime) -> Lockout | None:
        """What was saved, or None when the file is gone or damaged (and so cannot be
        trusted to say the technician is not locked out)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            failures, until = data["failures"], data["locked_until"]
            if not isinstance(failures, int) or isinstance(failures, bool) or failures < 0:
                return None
            locked_until = None if until is None else datetime.fromisoformat(until)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if locked_until is not None and (locked_until.tzinfo is None) != (now.tzinfo is None):
            return None  # not a time this kiosk's clock wrote
        return Lockout(failures, locked_until)

    def save(self, lockout: Lockout) -> None:
        until = lockout.locked_until
        text = json.dumps({"failures": lockout.failures,
                           "locked_until": until.isoformat() if until else None})
        write_durably(self.path, text.encode(), replace=True)


def clear_lockout(state_dir: Path) -> None:
    """A newly provisioned kiosk's technician starts with no failures and no lock."""
    LockoutFile(state_dir / LOCKOUT_FILE).save(Lockout())


@dataclass(frozen=True)
class Attempt:
    ok: bool
    # when the next attempt may be made, if this one failed
    locked_until: datetime | None = None
    # why not, for the audit log: locked, wrong_pin, unknown_badge, no_badge, no_pin_set,
    # no_badge_reader
    reason: str = ""
    # the enrolled badge that was shown (badge_label), if the kiosk asks for one
    badge: str = ""


class TechnicianGate:
    """Checks PINs and badges; after each failure the next attempt waits twice as long
    as the last."""

    def __init__(self, pin_hash: str, badge_hashes: Sequence[str] | None = None, *,
                 badge_fresh_s: float = BADGE_FRESH_S, saved: LockoutFile | None = None) -> None:
        """`badge_hashes` None: this kiosk has no badge reader and the PIN alone opens;
        otherwise the PIN opens only within `badge_fresh_s` of one of them being shown.
        `saved`: where the lockout outlives the process (None: in memory only)."""
        self._hash = pin_hash
        self._badges = None if badge_hashes is None else tuple(badge_hashes)
        self._badge_fresh = timedelta(seconds=badge_fresh_s)
        self._saved = saved
        self._lockout: Lockout | None = None  # read from `saved` when first needed
        self._badge_shown: tuple[datetime, str] | None = None  # when, and badge_label

    @property
    def enabled(self) -> bool:
        return bool(self._hash) and self._badges != ()

    @property
    def needs_badge(self) -> bool:
        return self._badges is not None

    def badge_shown(self, now: datetime) -> bool:
        """Whether an enrolled badge was the last one shown, recently enough."""
        shown = self._badge_shown
        return shown is not None and shown[0] <= now <= shown[0] + self._badge_fresh

    def locked_until(self, now: datetime) -> datetime | None:
        lockout = self._current(now)
        if lockout.locked_until is not None and now < lockout.locked_until:
            return lockout.locked_until
        return None

    def _current(self, now: datetime) -> Lockout:
        """The lockout, never longer from `now` than the longest the policy gives: a lock
        set while the clock ran ahead ends with that longest wait, not months later."""
        lockout = self._lockout or self._read(now)
        longest = now + timedelta(seconds=MAX_LOCKOUT_S)
        if lockout.locked_until is not None and lockout.locked_until > longest:
            lockout = self._keep(Lockout(lockout.failures, longest))
        self._lockout = lockout
        return lockout

    def _read(self, now: datetime) -> Lockout:
        """The saved lockout, the first time it is needed; a file gone or damaged locks
        for the longest lockout, and is written again."""
        saved = self._saved
        lockout = saved.load(now) if saved is not None else Lockout()
        if lockout is None:
            log.warning("technician: %s is missing or damaged; PIN entry is locked for "
                        "%d minutes", saved.path, MAX_LOCKOUT_S // 60)
            lockout = self._keep(Lockout(MAX_DOUBLINGS + 1,
                                         now + timedelta(seconds=MAX_LOCKOUT_S)))
        return lockout

    def _keep(self, lockout: Lockout) -> Lockout:
        self._lockout = lockout
        if self._saved is not None:
            self._saved.save(lockout)
        return lockout

    def try_badge(self, uid: str, now: datetime) -> Attempt:
        if self._badges is None:
            return Attempt(False, reason="no_badge_reader")
        waiting = self.locked_until(now)
        if waiting is not None:
            return Attempt(False, waiting, reason="locked")
        known = next((stored for stored in self._badges if matches(uid, stored)), None)
        if known is None:
            self._badge_shown = None
            return self._failed(now, "unknown_badge")
        self._badge_shown = (now, badge_label(known))
        return Attempt(True, badge=self._badge_shown[1])

    def try_pin(self, pin: str, now: datetime) -> Attempt:
        if not self.enabled:
            return Attempt(False, reason="no_pin_set")
        waiting = self.locked_until(now)
        if waiting is not None:
            return Attempt(False, waiting, reason="locked")
        if self.needs_badge and not self.badge_shown(now):
            # not checked, so not counted: without the badge the PIN reveals nothing
            return Attempt(False, reason="no_badge")
        if matches(pin, self._hash):
            badge = self._badge_shown[1] if self._badge_shown else ""
            self._badge_shown = None
            self._keep(Lockout())
            return Attempt(True, badge=badge)
        return self._failed(now, "wrong_pin")

    def _failed(self, now: datetime, reason: str) -> Attempt:
        failures = self._current(now).failures + 1
        until = now + timedelta(seconds=lockout_s(failures))
        self._keep(Lockout(failures, until))
        return Attempt(False, until, reason=reason)


class TechnicianDesk(Protocol):
    """What the technician's screen shows and does; the core provides it."""

    def report(self) -> list[tuple[str, Value]]:
        """Label/value lines: devices, central, spool, catalog, upkeep, recent commands and
        audit events, and what the device tests found; the values in words the screen
        translates."""

    def act(self, action: str) -> Phrase:
        """Carry out one of ACTIONS and say how it went, in a line for the screen."""

    def taken_out(self) -> bool | None:
        """Whether a technician's out-of-service order stands (the screen then offers to
        put the kiosk back in service); None where it cannot be taken out from here."""

    def back_choices(self) -> list[tuple[str, datetime | None]]:
        """The times back a technician chooses from when taking the kiosk out of service
        (kiosk.service.out_of_service.CHOICES), each with the time it means now."""

    def payments_to_clear(self) -> list[tuple[str, Phrase]]:
        """(payment id, its line) of each paid payment whose visit ended with nothing
        delivered: the ones a technician settles by hand."""

    def clear_payment(self, payment_id: str, how: str) -> Phrase:
        """Settle one by hand (`how`: refunded, delivered_by_hand); a line for the screen."""

    def watch(self, listener: Callable[[], None]) -> None:
        """Call `listener` (on the GUI thread) when the report changed by itself: a card or
        a code came for a device test."""


# What the technician screen offers, in its order; besides them, "out_of_service_<choice>"
# (kiosk.service.out_of_service.CHOICES) and "in_service".
ACTIONS = ("print_test_page", "print_a4_test_page", "test_card_reader", "test_scanner",
           "sync_now", "retry_dead", "refresh_catalog", "export_dead", "export_undelivered",
           "restart_app")
