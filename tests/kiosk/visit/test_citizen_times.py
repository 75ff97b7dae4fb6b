"""Every time a citizen reads on paper is told in the site's zone, whatever zone the
central stamped it in and whatever zone the kiosk's clock runs in: one visit's
certificate and receipt must not disagree by hours."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flow_services import doc_text

from kiosk.clock import in_zone, zone_problem
from kiosk.visit.answers import Document, Ticket
from kiosk.visit.paper import paper_for
from kiosk.visit.state import DocumentResult, Receipt, TicketResult

BERLIN = ZoneInfo("Europe/Berlin")
TITLE = {"zh_CN": "证明"}


def test_the_central_time_is_printed_in_the_sites_zone(catalog) -> None:
    item = catalog.item("TEST-SUB-001")
    # 08:35 in China is 01:35 in Berlin (winter), 00:35 UTC
    doc = Document(document_no="D-1", title=TITLE, lines=(),
                   issued_at=datetime.fromisoformat("2026-11-23T08:35:00+08:00"))
    paper = paper_for(DocumentResult(document=doc), item, locale="zh_CN", site_name="站",
                      pending_upload=False, zone=BERLIN)
    assert "2026-11-23 01:35" in doc_text(paper) and "08:35" not in doc_text(paper)
    ticket = Ticket(ticket_no="A001", item_code=item.code,
                    starts_at=datetime.fromisoformat("2026-11-24T09:00:00+08:00"),
                    issued_at=datetime.fromisoformat("2026-11-23T08:35:00+08:00"))
    slip = doc_text(paper_for(TicketResult(ticket=ticket), item, locale="en", site_name="s",
                              pending_upload=False, zone=BERLIN))
    assert "2026-11-24 02:00" in slip and "2026-11-23 01:35" in slip


def test_a_receipt_stamped_by_a_clock_in_utc_prints_the_sites_wall_time(catalog) -> None:
    utc_clock = lambda: datetime(2026, 11, 23, 0, 35, tzinfo=UTC)  # noqa: E731 (a clock)
    site_clock = in_zone(utc_clock, ZoneInfo("Asia/Shanghai"))
    receipt = Receipt(local_ref="K0107-20261123-000001", created_at=site_clock())
    paper = paper_for(receipt, catalog.item("TEST-SUB-001"), locale="zh_CN", site_name="站",
                      pending_upload=False, zone=site_clock().tzinfo)
    assert "2026-11-23 08:35" in doc_text(paper)
    assert site_clock().utcoffset().total_seconds() == 8 * 3600  # the offset is kept


def test_a_zone_the_machine_does_not_know_is_named_as_a_settings_problem() -> None:
    assert zone_problem("Asia/Shanghai") is None
    for wrong in ("China", "Asia/Shanghia", "", "../etc/passwd", "+08:00"):
        assert "IANA" in zone_problem(wrong)
