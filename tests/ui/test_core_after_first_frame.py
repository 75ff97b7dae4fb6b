"""In `kiosk run` the core's workers start once the window's first frame is drawn, and
without a frame they still start: a kiosk with a dead screen must keep syncing and
sending heartbeats."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

import ui.app
from ui.app import KioskSession
from ui.main_window import KioskWindow


class WorkersAtFirstPaint(QObject):
    """Notes whether the core's workers were running when the window was first painted."""

    def __init__(self, session: KioskSession) -> None:
        super().__init__()
        self.session = session
        self.running: bool | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, KioskWindow) \
                and self.running is None:
            self.running = self.session.core.healthy()
        return False


def test_the_workers_start_after_the_first_frame(qtbot, rig, clock) -> None:
    session = KioskSession(rig.settings, clock, start_after_first_frame=True)
    qtbot.addWidget(session.window)
    watch = WorkersAtFirstPaint(session)
    app = QApplication.instance()
    app.installEventFilter(watch)
    try:
        assert not session.core.healthy()
        with qtbot.waitSignal(session.window.drawn):
            session.window.show()
        assert watch.running is False
        assert session.core.healthy()
        assert session.window.keyboard is not None  # built after the frame too
    finally:
        app.removeEventFilter(watch)
        session.stop()


def test_a_window_never_drawn_still_starts_the_core(qtbot, rig, clock, monkeypatch) -> None:
    monkeypatch.setattr(ui.app, "FIRST_FRAME_WAIT_MS", 0)
    session = KioskSession(rig.settings, clock, start_after_first_frame=True)
    qtbot.addWidget(session.window)  # and never shown
    try:
        assert not session.core.healthy()
        qtbot.waitUntil(session.core.healthy)
        assert not session.window.isVisible()
    finally:
        session.stop()


def test_a_session_for_the_tests_and_the_demo_starts_its_core_at_once(qtbot, rig,
                                                                     clock) -> None:
    session = KioskSession(rig.settings, clock)
    qtbot.addWidget(session.window)
    try:
        assert session.core.healthy()
    finally:
        session.stop()
