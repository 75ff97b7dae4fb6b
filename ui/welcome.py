"""`kiosk run`'s first frame: the idle screen, drawn before the core exists.

A kiosk that restarts (a power cut, an update, the watchdog) is a black
screen until its first frame. The idle screen needs only the settings and
the site's name, while the core (spool, devices, central client, the visit
flow and every other page) takes as long again to import and build. So the
idle screen is drawn first, by the same page and language bar the kiosk's
window uses, over a stand-in for the flow; the core and its window are built
in the turn after that frame, and the window takes this one's place once it
is drawn itself. The window shows the same idle screen, so nothing moves
under a passer-by's eyes.

A tap that reaches this screen in the moment before the core is up is kept
and handed to the real flow, in order, when it takes over: Start pressed on
the first frame starts the visit, it is not lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.chrome import Footer, Header
from ui.first_frame import FirstFrame
from ui.lockdown import show_locked
from ui.screens.attract import AttractPage
from ui.style import WINDOW_NAME, stylesheet
from ui.translations import use_language

if TYPE_CHECKING:
    from kiosk.visit.flow import VisitFlow


@dataclass(frozen=True)
class FirstVisit:
    """What a new visit looks like before anyone has touched the kiosk."""

    language: str
    elderly: bool = False


class Welcome:
    """Answers what the idle screen asks of the flow, as a new VisitFlow would (the
    configured language, standard mode, in service), and keeps what a citizen asks for."""

    def __init__(self, language: str, clock: Callable[[], datetime]) -> None:
        self.visit = FirstVisit(language)
        self._clock = clock
        self.asked: list[Callable[[VisitFlow], None]] = []

    def now(self) -> datetime:
        return self._clock()

    def out_of_service_notice(self) -> str | None:
        return None  # a flow starts in service; a command or a refused token comes later

    def start(self) -> None:
        self.asked.append(lambda flow: flow.start())

    def set_elderly(self, on: bool) -> None:
        self.asked.append(lambda flow: flow.set_elderly(on))

    def set_language(self, language: str) -> None:
        self.asked.append(lambda flow: flow.set_language(language))

    def technician(self) -> None:
        self.asked.append(lambda flow: flow.technician())

    def ask_for_help(self) -> None:
        self.asked.append(lambda flow: flow.ask_for_help())

    def hand_over(self, flow: VisitFlow) -> None:
        """Give the real flow what was asked here, in the order it was asked."""
        asked, self.asked = self.asked, []
        for ask in asked:
            ask(flow)


class WelcomeScreen(QWidget):
    """The first frame's window: the language bar and the idle page, laid out as the
    kiosk's window lays them out."""

    # once its first frame is drawn: the core is built in the turn after
    drawn = Signal()

    def __init__(self, site_name: Callable[[str], str], welcome: Welcome, *,
                 hotline: str = "12345", hall_url: str = "") -> None:
        super().__init__()
        self.setWindowTitle("Kiosk")
        self.setObjectName(WINDOW_NAME)
        self.welcome = welcome
        self.page = AttractPage(welcome, site_name, hotline=hotline, hall_url=hall_url)
        self.header = Header(welcome, site_name)
        self.languages = self.header.languages
        self.footer = Footer(welcome.ask_for_help, lambda: None)
        self._hotline = hotline
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.footer)
        self.render()
        self.locked = False
        FirstFrame(self, self.drawn)

    def render(self) -> None:
        """The idle page in the stand-in's language and mode."""
        visit = self.welcome.visit
        use_language(visit.language)  # the page calls tr as it builds
        self.setStyleSheet(stylesheet(visit.elderly, visit.language))
        self.languages.show_current()
        self.header.show_now(self.welcome.now(), visit.language)
        self.footer.show_for(self._hotline, visit.elderly, visit.language)
        self.page.render()

    def lock_down(self, *, hide_cursor: bool) -> None:
        """Shown as the kiosk's window is in `kiosk run`, and as deaf to a close."""
        self.locked = True
        show_locked(self, hide_cursor=hide_cursor)

    def hand_over(self, flow: VisitFlow) -> None:
        """The kiosk's window is on the screen: pass on what was asked here, and go."""
        self.welcome.hand_over(flow)
        self.dismiss()

    def dismiss(self) -> None:
        """Closed and freed: handed over, or the kiosk ends before it could be."""
        self.locked = False
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked:  # only hand_over ends it, as only the session ends the kiosk's window
            event.ignore()
            return
        super().closeEvent(event)
