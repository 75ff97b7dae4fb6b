"""Typed failures of the smart-card driver.

The core must tell "no reader", "no card", "a card that does not answer" and
"a card we do not know" apart to say the right thing to a citizen or a
technician, and anything a card sends must end in one of these, never in a
crash. Messages name the step and status words only, never card content, so
they are safe to log.
"""

from __future__ import annotations


class SmartCardError(Exception):
    """Base of every error the smart-card driver raises."""


class PcscUnavailable(SmartCardError):
    """No PC/SC service (pcscd) answers."""


class NoReader(SmartCardError):
    """The reader is not there (never was, or was unplugged)."""


class NoCard(SmartCardError):
    """There is no card in the reader, or it was pulled out while reading."""


class CardBusy(SmartCardError):
    """Another application holds the card; an exclusive connection is impossible."""


class CardUnresponsive(SmartCardError):
    """The card (or the reader) did not answer in time, or cannot be powered."""


class MalformedResponse(SmartCardError):
    """The card answered bytes that break the protocol (garbage, broken TLV)."""


class UnknownCard(SmartCardError):
    """No card profile recognises this card."""


class UnreadableCard(SmartCardError):
    """The card was recognised but refused an item it should have."""
