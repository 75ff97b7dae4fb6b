"""The slip on the result screen: drawn once for its visit, kept while the page is
built again (for the printer's answer), and gone with the visit.

Drawing and enlarging the slip is the most of a tap on "confirm"; drawing it again
when the printer answered made that repaint as slow as the tap itself.
"""

from __future__ import annotations

import zxingcpp
from PIL import Image as PilImage
from PySide6.QtWidgets import QApplication

from drivers.printer import Qr
from kiosk.visit.flow import Screen
from offline_queue.refs import read_receipt_code
from ui.app import KioskSession
from ui.offscreen import show_full_screen_on
from ui.screens.paper_view import Slip
from ui.taps import find, tap, tick_every_box, type_text, widgets_in

SENIOR_CARD_ITEM = "440106-MZJ-001"


def _to_the_result(qtbot, session: KioskSession, rig) -> None:
    window, flow = session.window, session.core.flow
    rig.place_card("wang_xiuying")
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE and find(
        window, "item", item_code=SENIOR_CARD_ITEM).isEnabled())
    tap(window, "item", item_code=SENIOR_CARD_ITEM)
    qtbot.waitUntil(lambda: "phone" in flow.visit.form.from_profile)  # the platform's
    tap(window, "prefill_change_phone")
    type_text(window, "phone", "13800138000")
    tick_every_box(window)
    tap(window, "next")
    assert flow.screen == Screen.REVIEW
    tap(window, "confirm")
    assert flow.screen == Screen.RESULT


def _slips_shown(window) -> set[int]:
    return {label.pixmap().cacheKey() for label in widgets_in(window)
            if label.objectName() == "preview"}


def test_a_page_built_again_shows_the_same_slip_and_the_next_visit_its_own(
        qtbot, kiosk_session, rig, clock) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    show_full_screen_on(window, "portrait")
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")

    _to_the_result(qtbot, session, rig)
    qtbot.waitUntil(lambda: flow.visit.outcome.printed is not None)
    QApplication.processEvents()  # laid out: the slip at the frame's width
    [slip] = _slips_shown(window)
    window.pages[Screen.RESULT].render()  # as for any news of the same visit
    QApplication.processEvents()
    assert _slips_shown(window) == {slip}  # the very picture: not drawn again

    tap(window, "finish")
    assert flow.screen == Screen.ATTRACT
    assert not _slips_shown(window)
    rig.remove_card()
    _to_the_result(qtbot, session, rig)
    [second] = _slips_shown(window)
    assert second != slip  # the next visit's own paper, not a picture kept from the last


def test_the_receipts_qr_code_reads_back_from_the_screen_and_the_paper(
        qtbot, kiosk_session, rig) -> None:
    """The code's mask is fixed (drivers.printer.layout.QR_MASK), not chosen per code:
    read as a scanner reads it, it still carries the receipt's reference and token."""
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    show_full_screen_on(window, "portrait")
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    _to_the_result(qtbot, session, rig)
    [receipt] = rig.printer.wait_for_receipts(1)
    [code] = [block.data for block in receipt.document.blocks if isinstance(block, Qr)]
    assert read_receipt_code(code)[0] == flow.visit.outcome.local_ref
    QApplication.processEvents()  # laid out: the slip at the frame's width
    [shown] = [label.pixmap().toImage() for label in widgets_in(window)
               if label.objectName() == "preview"]
    assert [found.text for found in zxingcpp.read_barcodes(shown)] == [code]
    paper = PilImage.open(receipt.png_path)
    assert [found.text for found in zxingcpp.read_barcodes(paper)] == [code]


def test_an_enlargement_a_little_narrower_than_the_frame_is_not_made_again(qtbot) -> None:
    """The page is laid out at 984 px, then at 998 px once a scroll bar is gone: one
    smooth enlargement of the slip serves both, centred in the wider frame."""
    slip = Slip(64, 32, bytes(range(64)) * 32)
    first = slip.at_width(984)
    assert slip.at_width(998).cacheKey() == first.cacheKey()
    assert slip.at_width(1100).width() == 1100  # wider by more: made, not stretched
    assert slip.at_width(900).width() == 900  # narrower: never wider than the frame
