"""When a window's first frame is on the screen.

What a passer-by does not need to see the kiosk (the on-screen keyboard,
the core's workers, in `kiosk run` the core itself) waits for this, so the
screen lights up first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QWidget


class FirstFrame(QObject):
    """Emits `drawn` once, after the paint pass that first painted `window` has ended."""

    def __init__(self, window: QWidget, drawn: SignalInstance) -> None:
        super().__init__(window)
        self._drawn = drawn
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # queued: the frame is on the screen once this paint pass has ended
            QTimer.singleShot(0, self, self._drawn.emit)
        return False
