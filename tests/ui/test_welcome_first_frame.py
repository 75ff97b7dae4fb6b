"""`kiosk run` draws its idle screen before the core exists, the kiosk's window takes
over showing the same picture, and what a citizen tapped in between is not lost."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
import shiboken6
from fresh_python import python_lines
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

import ui.main
from kiosk.cli.command import EX_CONFIG
from kiosk.visit.flow import Screen
from offline_queue import SpoolKeyError
from ui.app import run_kiosk
from ui.main_window import KioskWindow
from ui.taps import widgets_in
from ui.welcome import WelcomeScreen


def _tap(holder: QWidget, action: str) -> None:
    next(w for w in widgets_in(holder) if w.property("action") == action).click()


def _welcomes_showing() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, WelcomeScreen) and w.isVisible()]


def _kiosk_windows() -> set[int]:
    return {shiboken6.getCppPointer(w)[0] for w in QApplication.topLevelWidgets()
            if isinstance(w, KioskWindow)}


class Visitor(QObject):
    """Looks at both windows as each is first painted, taps the idle screen before the
    core is built, and sends SIGTERM once the kiosk's window has taken over."""

    def __init__(self, taps: tuple[str, ...]) -> None:
        super().__init__()
        self.taps = taps
        self.welcome: WelcomeScreen | None = None
        self.window: KioskWindow | None = None
        self.windows_before = _kiosk_windows()  # earlier tests' windows wait to be freed
        self.windows_at_first_frame: set[int] | None = None
        self.pictures: dict[str, QImage] = {}
        self.welcome_left: bool | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        if isinstance(watched, WelcomeScreen) and self.welcome is None:
            self.welcome = watched
            self.windows_at_first_frame = _kiosk_windows() - self.windows_before
            # queued before the welcome's own `drawn`, so before the core is built
            QTimer.singleShot(0, self._look_and_tap)
        elif isinstance(watched, KioskWindow) and self.window is None:
            self.window = watched
            QTimer.singleShot(0, lambda: self.pictures.setdefault(
                "window", watched.grab().toImage()))
            watched.drawn.connect(lambda: QTimer.singleShot(0, self._leave))
        return False

    def _look_and_tap(self) -> None:
        self.pictures["welcome"] = self.welcome.grab().toImage()
        for action in self.taps:
            _tap(self.welcome, action)

    def _leave(self) -> None:
        self.welcome_left = not shiboken6.isValid(self.welcome) or not self.welcome.isVisible()
        os.kill(os.getpid(), signal.SIGTERM)


@pytest.fixture
def visitor(qapp, own_signals) -> Iterator[Visitor]:
    watch = Visitor(taps=())
    qapp.installEventFilter(watch)
    yield watch
    qapp.removeEventFilter(watch)


def test_the_idle_screen_comes_first_and_the_window_shows_the_same(visitor, rig,
                                                                     clock) -> None:
    assert run_kiosk(rig.settings, clock) == 0
    assert visitor.windows_at_first_frame == set()  # no core and no kiosk window yet
    assert visitor.window is not None and visitor.welcome_left
    welcome, window = visitor.pictures["welcome"], visitor.pictures["window"]
    assert welcome.size() == window.size()
    assert welcome == window  # pixel for pixel: nothing moves when the window takes over


def test_taps_on_the_first_frame_reach_the_flow_in_order(visitor, rig, clock) -> None:
    visitor.taps = ("lang_en", "start")
    assert run_kiosk(rig.settings, clock) == 0
    flow = visitor.window.flow
    assert flow.visit.language == "en"
    assert flow.screen in (Screen.IDENTIFY, Screen.CHOOSE)  # Start was not lost


def test_a_core_that_cannot_be_built_ends_the_run_with_its_error(rig, clock,
                                                                 own_signals) -> None:
    # the spool's key file is a folder: the core's build fails after the first frame, and
    # the error says what is wrong with the file
    (rig.settings.device.state_dir / "spool.key").mkdir(parents=True)
    with pytest.raises(SpoolKeyError, match=r"spool\.key is not a regular file"):
        run_kiosk(rig.settings, clock)


class FirstFramePainted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, WelcomeScreen):
            self.seen = True
        return False


def test_a_bad_setting_is_checked_after_the_first_frame_and_ends_the_run(
        qapp, rig, tmp_path, monkeypatch, capsys, own_signals) -> None:
    site = tmp_path / "kiosk.toml"
    site.write_text(f'[device]\nstate_dir = "{rig.settings.device.state_dir}"\n'
                    '[ui]\nidle_timeout_s = 5\n')
    monkeypatch.setenv("KIOSK_CONFIG", str(site))
    watch = FirstFramePainted()
    qapp.installEventFilter(watch)
    try:
        assert ui.main.main(["run"]) == EX_CONFIG
    finally:
        qapp.removeEventFilter(watch)
    assert watch.seen  # the idle screen came first, pydantic after it
    said = capsys.readouterr().err
    assert f"{site}: 1 setting(s) need fixing" in said and "ui.idle_timeout_s = 5" in said
    assert not _welcomes_showing()


def test_what_kiosk_run_imports_before_its_first_frame_leaves_out_the_core() -> None:
    """Nor pydantic: the settings are checked while the first frame shows."""
    lines = python_lines(
        "import sys, ui.main, ui.app\n"
        "print(' '.join(m for m in ('kiosk.core', 'kiosk.visit.flow', 'offline_queue',\n"
        "                            'pydantic', 'drivers.idcard.reader', 'ui.main_window')\n"
        "               if m in sys.modules))\n")
    assert lines == [""]
