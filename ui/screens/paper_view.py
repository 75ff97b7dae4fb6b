"""The paper a visit printed, shown as large as the screen's frame allows.

A slip drawn at a fixed small width sat in the middle of a frame four times its
size, its print too small for anyone to read back the number on it. The
picture is scaled to the frame's width whenever the frame changes size (a turn
of the screen, the keyboard), and a slip longer than the frame scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea

# The most the printer's dots are enlarged: past this a slip only gets blurred, not clearer.
MAX_SCALE = 2.5


class PaperView(QScrollArea):
    def __init__(self, paper: QPixmap) -> None:
        super().__init__()
        self.setObjectName("paper_view")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._paper = paper
        self._shown_width = 0
        self.picture = QLabel()
        self.picture.setObjectName("preview")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.picture.setPixmap(paper)  # the printer's own size until the frame is laid out
        self.setWidget(self.picture)
        self.setWidgetResizable(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = min(self.viewport().width(), round(self._paper.width() * MAX_SCALE))
        if width > 0 and width != self._shown_width:
            self._shown_width = width
            self.picture.setPixmap(self._paper.scaledToWidth(
                width, Qt.TransformationMode.SmoothTransformation))
