"""When an item is offered, read from the catalog's `hours`.

A queue ticket at 3 a.m. is useless and the central would refuse it, so the
kiosk shows such an item as closed and says when it opens next, instead of
letting a citizen walk into a refusal. Times are the kiosk's local time.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from kiosk.catalog.items import Hours, Item

WEEK = 7


def weekdays(spec: str) -> frozenset[int]:
    """ISO weekdays of a spec such as "1-5", "6,7" or "1-3,6"; bad parts name nothing."""
    days: set[int] = set()
    for part in spec.split(","):
        first, _, last = part.strip().partition("-")
        try:
            low, high = int(first), int(last or first)
        except ValueError:
            continue
        days.update(d for d in range(low, high + 1) if 1 <= d <= WEEK)
    return frozenset(days)


def _within(span: Hours, moment: datetime) -> bool:
    clock = moment.strftime("%H:%M")
    return moment.isoweekday() in weekdays(span.days) and span.from_ <= clock < span.to


def is_open(item: Item, moment: datetime) -> bool:
    """Whether `moment` falls in one of the item's spans; no hours means always."""
    return not item.hours or any(_within(span, moment) for span in item.hours)


def next_opening(item: Item, moment: datetime) -> datetime | None:
    """The first opening after `moment` within a week, or None if the hours never open."""
    starts = []
    for offset in range(WEEK + 1):
        day = (moment + timedelta(days=offset)).date()
        for span in item.hours or ():
            if day.isoweekday() in weekdays(span.days) and span.from_ < span.to:
                start = datetime.combine(day, time.fromisoformat(span.from_), moment.tzinfo)
                if start > moment:
                    starts.append(start)
    return min(starts, default=None)
