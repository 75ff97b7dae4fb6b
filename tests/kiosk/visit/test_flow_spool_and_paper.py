"""A submission the spool could not keep, and a receipt printed again only when the first
print failed: what the citizen is told, and what goes to the printer."""

from __future__ import annotations

import pytest
from flow_services import FlowServices
from test_flow import fill_senior_card

from kiosk.visit.flow import Screen, VisitFlow
from kiosk.visit.messages import say


class SpoolThatFailsAtThePut(FlowServices):
    """The spool's disk fails as the submission is written (SQLite's "disk I/O error")."""

    def spool_submission(self, payload, *, item_code, applicant_id, **payment_key):
        self.spool.close()
        return super().spool_submission(payload, item_code=item_code,
                                        applicant_id=applicant_id, **payment_key)


@pytest.fixture
def flow(catalog, services, ui_settings, clock) -> VisitFlow:
    return VisitFlow(lambda: catalog, services, ui_settings, clock=clock)


def test_a_submission_the_spool_could_not_keep_tells_the_citizen(
        catalog, spool, ui_settings, clock) -> None:
    flow = VisitFlow(lambda: catalog, SpoolThatFailsAtThePut(spool), ui_settings, clock=clock)
    fill_senior_card(flow)
    flow.next()
    flow.confirm()
    assert flow.screen == Screen.NOTICE
    assert flow.visit.notice == say("spool_write_failed", flow.visit.language)
    assert flow.visit.outcome is None


def test_a_receipt_that_printed_is_not_printed_again(flow, services) -> None:
    fill_senior_card(flow)
    flow.next()
    flow.confirm()
    [(_paper, done)] = services.printed
    done(True, "")
    assert not flow.can_print_again
    flow.print_again()
    assert len(services.printed) == 1
