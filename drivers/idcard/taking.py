"""Taking a card off the reader: find, select, read, and what to do when the read is lost.

A SAM reads a card once per placement: when the read's answer is damaged on
the line, asking again is no use, the SAM will not read (nor even find) a
card it believes it has read. The card is still on the reader, though, so a
fresh exchange can still get it: reset the SAM, which switches the reader's
field off and on so the card answers anew, then find, select and read again.
A second fresh exchange also checks the SAM's health first, in case the
fault is the SAM's; a different sequence also means the next read does not
meet the same beat of a line that damages, say, every fourth answer. All of
it within the patience a citizen in front of the kiosk has; after that, only
the citizen can help, by lifting the card and placing it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from drivers.idcard.document import IdentityDocument
from drivers.idcard.errors import (
    CardNotPresent,
    CardUnreadable,
    FrameError,
    NoAnswer,
    TextBlockError,
)
from drivers.idcard.frame import SamError, Sw3
from drivers.idcard.session import POLL_INTERVAL, Baud, SamSession, connect

READ_PATIENCE = 10.0
"""Seconds from finding a card to giving up on reading it: a citizen's patience, "reading…"
on the screen all the while."""
FRESH_EXCHANGES = (False, True)
"""The fresh exchanges tried after a lost read; True: check the SAM's health first."""
_READ_FAILURES = (NoAnswer, FrameError, TextBlockError, SamError)


def take_card(
    session: SamSession,
    *,
    with_fingerprint: bool = False,
    on_found: Callable[[], None] = lambda: None,
    patience: float = READ_PATIENCE,
    clock: Callable[[], float] = time.monotonic,
) -> IdentityDocument | None:
    """Find, select and read the card on the reader; None when no new card is there.

    `on_found` is called once a new card is found, before it is read. A read
    that fails is tried again by fresh exchanges while `patience` seconds last;
    CardUnreadable when none succeeds, or when the card is not found again
    (it was lifted). A SAM fault and a reader that stops answering a find
    propagate as they are: they need a reconnection, not another try.
    """
    if not session.find_card():
        return None
    on_found()
    deadline = clock() + patience
    try:
        return _select_and_read(session, with_fingerprint)
    except _READ_FAILURES as exc:
        failure = _recoverable(exc)
    for check_sam in FRESH_EXCHANGES:
        if clock() >= deadline:
            break
        try:
            return _fresh_exchange(session, with_fingerprint, check_sam=check_sam)
        except _READ_FAILURES as exc:
            failure = _recoverable(exc)
    raise CardUnreadable(f"card not read: {failure}") from failure


def _recoverable(exc: Exception) -> Exception:
    """`exc` itself when another exchange may help; raised again when only reconnecting can."""
    if isinstance(exc, SamError) and exc.sam_fault:
        raise exc
    return exc


def _select_and_read(session: SamSession, with_fingerprint: bool) -> IdentityDocument:
    if not session.select_card():
        raise SamError(Sw3.SELECT_FAILED)  # the card found has gone, or is at the field's edge
    return session.read_card(with_fingerprint=with_fingerprint)


def _fresh_exchange(
    session: SamSession, with_fingerprint: bool, *, check_sam: bool
) -> IdentityDocument:
    session.reset_sam()
    if check_sam:
        session.sam_healthy()
    if not session.find_card():
        raise CardUnreadable("the card is no longer found: it was lifted, or must be")
    return _select_and_read(session, with_fingerprint)


def read_one(port: str, baud: Baud = 115200, timeout: float = 5.0) -> IdentityDocument:
    """Read the next card placed on the reader at `port`, waiting up to `timeout` seconds.

    For technicians' tools: raises CardNotPresent when no card came in time,
    CardUnreadable when one came but could not be read, NoAnswer / SamError
    when the reader or its SAM is not working, and serial.SerialException
    when the port cannot be opened. With baud "auto" the rate found is
    logged, so a technician can write it into the settings.
    """
    serial_port, session, _rate = connect(port, baud)
    with serial_port:
        session.sam_id()
        deadline = time.monotonic() + timeout
        while True:
            document = take_card(session)
            if document is not None:
                return document
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CardNotPresent(f"no card placed within {timeout:g} s")
            time.sleep(min(POLL_INTERVAL, remaining))
