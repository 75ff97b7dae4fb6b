"""The screens of a visit, the events that move between them, and the table of
every move a visit may make.

The table is the whole truth: for each (screen, event) it names every screen
the event may lead to, including each place a handler may divert (a form with
problems stays on FORM; a refused submission goes to NOTICE). A pair that is
not in the table is a stray tap and is ignored; a handler that asks for a
screen the table does not name is a bug in the kiosk, never a citizen's
doing, and is refused loudly rather than followed.
"""

from __future__ import annotations

from enum import StrEnum


class Screen(StrEnum):
    ATTRACT = "attract"
    IDENTIFY = "identify"
    VERIFY = "verify"
    CHOOSE = "choose"
    FORM = "form"
    REVIEW = "review"
    WORKING = "working"
    SLOTS = "slots"
    PAY = "pay"
    RESULT = "result"
    NOTICE = "notice"
    TECH_PIN = "tech_pin"
    TECHNICIAN = "technician"


class Event(StrEnum):
    START = "start"
    CARD = "card"
    MANUAL = "manual"
    CHOOSE = "choose"
    NEXT = "next"
    CONFIRM = "confirm"
    PICK = "pick"
    ANSWER = "answer"
    RETRY = "retry"
    RATE = "rate"
    SCAN = "scan"
    TECH = "tech"
    BADGE = "badge"
    PIN = "pin"
    BACK = "back"
    FINISH = "finish"
    TIMEOUT = "timeout"


class IllegalMove(RuntimeError):
    """A handler asked for a move the table does not list: a bug, not a citizen's doing."""


def _each(*screens: Screen) -> frozenset[Screen]:
    return frozenset(screens)


# Where an item leads once the citizen is known: its form, or straight on for an item
# without fields (a review, a question to the central, or the free slots).
_OPENS = _each(Screen.FORM, Screen.REVIEW, Screen.WORKING, Screen.SLOTS)
# A document with a fee is paid for before it is asked for: where the question would go,
# its pay screen may come (never for a typed identity before its code).
_OPENS_PAID = _OPENS | {Screen.PAY}
# An item that needs nobody may also end at once: a progress query with nothing to ask by.
_OPENS_FOR_ANYONE = _OPENS | {Screen.NOTICE}

TRANSITIONS: dict[tuple[Screen, Event], frozenset[Screen]] = {
    (Screen.ATTRACT, Event.START): _each(Screen.CHOOSE),
    (Screen.ATTRACT, Event.CARD): _each(Screen.CHOOSE),
    (Screen.ATTRACT, Event.SCAN): _each(Screen.WORKING, Screen.NOTICE),
    (Screen.IDENTIFY, Event.CARD): _OPENS_PAID,
    (Screen.IDENTIFY, Event.MANUAL): _OPENS,
    (Screen.IDENTIFY, Event.BACK): _each(Screen.CHOOSE),
    # a typed identity's code, asked for only by items that show the citizen's own data (a
    # query, a progress query): typed in full it opens the item's form or asks the central
    # (again, when the question was refused for its code); a new code goes through WORKING;
    # a card opens the item; back is "use your ID card"
    (Screen.VERIFY, Event.CONFIRM): _each(Screen.FORM, Screen.WORKING, Screen.VERIFY,
                                          Screen.PAY),
    (Screen.VERIFY, Event.RETRY): _each(Screen.VERIFY, Screen.WORKING),
    (Screen.VERIFY, Event.CARD): _each(Screen.FORM, Screen.WORKING, Screen.PAY),
    (Screen.VERIFY, Event.BACK): _each(Screen.IDENTIFY),
    (Screen.CHOOSE, Event.CHOOSE): _OPENS_FOR_ANYONE | {Screen.IDENTIFY, Screen.PAY},
    (Screen.CHOOSE, Event.CARD): _each(Screen.CHOOSE),
    (Screen.CHOOSE, Event.SCAN): _each(Screen.WORKING, Screen.NOTICE),
    (Screen.CHOOSE, Event.BACK): _each(Screen.ATTRACT),
    (Screen.FORM, Event.NEXT): _OPENS_FOR_ANYONE | {Screen.PAY},
    (Screen.FORM, Event.BACK): _each(Screen.CHOOSE),
    (Screen.FORM, Event.CARD): _each(Screen.CHOOSE),
    # a fee item pays first: its bill number is typed on PAY, or its code shown at once
    (Screen.REVIEW, Event.CONFIRM): _each(Screen.RESULT, Screen.NOTICE, Screen.PAY),
    (Screen.REVIEW, Event.BACK): _each(Screen.FORM),
    (Screen.REVIEW, Event.CARD): _each(Screen.CHOOSE),
    (Screen.WORKING, Event.ANSWER): _each(Screen.RESULT, Screen.NOTICE, Screen.VERIFY),
    (Screen.WORKING, Event.BACK): _each(Screen.CHOOSE),
    (Screen.WORKING, Event.CARD): _each(Screen.CHOOSE),
    (Screen.SLOTS, Event.PICK): _each(Screen.WORKING),
    (Screen.SLOTS, Event.BACK): _each(Screen.CHOOSE),
    (Screen.SLOTS, Event.CARD): _each(Screen.CHOOSE),
    # paying: the bill number typed opens the payment; an answer keeps the code shown, or
    # (paid) spools and shows the receipt, or asks for the document paid for, or ends it;
    # back cancels, which takes an answer too (a payment already paid comes back paid, and
    # the visit goes on), and leads back to the review, or the form or grid of a document;
    # a card starts a new visit, as anywhere, and the payment left open is settled without
    # the citizen
    (Screen.PAY, Event.NEXT): _each(Screen.PAY, Screen.NOTICE),
    (Screen.PAY, Event.ANSWER): _each(Screen.PAY, Screen.RESULT, Screen.NOTICE, Screen.REVIEW,
                                      Screen.WORKING, Screen.FORM, Screen.CHOOSE),
    (Screen.PAY, Event.BACK): _each(Screen.PAY, Screen.REVIEW, Screen.FORM, Screen.CHOOSE),
    (Screen.PAY, Event.CARD): _each(Screen.CHOOSE),
    (Screen.RESULT, Event.FINISH): _each(Screen.ATTRACT),
    (Screen.RESULT, Event.RATE): _each(Screen.FORM),
    (Screen.RESULT, Event.CARD): _each(Screen.CHOOSE),
    (Screen.NOTICE, Event.RETRY): _each(Screen.WORKING),
    (Screen.NOTICE, Event.BACK): _each(Screen.CHOOSE),
    (Screen.NOTICE, Event.FINISH): _each(Screen.ATTRACT),
    (Screen.NOTICE, Event.CARD): _each(Screen.CHOOSE),
    (Screen.ATTRACT, Event.TECH): _each(Screen.TECH_PIN),
    (Screen.TECH_PIN, Event.BADGE): _each(Screen.TECH_PIN),
    (Screen.TECH_PIN, Event.PIN): _each(Screen.TECHNICIAN, Screen.TECH_PIN),
    (Screen.TECH_PIN, Event.BACK): _each(Screen.ATTRACT),
    (Screen.TECHNICIAN, Event.BACK): _each(Screen.ATTRACT),
}
TRANSITIONS.update({(s, Event.TIMEOUT): _each(Screen.ATTRACT)
                    for s in Screen if s != Screen.ATTRACT})


def checked(screen: Screen, event: Event, target: Screen) -> Screen:
    """`target`, when the table lets `event` lead there from `screen`; else IllegalMove."""
    if target not in TRANSITIONS.get((screen, event), ()):
        raise IllegalMove(f"{event.value} on {screen.value} may not lead to {target.value}")
    return target
