"""The service screen's card and scan tests: proof that a device works, without its data.

A technician who replaces a reader or a scanner wants to see it work with
the app running, and the card at hand may be a citizen's. While the service
screen asks for it, the next card or code the devices report goes to the
test instead of a visit (there is none on that screen), and the screen shows
only what proves the device read it: the kind of card with its number
masked, or a code's length and kind, never its content (it may be a
citizen's receipt).
"""

from __future__ import annotations

from enum import StrEnum

from drivers.idcard import CardType, IdentityDocument
from kiosk.service.report_words import Phrase
from offline_queue.refs import LOCAL_REF, RECEIPT_CODE

CARD_WORDS = {
    CardType.RESIDENT_ID: Phrase("card_resident_id"),
    CardType.HMT_RESIDENCE_PERMIT: Phrase("card_hmt_residence_permit"),
    CardType.FOREIGN_PERMANENT_2017: Phrase("card_foreign_permanent_2017"),
    CardType.FOREIGN_PERMANENT_2023: Phrase("card_foreign_permanent_2023"),
}
KEPT = 4  # characters shown at each end of a number, as on the central's documents


class Probe(StrEnum):
    CARD = "card test"
    SCAN = "scan test"


def masked(number: str) -> str:
    if len(number) <= 2 * KEPT:
        return "*" * len(number)
    return number[:KEPT] + "*" * (len(number) - 2 * KEPT) + number[-KEPT:]


def kind_of_code(text: str) -> Phrase:
    if RECEIPT_CODE.fullmatch(text):
        return Phrase("code_receipt_qr")
    if LOCAL_REF.fullmatch(text):
        return Phrase("code_local_ref")
    if text.isdigit():
        return Phrase("code_digits")
    if text.lower().startswith(("http://", "https://")):
        return Phrase("code_web_address")
    return Phrase("code_text")


class PeripheralTests:
    """Which tests wait for their device, and what the last of each found (GUI thread)."""

    def __init__(self) -> None:
        self._waiting: set[Probe] = set()
        self._found: dict[Probe, Phrase] = {}

    def expect(self, probe: Probe, line: Phrase) -> None:
        """Take the next card or code for `probe`; `line` says so until it comes."""
        self._waiting.add(probe)
        self._found[probe] = line

    def took_card(self, document: IdentityDocument) -> bool:
        """Whether the card test took this card (and no visit may have it)."""
        if Probe.CARD not in self._waiting:
            return False
        self._waiting.discard(Probe.CARD)
        self._found[Probe.CARD] = Phrase("card_read", (CARD_WORDS[document.card_type],
                                                       masked(document.id_number)))
        return True

    def took_code(self, text: str) -> bool:
        """Whether the scan test took this code."""
        if Probe.SCAN not in self._waiting:
            return False
        self._waiting.discard(Probe.SCAN)
        self._found[Probe.SCAN] = Phrase("scan_received", (len(text), kind_of_code(text)))
        return True

    def lines(self) -> list[tuple[str, Phrase]]:
        return [(probe.value, line) for probe, line in self._found.items()]

    def reset(self) -> None:
        """The technician left: the next card or code is a citizen's again."""
        self._waiting.clear()
        self._found.clear()
