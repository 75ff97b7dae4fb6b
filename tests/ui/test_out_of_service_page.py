"""The out-of-service page leaves nobody without a way on: why, the nearest place to go
instead, the hotline, and a QR code to the city's online service hall."""

from __future__ import annotations

from PySide6.QtGui import QImage

from kiosk.settings.model import Sentences
from kiosk.visit.messages import say
from ui.taps import find, visible_texts

HALL = "https://hall.example.gov.cn/"


def test_a_closed_kiosk_names_the_alternative_the_hotline_and_the_online_hall(
        kiosk_session, rig) -> None:
    ui = rig.settings.ui.model_copy(update={"online_hall_url": HALL, "hotline": "12345"})
    elsewhere = Sentences(zh_CN="最近的自助服务点：区政务服务中心一楼")
    session = kiosk_session(rig.settings.model_copy(
        update={"ui": ui, "nearest_alternative": elsewhere}))
    window = session.window
    session.core.flow.set_out_of_service("out_of_service")
    texts = " ".join(visible_texts(window.stack.currentWidget()))
    assert "暂停服务" in texts and "区政务服务中心一楼" in texts and "12345" in texts
    qr = find(window, "hall_qr").pixmap().toImage()
    assert not qr.isNull() and qr.width() >= 200
    assert qr.convertToFormat(QImage.Format.Format_Grayscale8).pixelColor(0, 0).value() > 200


def test_the_page_says_when_the_kiosk_expects_to_be_back_until_that_time_passes(
        kiosk_session, clock, qtbot) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    flow.set_out_of_service("out_of_service", "2026-11-23T07:30:00+08:00")

    def said() -> str:
        return find(window, "out_of_service").text()

    assert said().endswith("预计今天 07:30 恢复服务。")
    flow.set_elderly(True)
    flow.set_language("en")
    assert said().endswith("Expected back in service today at 07:30.")
    clock.advance(4.5 * 3600)  # 07:30, still out of service
    flow.tick()
    qtbot.waitUntil(lambda: said() == say("out_of_service", "en"))  # the page drawn again
