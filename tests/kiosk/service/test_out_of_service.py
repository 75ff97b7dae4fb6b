"""The technician's choices of a time back, reckoned on the site's clock."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from kiosk.service.out_of_service import AT_OPENING, CHOICES, NOT_KNOWN, back_at

OPENS = time(8, 30)


def test_the_choices_from_three_at_night(clock) -> None:
    now = clock()  # 2026-11-23 03:00 China time
    assert [back_at(choice, now, OPENS) for choice in CHOICES] == [
        datetime(2026, 11, 23, 3, 30, tzinfo=now.tzinfo),
        datetime(2026, 11, 23, 4, 0, tzinfo=now.tzinfo),
        datetime(2026, 11, 23, 5, 0, tzinfo=now.tzinfo),
        datetime(2026, 11, 23, 8, 30, tzinfo=now.tzinfo),  # this morning's opening
        None]


def test_at_opening_after_the_hall_opened_is_tomorrows(clock) -> None:
    clock.advance(5.5 * 3600)  # 08:30 exactly: today's opening is no longer ahead
    assert back_at(AT_OPENING, clock(), OPENS) == datetime(2026, 11, 24, 8, 30,
                                                           tzinfo=clock().tzinfo)
    assert back_at(NOT_KNOWN, clock(), OPENS) is None


def test_a_choice_the_screen_does_not_offer_is_refused(clock) -> None:
    with pytest.raises(ValueError):
        back_at("tomorrow", clock(), OPENS)
