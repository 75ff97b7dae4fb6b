"""A child process of bench.cold_start: one window, started fresh, to its first frame.

`python -m bench.first_paint minimal|settings|kiosk` starts a window, runs the
event loop, and prints one JSON line of time.perf_counter() stamps
(CLOCK_MONOTONIC on Linux, so the parent can subtract its own) when the first
frame is drawn (see bench.painted) and, for the kiosk, when its own window
(ui.main_window.KioskWindow, which `kiosk run` builds after its first frame,
ui.welcome) has been drawn too ("ready"), and one turn after that, when what
the window put off until its frame (the keyboard, the core's workers) has run
("settled"), with the CPU time spent by then. The kiosk is started by the
`kiosk run` command itself (ui.main, reading KIOSK_CONFIG), its modules
imported in the command's own order (the command, then ui.app, which imports
Qt): PySide6 reads the source of the modules imported after it that may use
it (ui.source_scan), so another order would bill the kiosk for work its real
start does not do.
The minimal window is a full-screen QLabel and imports nothing of the kiosk;
`settings` is the same window after loading the kiosk's settings (pydantic
and the settings models, from KIOSK_CONFIG): what a start that checks all
its settings before drawing must do first. For both, "ready" and "settled"
are the first frame.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

KINDS = ("minimal", "settings", "kiosk")
CPU_MAIN, CPU_PROCESS = "cpu_main", "cpu_process"


def _load(kind: str) -> tuple[Callable[[list[str]], int], Callable[[], Any]] | None:
    """Import what `kind` loads before its window, in the order its real start does; for
    the kiosk, its command and the QApplication it makes."""
    if kind == "kiosk":
        # `kiosk run`'s own order: the command, then ui.app, which imports Qt
        # (ui.main._cmd_run)
        from ui.main import main as kiosk_command
        # isort: split
        from ui.app import qt_app

        return kiosk_command, qt_app
    if kind == "settings":
        from kiosk.settings.model import load_settings

        load_settings()
    return None


def _first_frame_watch(kind: str, stamps: dict[str, float]) -> Any:
    """An event filter that stamps the first Show of a window, the end of the first frame
    and of the kiosk window's first frame, and the turn after that; then quits."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from bench.painted import PaintWatch

    def is_kiosk_window(widget: QObject) -> bool:
        window_module = sys.modules.get("ui.main_window")  # never imported here for this
        return window_module is not None and isinstance(widget, window_module.KioskWindow)

    class FirstFrame(PaintWatch):
        def __init__(self) -> None:
            super().__init__(on_paint=lambda: QTimer.singleShot(0, self.drawn))

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) \
                    and watched.isWindow():
                stamps.setdefault("shown", time.perf_counter())
            if event.type() == QEvent.Type.Paint and is_kiosk_window(watched) \
                    and "ready" not in stamps:
                stamps["ready"] = 0.0  # stamped when this paint pass has ended
                QTimer.singleShot(0, self.ready)
            return super().eventFilter(watched, event)

        def drawn(self) -> None:
            # a zero timer runs after the paint pass that started it has finished
            stamps["painted"] = time.perf_counter()
            if kind != "kiosk":
                stamps["ready"] = stamps["painted"]
                QTimer.singleShot(0, self.settled)

        def ready(self) -> None:
            stamps["ready"] = time.perf_counter()
            QTimer.singleShot(0, self.settled)

        def settled(self) -> None:
            # queued behind what the window queued at its first frame (the keyboard, the
            # core's workers): from here the event loop is free for a citizen's first tap
            stamps["settled"] = time.perf_counter()
            # CPU seconds spent by then, which a busy machine stretches far less than the
            # wall clock: the main thread's (what stood between the spawn and a served
            # tap) and the whole process's (the workers' threads too)
            stamps[CPU_MAIN] = time.thread_time()
            stamps[CPU_PROCESS] = time.process_time()
            print(json.dumps(stamps), flush=True)
            # quit would ask the locked-down kiosk window to close, and it refuses
            QApplication.instance().exit(0)

    return FirstFrame()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in KINDS:
        raise SystemExit(f"usage: python -m bench.first_paint {'|'.join(KINDS)}")
    kind = args[0]
    stamps = {"main": time.perf_counter()}
    kiosk = _load(kind)
    from PySide6.QtWidgets import QApplication, QLabel

    app = kiosk[1]() if kiosk else QApplication(sys.argv[:1])
    stamps["app"] = time.perf_counter()
    watch = _first_frame_watch(kind, stamps)
    app.installEventFilter(watch)
    if kiosk:
        return kiosk[0](["run"])
    window = QLabel("Hello")
    window.showFullScreen()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
