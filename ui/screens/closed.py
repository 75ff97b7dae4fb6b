"""What the idle screen shows while the kiosk takes no visits.

One red sentence leaves a citizen who came at night with nowhere to go. So the
page says why, the nearest place to go instead (the flow's notice carries it), the
city's hotline, and a QR code to the city's online service hall, where many items
can be done from a phone right away.
"""

from __future__ import annotations

import io

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout

from ui.screens.base import label

QR_PX = 280


def closed_page(body: QVBoxLayout, notice: str, hotline: str, hall_url: str,
                words: dict[str, str]) -> None:
    """Fill `body` with the out-of-service page; `words` are the page's own translated
    lines ("hotline", "hall")."""
    for text, name in ((notice, "out_of_service"),
                       (words["hotline"].replace("%1", hotline) if hotline else "", "subtitle")):
        if text:
            line = label(text, name=name)
            line.setAlignment(Qt.AlignmentFlag.AlignCenter)
            body.addWidget(line)
    if hall_url:
        body.addWidget(_qr(hall_url), 0, Qt.AlignmentFlag.AlignHCenter)
        hall = label(words["hall"], name="hint")
        hall.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.addWidget(hall)


def _qr(url: str) -> QLabel:
    import qrcode  # the printer's QR library; loaded only when a kiosk is closed

    picture = io.BytesIO()
    qrcode.make(url, border=2).save(picture, format="PNG")
    pixmap = QPixmap()
    pixmap.loadFromData(picture.getvalue())
    shown = QLabel()
    shown.setObjectName("hall_qr")
    shown.setPixmap(pixmap.scaled(QR_PX, QR_PX, Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.FastTransformation))
    return shown
