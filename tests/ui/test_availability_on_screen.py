"""What the kiosk can do shows on the item grid before anyone types: the real
printer monitor, ID-card reader and central drive the reasons a citizen reads."""

from __future__ import annotations

from kiosk.visit.flow import Screen
from ui.taps import find

CERTIFICATE, SENIOR_CARD, PROGRESS = "440106-SBJ-001", "440106-MZJ-001", "440106-ZWB-003"


def test_paper_out_then_the_central_away_grey_out_what_they_must(qtbot, kiosk_session,
                                                                 rig) -> None:
    session = kiosk_session()
    window, flow, core = session.window, session.core.flow, session.core
    window.show()
    qtbot.waitUntil(lambda: core.catalogs.source == "cache")
    rig.place_card("li_ming")
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
    # the monitor's first answer reaches the grid through the GUI thread's queue, a turn
    # or more after the monitor has it
    qtbot.waitUntil(lambda: find(window, "item", item_code=CERTIFICATE).isEnabled())

    rig.printer.set_state(paper="out")
    core.devices.printer_monitor.poll_once()  # one step of the monitor's loop
    qtbot.waitUntil(lambda: not find(window, "item", item_code=CERTIFICATE).isEnabled())
    assert "打印机" in find(window, "item", item_code=CERTIFICATE).text()
    assert find(window, "item", item_code=SENIOR_CARD).isEnabled()  # screen receipt

    rig.printer.set_state(paper="ok")
    core.devices.printer_monitor.poll_once()
    qtbot.waitUntil(lambda: find(window, "item", item_code=CERTIFICATE).isEnabled())
    assert "打印机" not in find(window, "item", item_code=CERTIFICATE).text()  # the card kept

    rig.central.stop()
    flow.choose(PROGRESS)
    flow.next()  # the question fails, and with it what the kiosk believes
    qtbot.waitUntil(lambda: flow.screen == Screen.RESULT)
    assert flow.visit.outcome.offline
    flow.finish()
    flow.start()
    item = find(window, "item", item_code=CERTIFICATE)
    assert not item.isEnabled() and "网络" in item.text()
    assert find(window, "item", item_code=PROGRESS).isEnabled()
