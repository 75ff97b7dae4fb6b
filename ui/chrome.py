"""The header and footer around every citizen screen.

A citizen who is lost must see, wherever they are, where they are (the site),
when (the date and time), how to change the language, and how to get a person:
a help control and the city's hotline. In large-text mode the footer also holds
the speaker control, to hear the screen again, louder. They live outside the
pages, so no screen can forget them and no rebuild of a page moves them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.languages import LanguageBar
from ui.screens.attract import IdleFlow

if TYPE_CHECKING:  # the first frame's footer is drawn before the core is imported
    from kiosk.visit.help import HelpState


class Header(QWidget):
    """The site's name, the date and time, and the language switch."""

    def __init__(self, flow: IdleFlow, site_name: Callable[[str], str]) -> None:
        super().__init__()
        self.setObjectName("header")
        self._site_name = site_name
        self._shown: tuple[str, str] | None = None
        self.site = QLabel()
        self.site.setObjectName("site")
        self.site.setWordWrap(True)
        # the room the language switch leaves, whatever the name's length
        self.site.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.when = QLabel()
        self.when.setObjectName("when")
        self.languages = LanguageBar(flow)
        where = QVBoxLayout()
        where.setSpacing(0)
        where.addWidget(self.site)
        where.addWidget(self.when)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 0, 0)
        row.addLayout(where, 1)
        row.addWidget(self.languages)

    def show_now(self, now: datetime, language: str) -> None:
        shown = (language, f"{now:%Y-%m-%d %H:%M}")
        if shown == self._shown:
            return  # a new text lays the whole window out again: only when it changes
        self._shown = shown
        self.site.setText(self._site_name(language))
        day = QLocale(language).dayName(now.isoweekday(), QLocale.FormatType.ShortFormat)
        self.when.setText(f"{now:%Y-%m-%d} {day} {now:%H:%M}")


class Footer(QWidget):
    """Help, the hotline and, in large-text mode, the speaker control."""

    def __init__(self, ask_for_help: Callable[[], None], read_again: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("footer")
        self._shown: tuple[str, bool, str] | None = None
        self.help = _button("help", ask_for_help)
        self.speaker = _button("read_again", read_again)
        self.hotline = QLabel()
        self.hotline.setObjectName("hotline")
        self.hotline.setWordWrap(True)
        self.hotline.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(40, 4, 40, 8)
        row.addWidget(self.help)
        row.addWidget(self.speaker)
        row.addWidget(self.hotline, 1)

    def show_for(self, hotline: str, elderly: bool, language: str) -> None:
        if (hotline, elderly, language) == self._shown:
            return  # as the header: the window is laid out again only for a change
        self._shown = (hotline, elderly, language)
        self.help.setText(self.tr("Ask for help"))
        self.speaker.setText(self.tr("Read aloud again"))  # no emoji: the fonts have none
        self.speaker.setVisible(elderly)
        self.hotline.setText(self.tr("Service hotline: %1").replace("%1", hotline))

    def help_said(self, state: HelpState | None) -> str | None:
        """The banner's line about help asked, or None before the citizen asks."""
        if state is None:
            return None
        if state.status.value == "asking":
            return self.tr("Asking for a member of staff…")
        if state.status.value == "coming":
            minutes = max(1, (state.wait_s or 0) // 60)
            return self.tr("A member of staff is on the way (about %n minute(s)). "
                           "Or call %1.", "", minutes).replace("%1", state.hotline)
        return self.tr("No staff can be asked from here now. Please call the hotline %1.") \
            .replace("%1", state.hotline)


def _button(action: str, on_tap: Callable[[], None]) -> QPushButton:
    btn = QPushButton()
    btn.setObjectName("secondary")
    btn.setProperty("action", action)
    btn.clicked.connect(lambda _checked=False: on_tap())
    return btn
