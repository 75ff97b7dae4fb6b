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
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ui.screens.base import label

QR_PX = 280


def closed_page(body: QVBoxLayout, notice: str, hotline: str, hall_url: str,
                words: dict[str, str], *, wide: bool) -> None:
    """Fill `body` with the out-of-service page; `words` are the page's own translated
    lines ("hotline", "hall"); `wide`: the QR code beside the words, not under them."""
    said = QVBoxLayout()
    for text, name in ((notice, "out_of_service"),
                       (words["hotline"].replace("%1", hotline) if hotline else "", "subtitle")):
        if text:
            line = label(text, name=name)
            line.setAlignment(Qt.AlignmentFlag.AlignCenter)
            said.addWidget(line)
    columns = QHBoxLayout() if wide else QVBoxLayout()
    columns.addLayout(said, 2)
    if hall_url:
        hall = QVBoxLayout()
        hall.addWidget(_qr(hall_url), 0, Qt.AlignmentFlag.AlignHCenter)
        scan = label(words["hall"], name="hint")
        scan.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hall.addWidget(scan)
        columns.addLayout(hall, 1)
    body.addLayout(columns)


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
