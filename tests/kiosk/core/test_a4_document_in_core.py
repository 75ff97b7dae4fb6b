"""A citizen's A4 certificate, the whole way: the reference central signs it, the kiosk
fetches and verifies it, and the CUPS driver prints it on the rig's cups-pdf queue;
the document CUPS received is the signed PDF byte for byte, and its slip follows."""

from __future__ import annotations

import hashlib

from central_time import central_now
from flow_services import card_and_form
from turned_core import TurnedCore

from kiosk.visit.state import DocumentResult

SOCIAL_A4 = "440106-SBJ-002"  # social-insurance payment record on A4, seeded by the central


def test_a_verified_document_reaches_the_a4_printer_as_signed(a4_rig, clock) -> None:
    clock.now = central_now(a4_rig.central.admin_url)
    kiosk = TurnedCore(a4_rig.settings, clock)
    core, flow = kiosk.core, kiosk.core.flow
    try:
        card_and_form(kiosk, a4_rig.place_card, SOCIAL_A4, months="12")
        kiosk.turn_until(lambda: isinstance(flow.visit.outcome, DocumentResult)
                         and flow.visit.outcome.printed is not None)
        outcome = flow.visit.outcome
        assert outcome.printed is True, outcome.print_detail

        jobs = a4_rig.cups.connection().getJobs(which_jobs="completed")
        [job_id] = list(jobs)
        sent = a4_rig.cups.spooled_document(job_id)
        assert hashlib.sha256(sent).hexdigest() == outcome.document.pdf.sha256
        assert sent.startswith(b"%PDF-") and len(sent) == outcome.document.pdf.bytes
        [rendered] = a4_rig.collect_a4()  # cups-pdf's rendition: the sheets that came out
        assert rendered.read_bytes().startswith(b"%PDF-")
        a4_rig.remove_card()
    finally:
        core.stop()
