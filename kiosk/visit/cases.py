"""Case lookup: what a progress query asks the central, and how its answer and
this kiosk's spool make one list for the citizen.

An application confirmed here may still wait in the spool; the citizen must
see it all the same, marked as not yet delivered, and see it alone when the
central cannot be reached. The lookup works through the spool's two questions
(HeldCases, which the flow's Services answer) and the catalog, not through the
flow, which only decides where the answer is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.catalog.items import Catalog, Item
from kiosk.uplink.client import CentralClient
from kiosk.visit.answers import Case, CaseStatus, parse_answer
from kiosk.visit.forms import Form
from kiosk.visit.person import Person
from kiosk.visit.state import NOT_DELIVERED, CaseLine, CasesResult
from kiosk.visit.verify import Challenge
from offline_queue import EntryState, SpoolSummary
from offline_queue.refs import LOCAL_REF, read_receipt_code

# A progress list longer than this is not read at a kiosk; the newest are shown.
MAX_CASES_SHOWN = 20


class HeldCases(Protocol):
    """What this kiosk's spool can say about the cases it holds."""

    def local_cases(self, applicant_id: str) -> list[SpoolSummary]:
        """What the spool holds for an applicant, newest first."""

    def local_case(self, local_ref: str, lookup_token: str) -> SpoolSummary | None:
        """The spool entry a receipt's QR code names, if this kiosk holds it under that token."""


class ReferenceAlone(ValueError):
    """A reference without its receipt's token and no identified citizen: it shows nothing,
    since anyone can count to a reference."""


@dataclass(frozen=True, repr=False)
class CaseLookup:
    """One progress query: by the citizen's identity, by a receipt's QR code, or both."""

    query: dict[str, Any]
    wanted: str  # the one reference or case number asked for, "" for all
    person: Person | None
    receipt: tuple[str, str] | None  # a scanned receipt's reference and lookup token

    def question(self, client: CentralClient) -> tuple[Case, ...]:
        return parse_answer(tuple[Case, ...], client.lookup_cases(**self.query), "cases")


class Cases:
    def __init__(self, held: HeldCases, catalog: Callable[[], Catalog]) -> None:
        self._held, self._catalog = held, catalog

    @staticmethod
    def lookup(person: Person | None, form: Form | None, reference: str | None,
               challenge: Challenge | None = None) -> CaseLookup | None:
        """The query for the citizen's cases (by identity), or one case by a receipt's QR code
        (`reference`, scanned) or the case number typed; None when there is nothing to ask by.

        A bare reference asks the central nothing by itself: an identified citizen's own cases
        are narrowed to it here, and without one it is ReferenceAlone.
        """
        query: dict[str, Any] = {}
        if person is not None:
            query["applicant"] = person.applicant()
            verification = challenge.verification() if challenge else None
            if verification:
                query["verification"] = verification
        typed = reference or str((form.payload() if form else {}).get("case_no", ""))
        receipt = read_receipt_code(typed)
        wanted = receipt[0] if receipt else typed
        if receipt is not None:
            query.update(local_ref=receipt[0], lookup_token=receipt[1])
        elif LOCAL_REF.fullmatch(wanted) and person is None:
            raise ReferenceAlone(wanted)
        elif wanted and not LOCAL_REF.fullmatch(wanted):  # a case number the central gave
            query["case_no"] = wanted
        return CaseLookup(query, wanted, person, receipt) if query else None

    def result(self, lookup: CaseLookup, cases: tuple[Case, ...] | None) -> CasesResult:
        """The central's cases (None: it did not answer) and what this kiosk still holds.

        A case the central lists without the receipt's reference gets it from this kiosk's
        spool, which delivered it: the citizen holds the receipt, and both numbers show."""
        held = self._held_for(lookup)
        refs = {s.case_no: s.local_ref for s in held if s.case_no}
        lines = [] if cases is None else [_case_line(c, refs.get(c.case_no)) for c in cases
                                          if _matches(c, lookup.wanted)]
        known = {line.local_ref for line in lines if line.local_ref}
        catalog = self._catalog()
        lines += [_held_line(s, catalog) for s in held
                  if s.local_ref not in known and _matches(s, lookup.wanted)
                  and (cases is None or s.state != EntryState.DELIVERED)]
        return CasesResult(cases=tuple(lines[:MAX_CASES_SHOWN]), offline=cases is None)

    def _held_for(self, lookup: CaseLookup) -> list[SpoolSummary]:
        """What this kiosk's spool holds for the citizen, or for the one receipt."""
        if lookup.person is not None:
            return self._held.local_cases(lookup.person.id_number)
        found = self._held.local_case(*lookup.receipt) if lookup.receipt else None
        return [found] if found is not None else []


def reference_of(code: str) -> str:
    """What a scanned code puts in a progress form's case number: a receipt's reference (its
    token is not typed into a field), or the code as it is."""
    receipt = read_receipt_code(code)
    return receipt[0] if receipt else code


def case_number_field(item: Item, form: Form) -> str | None:
    """The field of a progress form a scanned code fills: its first free plain text."""
    return next((f.name for f in item.fields if f.name not in form.locked
                 and f.type == "string" and f.format is None), None)


def _case_line(case: Case, held_ref: str | None = None) -> CaseLine:
    last = case.timeline[-1].at if case.timeline else None
    return CaseLine(item_code=case.item_code, status=case.status, case_no=case.case_no,
                    local_ref=case.local_ref or held_ref, item_title=case.item_title,
                    updated_at=last, timeline=case.timeline)


def _held_line(summary: SpoolSummary, catalog: Catalog) -> CaseLine:
    try:
        title = catalog.item(summary.item_code).title
    except KeyError:
        title = None
    status = NOT_DELIVERED if summary.state != EntryState.DELIVERED else CaseStatus.RECEIVED
    return CaseLine(item_code=summary.item_code, status=status, case_no=summary.case_no,
                    local_ref=summary.local_ref, item_title=title,
                    updated_at=summary.created_at)


class _Numbered(Protocol):
    @property
    def local_ref(self) -> str | None: ...

    @property
    def case_no(self) -> str | None: ...


def _matches(case: _Numbered, wanted: str) -> bool:
    return not wanted or wanted in (case.local_ref, case.case_no)
