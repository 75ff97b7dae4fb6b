"""Starts the kiosk application: Qt, the core, and the window over it.

`kiosk run` draws its first frame (ui.welcome) before it imports the core and
the kiosk's window, so this module imports neither until a session is made.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.service.state_files import lost_spool_key
from kiosk.service.watchdog import SystemdNotifier
from kiosk.uplink.credentials import load_credentials
from ui.keyboard.environment import prepare_keyboard
from ui.out_of_order import Fault, OutOfOrder
from ui.welcome import Welcome, WelcomeScreen

if TYPE_CHECKING:
    from kiosk.settings.files import FirstLook, UncheckedSettings
    from kiosk.settings.model import Settings

# How long `kiosk run` waits for its first frame before starting the core without it.
FIRST_FRAME_WAIT_MS = 5000

# The exit status of a restart the central asked for: systemd's Restart=always brings the
# kiosk back, and the journal shows why it went (EX_TEMPFAIL).
RESTART_EXIT_CODE = 75

# How often an out-of-service kiosk tells systemd it is alive (it pings when due).
ALIVE_MS = 1000


def qt_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        prepare_keyboard()  # read by Qt when the application is made
        app = QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    return app


def quit_on_signals(app: QApplication) -> None:
    """SIGTERM (systemd) and Ctrl+C end the event loop, so every `finally` runs and the
    devices, spool and child processes are closed. The window's one-second timer gives
    Python the moment it needs to run the handler. `exit`, not `quit`: Qt 6's quit first
    asks every window to close, and the locked-down window refuses, so quit did nothing."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.exit(0))


class KioskSession:
    """The core and its window, created together and stopped together.

    With `start_after_first_frame`, the core's workers (devices, sync, heartbeat) start
    once the window's first frame is drawn: their imports and first requests would
    otherwise hold the GIL while the attract screen is painted. A window that is never
    drawn (a dead screen) still gets its core started, FIRST_FRAME_WAIT_MS later: the
    central must hear from a kiosk whose screen is broken.
    """

    def __init__(self, settings: Settings, clock: Callable[[], datetime], *,
                 start_after_first_frame: bool = False) -> None:
        # here, not at the top: `kiosk run` has drawn its first frame before it gets here
        from kiosk.core import KioskCore
        from ui.dispatch import Dispatcher
        from ui.main_window import KioskWindow
        from ui.speaker import Speaker

        self.app = qt_app()
        self.dispatcher = Dispatcher()
        self.core = KioskCore(settings, clock=clock, post=self.dispatcher.post)
        self.core.on_restart = lambda: self.app.exit(RESTART_EXIT_CODE)
        self.window = KioskWindow(self.core.flow, self.core.credentials.site_name,
                                  Speaker(settings.ui.speech_engine), desk=self.core.desk,
                                  hotline=settings.ui.hotline,
                                  hall_url=settings.ui.online_hall_url)
        self.notifier = SystemdNotifier()
        # the window's tick runs only while the event loop turns: a hung loop stops the pings
        self.window.timer.timeout.connect(lambda: self.notifier.alive(self.core.healthy()))
        self._started = False
        if start_after_first_frame:
            self.window.drawn.connect(self._start)
            QTimer.singleShot(FIRST_FRAME_WAIT_MS, self.window, self._start)
        else:
            self._start()

    def _start(self) -> None:
        if self._started:
            return
        self._started = True
        self.core.start()
        QTimer.singleShot(0, self.notifier.ready)  # READY once the event loop turns

    def stop(self) -> None:
        self.notifier.stopping()
        self.dispatcher.close()
        self.window.timer.stop()
        self.core.stop()
        self.window.release()
        self.window.close()
        self.window.deleteLater()


def _checked(settings: Settings | UncheckedSettings) -> Settings:
    from kiosk.settings.model import checked  # pydantic: after the first frame

    return checked(settings)


def run_out_of_service(look: FirstLook, fault: Fault, clock: Callable[[], datetime]) -> int:
    """`kiosk run` without what its core needs: the idle screen out of service, saying
    what is wrong, alive for systemd's watchdog, until SIGTERM."""
    app = qt_app()
    flow = OutOfOrder(fault, look.language, clock)
    screen = WelcomeScreen(lambda _language: "", flow, hotline=look.hotline,
                           hall_url=look.hall_url)
    flow.on_change = screen.render
    notifier = SystemdNotifier()
    screen.drawn.connect(notifier.ready)
    alive = QTimer(screen)
    alive.timeout.connect(lambda: notifier.alive(True))  # the screen is what it should be
    alive.start(ALIVE_MS)
    screen.lock_down(hide_cursor=look.hide_cursor)
    quit_on_signals(app)
    try:
        return app.exec()
    finally:
        notifier.stopping()
        screen.dismiss()


def run_kiosk(settings: Settings | UncheckedSettings, clock: Callable[[], datetime]) -> int:
    """`kiosk run`: the idle screen first, then the core and the locked-down window over
    it, until SIGTERM or a restart; the exit status for systemd. Settings not checked yet
    are checked after the first frame; a SettingsError then ends the run as it would
    have before it."""
    look = settings.first_look()
    if look is None:  # one of its three values is refused: the check says which, now
        settings = _checked(settings)
        look = settings.first_look()
    app = qt_app()
    credentials = load_credentials(look.state_dir)
    if credentials is None:  # not provisioned: out of service, and saying why, not a crash
        return run_out_of_service(look, Fault("not_provisioned", {"path": str(look.state_dir)}),
                                  clock)
    lost_key = lost_spool_key(look.state_dir)
    if lost_key is not None:  # the spool cannot be opened: the same, naming the file
        return run_out_of_service(look, Fault("spool_key_missing", {"path": str(lost_key)}),
                                  clock)
    welcome = WelcomeScreen(credentials.site_name, Welcome(look.language, clock),
                            hotline=look.hotline, hall_url=look.hall_url)
    sessions: list[KioskSession] = []
    failures: list[BaseException] = []

    def build() -> None:
        if sessions or failures:
            return
        try:
            session = KioskSession(_checked(settings), clock, start_after_first_frame=True)
        except BaseException as exc:  # raised again below, as it was before the first frame
            failures.append(exc)
            app.exit(1)
            return
        sessions.append(session)
        session.window.drawn.connect(lambda: welcome.hand_over(session.core.flow))
        session.window.lock_down(hide_cursor=look.hide_cursor)

    welcome.drawn.connect(build)
    QTimer.singleShot(FIRST_FRAME_WAIT_MS, build)  # a screen that never draws
    welcome.lock_down(hide_cursor=look.hide_cursor)
    quit_on_signals(app)
    try:
        status = app.exec()
    finally:
        for session in sessions:
            session.stop()
        if shiboken6.isValid(welcome):  # not handed over: a failed build, an early SIGTERM
            welcome.dismiss()
    if failures:
        raise failures[0]
    return status
