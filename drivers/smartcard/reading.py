"""Read whatever card is in a reader, in bounded time.

pcscd gives no deadline for a card that never answers: vpcd waits in recv()
forever while holding its reader's lock (observed with the virtual card's
MUTE mode; the transmit only returns once the card leaves), and a real
reader's driver may wait for a long time too. PC/SC has no way to cancel a
transmit (SCardCancel only wakes SCardGetStatusChange). So each read runs in
its own daemon thread with its own PC/SC context, and the caller stops
waiting after `timeout`: it gets CardUnresponsive, and the stuck thread ends
by itself when pcscd finally returns (with vpcd: when the card is removed).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence

from drivers.smartcard.cards import Card
from drivers.smartcard.errors import CardUnresponsive
from drivers.smartcard.pcsc import PcscContext
from drivers.smartcard.profiles import DEFAULT_PROFILES, CardProfile, identify

DEFAULT_READ_TIMEOUT = 5.0
"""Seconds for a whole read (about 15 APDUs); a sound card needs well under 1."""


def read_card(
    reader_name: str,
    profiles: Sequence[CardProfile] = DEFAULT_PROFILES,
    *,
    timeout: float = DEFAULT_READ_TIMEOUT,
) -> Card:
    """Connect exclusively to the card in `reader_name` and read it.

    Raises a SmartCardError: NoReader, NoCard, CardBusy, CardUnresponsive
    (also when `timeout` passes), MalformedResponse, UnreadableCard or
    UnknownCard.
    """
    outcome: queue.Queue[Card | Exception] = queue.Queue(maxsize=1)

    def attempt() -> None:
        result: Card | Exception
        try:
            with PcscContext() as context, context.connect_exclusive(reader_name) as card:
                result = identify(card, profiles)
        except Exception as error:  # handed over to the waiting thread
            result = error
        # Only after the disconnect: a caller that reacts by pulling the card
        # must not race pcscd's power-down (a failed one leaves pcscd's
        # reader state wrong until the next insertion).
        outcome.put(result)

    threading.Thread(target=attempt, name="smartcard-read", daemon=True).start()
    try:
        result = outcome.get(timeout=timeout)
    except queue.Empty:
        raise CardUnresponsive(f"no answer from the card within {timeout} s") from None
    if isinstance(result, Exception):
        raise result
    return result
