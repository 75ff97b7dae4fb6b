"""When a window has been painted: the one signal the Qt benchmarks wait for.

A widget is "painted" when it has received its paint event. Qt draws a
window's dirty region in one pass (every widget in it, then the flush to the
backing store), so once the turn of the event loop in which the watched
widget got its paint event returns, the whole frame that shows it is drawn.
That is what a citizen would see, and the same rule holds for the kiosk and
for each baseline.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

# Qt's offscreen platform says this on every layout change of a window; no kiosk screen
# has it, and thousands of lines on stderr would be timed with the taps.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


class PaintWatch(QObject):
    """Notes the first paint event of what it filters (a widget, or the whole app)."""

    def __init__(self, on_paint: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.painted = False
        self._on_paint = on_paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            if self._on_paint is not None:
                self._on_paint()
        return False


def pump_until_painted(app: QApplication, watch: PaintWatch, limit_s: float) -> None:
    """Turn the event loop until `watch` has seen a paint; then free the widgets deleted
    on the way (deleteLater), as a running event loop would in the same turn."""
    deadline = time.perf_counter() + limit_s
    while not watch.painted:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"nothing was painted within {limit_s} s")
        app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def quiet_offscreen_platform() -> None:
    """Keep this process's stderr, except the offscreen platform's OFFSCREEN_NOISE, by
    passing it through `grep -v` in a child process. Not a Qt message handler in Python:
    that needs the GIL on whatever thread Qt logs from, and the QML loader thread logs
    while the GUI thread holds the GIL waiting for it (the virtual keyboard's setSource
    then never returns)."""
    noise_filter = subprocess.Popen(
        ["grep", "--line-buffered", "-v", "-F", OFFSCREEN_NOISE],
        stdin=subprocess.PIPE, stdout=sys.stderr.fileno())
    assert noise_filter.stdin is not None
    os.dup2(noise_filter.stdin.fileno(), sys.stderr.fileno())
