"""What a citizen is told while their ID card is read, and when it could not be.

A read takes a second on a clean line and several when the reader has to ask
again; a citizen who sees nothing happen lifts the card too early or walks
away. So the reader's announcements become one sentence on the screen:
"reading your card" from the moment a card is found until its result, and a
plain "please place it again" when the reader gave up, never a silent
nothing. The sentence does not outstay its moment: "place again" fades when
nobody acts on it, and a "reading" no result followed (a reader unplugged
mid-read) fades too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum

from drivers.idcard import CardLost, CardReading

PLACE_AGAIN_SHOWN = timedelta(seconds=20)
READING_SHOWN = timedelta(seconds=30)
"""Longer than a reader's patience for one card (drivers.idcard.taking.READ_PATIENCE)."""


class CardStage(StrEnum):
    IDLE = "idle"
    READING = "card_reading"
    PLACE_AGAIN = "card_place_again"


_SHOWN = {CardStage.READING: READING_SHOWN, CardStage.PLACE_AGAIN: PLACE_AGAIN_SHOWN}


class CardProgress:
    """The stage of the card on the reader, as the citizen should see it."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._stage = CardStage.IDLE
        self._since = clock()

    def _enter(self, stage: CardStage) -> None:
        self._stage, self._since = stage, self._clock()

    def heard(self, event: object) -> bool:
        """Take in a reader's event (kiosk.core forwards them); True when the stage changed."""
        if isinstance(event, CardReading):
            self._enter(CardStage.READING)
        elif isinstance(event, CardLost):
            self._enter(CardStage.PLACE_AGAIN)
        else:
            return False
        return True

    def done(self) -> None:
        self._enter(CardStage.IDLE)

    @property
    def stage(self) -> CardStage:
        shown = _SHOWN.get(self._stage)
        if shown is not None and self._clock() - self._since >= shown:
            self._stage = CardStage.IDLE
        return self._stage

    def message_code(self) -> str | None:
        """The code of the sentence to show (see kiosk.visit.messages), None for none."""
        stage = self.stage
        return None if stage is CardStage.IDLE else stage.value
