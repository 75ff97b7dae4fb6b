"""Masking of citizens' identifiers and names in everything the kiosk logs.

Logs go to the journal, which technicians read, copy and attach to tickets:
a log line must never carry a whole ID number, credit code, phone number or
the name of the citizen at the screen, even when it comes from a library's
exception or a developer's hasty f-string. Identifiers are found by shape
(a typo'd number is still the citizen's, so shape, not validity, decides);
names have no shape, so the core registers the names of the visit in
progress here and forgets them when the visit ends. The audit log uses the
same patterns to refuse personal data outright.
"""

from __future__ import annotations

import logging
import re
import threading

MIN_NAME_CHARS = 2
"""Shorter names are not registered: masking one character everywhere would garble the log."""

# A match may not continue a longer run of letters or digits, so case numbers (20 digits),
# local references (K0755-20261123-0042) and hashes are left alone; the price is that a
# number glued to a word ("ID110105...") is not found.
_BEFORE = r"(?<![0-9A-Za-z])"
_AFTER = r"(?![0-9A-Za-z])"
_SHAPES = {
    "mobile": r"(?:(?:\+?86|0086)[\s-]?)?(?P<mobile_number>1[3-9]\d(?:[\s-]?\d{4}){2})",
    # not after a hyphen: the last group of a UUID may be twelve digits that look like one
    "landline": r"(?<!-)(?P<area_code>\(?(?:010|02\d|0[3-9]\d\d)\)?[\s-]?)"
                r"(?P<local_number>[2-9]\d{2,3}[\s-]?\d{4})",
    # GB 11643 (also 'J' permits 81/82/83 and 2023 'Y' cards 9...), the first-generation
    # 15 digits and the mistyped lengths between
    "id_number": r"\d{14,17}[\dXx]",
    # GB 32100: authority and category, division code, organisation code and check
    # character; loose in its last ten so a slip of the keyboard (O for 0) is masked too
    "uscc": r"(?i:[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-Z]{10})",
    # a 2017 'I' foreigner's card: nationality code and twelve digits
    "foreign_card_2017": r"[A-Z]{3}\d{12}",
}
_IDENTIFIERS = re.compile(
    _BEFORE + "(?:" + "|".join(f"(?P<{kind}>{shape})" for kind, shape in _SHAPES.items())
    + ")" + _AFTER)
_DIGITS_KEPT = 4
_HIDDEN_PHONE_DIGITS = "****"


def _mask_identifier(match: re.Match[str]) -> str:
    if match["mobile"]:
        digits = re.sub(r"\D", "", match["mobile_number"])
        return digits[:3] + _HIDDEN_PHONE_DIGITS + digits[-4:]
    if match["landline"]:
        digits = re.sub(r"\D", "", match["local_number"])
        return match["area_code"] + _HIDDEN_PHONE_DIGITS + digits[-4:]
    return _mask_middle(match[0])  # the style of the central's documents: 1101**********0020


def _mask_middle(text: str) -> str:
    return text[:_DIGITS_KEPT] + "*" * (len(text) - 2 * _DIGITS_KEPT) + text[-_DIGITS_KEPT:]


def mask_identifier(value: str) -> str:
    """A whole identifier (an ID number, a credit code, a card number) as the central's
    documents print it, 1101**********0020, whatever its shape; one too short to keep
    its ends is hidden whole."""
    value = value.strip()
    if len(value) <= 2 * _DIGITS_KEPT:
        return "*" * len(value)
    return _mask_middle(value)


def mask_identifiers(text: str) -> str:
    """`text` with every ID number, credit code and foreigner's card number found in it
    masked; phone numbers and names are left, being what a citizen checks on the screen."""
    def masked(match: re.Match[str]) -> str:
        return match[0] if match["mobile"] or match["landline"] else _mask_middle(match[0])
    return _IDENTIFIERS.sub(masked, text)


def _name_pattern(name: str) -> str:
    """A Latin name as a whole word, so "Jo" is not found in "K0107-JOB-0001" or "Johnson";
    Chinese is written without spaces, so a Chinese name is found wherever it stands."""
    escaped = re.escape(name)
    return _BEFORE + escaped + _AFTER if name.isascii() else escaped


class VisitNames:
    """The names of the citizen at the screen, to be masked until the visit ends.

    Thread-safe: the flow adds and forgets on its thread while any thread logs.
    The compiled pattern is replaced whole, so masking reads it without the lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._names: set[str] = set()
        self._pattern: re.Pattern[str] | None = None

    def add(self, *names: str) -> None:
        """Mask these names (Chinese or Latin, any case) from now until forget_all()."""
        with self._lock:
            self._names.update(name.strip() for name in names
                               if len(name.strip()) >= MIN_NAME_CHARS)
            # longest first, so 欧阳娜娜 is masked whole and not as 欧阳 + 娜娜
            ordered = sorted(self._names, key=len, reverse=True)
            self._pattern = re.compile("|".join(map(_name_pattern, ordered)),
                                       re.IGNORECASE) if ordered else None

    def forget_all(self) -> None:
        """The visit is over: its names are no longer known anywhere, here included."""
        with self._lock:
            self._names.clear()
            self._pattern = None

    def mask(self, text: str) -> str:
        """Each registered name as its first character and one '*' (its length stays hidden)."""
        pattern = self._pattern
        return text if pattern is None else pattern.sub(lambda m: m[0][0] + "*", text)

    def appear_in(self, text: str) -> bool:
        pattern = self._pattern
        return pattern is not None and pattern.search(text) is not None


VISIT_NAMES = VisitNames()
"""The process's one register: logging is process-wide, and so is what it must not print."""


def mask_personal(text: str, names: VisitNames = VISIT_NAMES) -> str:
    """`text` with every identifier and registered name masked."""
    return names.mask(_IDENTIFIERS.sub(_mask_identifier, text))


def personal_data_in(text: str, names: VisitNames = VISIT_NAMES) -> str | None:
    """The kind of personal data `text` holds ("id_number", "mobile", "name", ...), else None."""
    match = _IDENTIFIERS.search(text)
    if match is not None:
        return match.lastgroup
    return "name" if names.appear_in(text) else None


class MaskingFilter(logging.Filter):
    """Masks a record's final message, its traceback and its stack before any handler sees them.

    The message is formatted here (msg % args) and the args dropped, since
    masking the format string alone would let the args through. The
    traceback is rendered here too and exc_info dropped, so no handler can
    render the unmasked one again.
    """

    _formatter = logging.Formatter()

    def __init__(self, names: VisitNames = VISIT_NAMES) -> None:
        super().__init__()
        self._names = names

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # args that do not fit: logging would print both raw
            message = f"{record.msg} {record.args!r}"
        record.msg = mask_personal(message, self._names)
        record.args = ()
        if record.exc_info:
            record.exc_text = record.exc_text or self._formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = mask_personal(record.exc_text, self._names)
        if record.stack_info:
            record.stack_info = mask_personal(record.stack_info, self._names)
        return True


def install_masking(names: VisitNames = VISIT_NAMES) -> MaskingFilter:
    """Put one MaskingFilter on every handler of the root logger (and on logging's last resort).

    On the handlers, not the root logger: a logger's filters do not see the
    records its children propagate. Call it after logging is configured, as a
    handler added later has no filter; calling it again adds no second one.
    """
    masking = MaskingFilter(names)
    handlers = [*logging.getLogger().handlers, logging.lastResort]
    for handler in handlers:
        if handler is not None and not any(isinstance(f, MaskingFilter)
                                           for f in handler.filters):
            handler.addFilter(masking)
    return masking
