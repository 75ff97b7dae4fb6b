"""Exceptions shared by the ID-card codec, the card parser and the reader.

A card reader sits on a serial line a citizen's card can confuse and a
technician can unplug; callers need to tell "bad bytes", "no answer" and
"the SAM said no" apart to choose between retry, reconnect and report, so
every failure has its own type under one base class.
"""

from __future__ import annotations


class IdCardError(Exception):
    """Anything that went wrong talking to an ID-card reader or reading a card."""


class FrameError(IdCardError):
    """A frame or an answer's data does not have the shape the protocol requires."""


class NoAnswer(IdCardError):
    """The reader did not answer a command with a valid frame in time."""


class DamagedAnswer(NoAnswer):
    """An answer arrived but failed its checks (a wrong checksum, a cut-short frame).

    Still no answer to the command, but proof the line carries bytes: a command
    that may be repeated is asked again at once rather than after a timeout.
    """


class CardUnreadable(IdCardError):
    """A card was found but could not be read, even by fresh exchanges: place it again."""


class CardNotPresent(IdCardError):
    """No card was found on the reader within the time allowed."""


class TextBlockError(IdCardError, ValueError):
    """The card's 256-byte text block cannot be read as an identity document."""
