"""Screen descriptions for Qt's offscreen platform.

The default offscreen screen is 800×800 and drops touches outside it; the
tests and the headless demo need the kiosk's real portrait or landscape size.
`both` has the two side by side, so one test run can show the window on
either, as a kiosk mounted either way shows it.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

ORIENTATIONS = ("portrait", "landscape")


def platform_spec(orientation: str = "portrait") -> str:
    """A QT_QPA_PLATFORM value for an offscreen screen of the kiosk's size."""
    path = resources.files(__name__).joinpath(f"{orientation}.json")
    return f"offscreen:configfile={path}"


def show_full_screen_on(window: QWidget, orientation: str) -> None:
    """Full screen on the screen of that name, and active, as the one window under cage."""
    screen = next(s for s in QGuiApplication.screens() if s.name() == orientation)
    window.setScreen(screen)
    window.setGeometry(screen.geometry())
    window.showFullScreen()
    window.activateWindow()
