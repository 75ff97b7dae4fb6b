"""The paper a visit printed, shown as large as the screen's frame allows.

A slip drawn at a fixed small width sat in the middle of a frame four times its
size, its print too small for anyone to read back the number on it. The
picture is scaled to the frame's width whenever the frame changes size (a turn
of the screen, the keyboard), and a slip longer than the frame scrolls.

A smooth enlargement of a whole slip takes longer than the rest of the page's
drawing, and the result page is built again when the printer answers: the
enlargements are kept with the slip (`Slip`), which the page keeps for as long
as it shows that one paper and forgets when another screen shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea

# The most the printer's dots are enlarged: past this a slip only gets blurred, not clearer.
MAX_SCALE = 2.5
# An enlargement this much narrower than the frame, or less, is shown as it is, centred.
# The result page is laid out twice as it first shows (with its own scroll bar, then
# without it, 14 px wider), and a second smooth enlargement for those pixels was a fifth
# of the tap that shows the receipt.
CLOSE_ENOUGH = 0.02


class Slip:
    """One paper's picture, a pixel a printer's dot, and its enlargements by width."""

    def __init__(self, width: int, height: int, grey: bytes) -> None:
        image = QImage(grey, width, height, width, QImage.Format.Format_Grayscale8)
        self.paper = QPixmap.fromImage(image)  # a copy: `grey` need not outlive this
        self._enlarged: dict[int, QPixmap] = {}

    def at_width(self, width: int) -> QPixmap:
        """The paper enlarged to `width`, or to a width already made that is close enough
        below it."""
        made = [made for made in self._enlarged if width * (1 - CLOSE_ENOUGH) <= made <= width]
        if made:
            return self._enlarged[max(made)]
        self._enlarged[width] = self.paper.scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation)
        return self._enlarged[width]


class PaperView(QScrollArea):
    def __init__(self, slip: Slip) -> None:
        super().__init__()
        self.setObjectName("paper_view")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._slip = slip
        self._shown_width = 0
        self.picture = QLabel()
        self.picture.setObjectName("preview")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.picture.setPixmap(slip.paper)  # the printer's own size until the frame is laid out
        self.setWidget(self.picture)
        self.setWidgetResizable(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = min(self.viewport().width(), round(self._slip.paper.width() * MAX_SCALE))
        if width > 0 and width != self._shown_width:
            self._shown_width = width
            self.picture.setPixmap(self._slip.at_width(width))
