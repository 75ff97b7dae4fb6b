"""The A4 printer wired into the core, against the rig's own cupsd and cups-pdf queue:
its status on the heartbeat, the technician's screen and the item grid, and the
technician's A4 test page coming out of the queue."""

from __future__ import annotations

from flow_services import eventually
from turned_core import TurnedCore

from kiosk.catalog.items import parse_catalog
from kiosk.service.report_words import in_english
from kiosk.visit.availability import unavailable
from kiosk.visit.messages import say

A4_CERTIFICATE = {
    "code": "TEST-A4-001", "version": 1, "kind": "query_print", "paper": "a4",
    "title": {"zh_CN": "住房公积金缴存证明", "en": "Housing fund deposit certificate"},
    "department": {"zh_CN": "公积金中心", "en": "Housing Fund"}, "category": "housing",
    "identity": "id_card", "offline": "unavailable", "fields": [],
}
"""An A4 item: it needs the receipt printer too, for the slip that names the document."""
A4_ITEM = parse_catalog({"version": "a4", "items": [A4_CERTIFICATE]}).items[0]


def _a4_peripheral(core) -> dict[str, str] | None:
    return next((p for p in core.heartbeat_report()["peripherals"]
                 if p["kind"] == "a4_printer"), None)


def test_a_ready_a4_printer_is_reported_and_its_items_offered(a4_rig, clock) -> None:
    kiosk = TurnedCore(a4_rig.settings, clock)
    core = kiosk.core
    try:
        eventually(lambda: core.devices.a4_printer.state.value == "ok")
        eventually(lambda: core.devices.reader.status.usable and core.devices.printer.usable)
        assert _a4_peripheral(core) == {"name": "a4_printer", "kind": "a4_printer",
                                        "status": "ok"}
        assert core.heartbeat.beat_once()  # the central takes the contract's a4_printer
        assert ("A4 printer", "ok") in in_english(core.desk.report())
        assert unavailable(A4_ITEM, core.services.status(), clock()) is None
    finally:
        core.stop()


def test_a_stopped_a4_queue_greys_its_items_with_the_reason(a4_rig, clock) -> None:
    kiosk = TurnedCore(a4_rig.settings, clock)
    core = kiosk.core
    try:
        eventually(lambda: core.devices.a4_printer.state.value == "ok")
        a4_rig.cups.connection().disablePrinter("kiosk_a4", reason="toner swap")
        core.devices.a4_monitor.poll_once()
        kiosk.turn_until(lambda: True)

        assert _a4_peripheral(core) == {"name": "a4_printer", "kind": "a4_printer",
                                        "status": "error", "detail": "queue paused: toner swap"}
        reason = unavailable(A4_ITEM, core.services.status(), clock())
        assert reason is not None and reason.code == "a4_not_ready"
        assert "A4打印机暂不可用" in reason.message("zh_CN", clock())
    finally:
        core.stop()


def test_the_technicians_a4_test_page_comes_out_of_the_queue(a4_rig, clock) -> None:
    kiosk = TurnedCore(a4_rig.settings, clock)
    core = kiosk.core
    ended: list[tuple[bool, str]] = []
    try:
        line = str(core.desk.act("print_a4_test_page"))
        assert line == f"A4 test page sent to kiosk_a4 on {a4_rig.cups.server}"
        core.a4_test_pages.send("the test's own page", lambda ok, detail: ended.append(
            (ok, detail)))
        kiosk.turn_until(lambda: bool(ended))
        assert ended[0][0], ended
        eventually(lambda: len(a4_rig.collect_a4()) == 2)
    finally:
        core.stop()


def test_without_an_a4_printer_its_items_say_so_and_the_heartbeat_names_none(rig,
                                                                             clock) -> None:
    kiosk = TurnedCore(rig.settings, clock)
    core = kiosk.core
    try:
        assert core.devices.a4_printer is None and _a4_peripheral(core) is None
        eventually(lambda: core.devices.reader.status.usable and core.devices.printer.usable)
        reason = unavailable(A4_ITEM, core.services.status(), clock())
        assert reason is not None and reason.code == "a4_not_fitted"
        assert reason.message("en", clock()) == say("a4_not_fitted", "en")
        assert str(core.desk.act("print_a4_test_page")).startswith("this kiosk has no A4 printer")
        assert ("A4 printer", "none fitted") in in_english(core.desk.report())
    finally:
        core.stop()
