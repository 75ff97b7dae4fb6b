"""A kiosk that cannot start its core stays on the screen, out of service, saying why.

Without its credentials (never provisioned) or its settings file (unreadable)
the kiosk has nothing to serve with. Ending would make systemd start it again
every two seconds until its start limit stops it, leaving a black screen and
nothing to tell the citizen or the technician. So `kiosk run` shows the idle
screen out of service, with a line for the technician that names what is
missing and what to run, and keeps telling systemd it is alive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kiosk.visit.messages import say
from ui.welcome import FirstVisit, Welcome


@dataclass(frozen=True)
class Fault:
    """What keeps the kiosk from starting: a message code of kiosk.visit.messages
    ("not_provisioned", "spool_key_missing", "settings_unreadable") and its values."""

    code: str
    params: dict[str, str]


class OutOfOrder(Welcome):
    """The idle screen's flow for a kiosk without its core: out of service whatever is
    tapped, in the language chosen on its bar."""

    def __init__(self, fault: Fault, language: str, clock: Callable[[], datetime], *,
                 elderly: bool = False) -> None:
        super().__init__(language, clock)
        self.visit = FirstVisit(language, elderly)
        self.fault = fault
        self.on_change: Callable[[], None] = lambda: None

    def out_of_service_notice(self) -> str:
        language = self.visit.language
        return f"{say('out_of_service', language)}\n\n" \
               f"{say(self.fault.code, language, **self.fault.params)}"

    def set_language(self, language: str) -> None:
        self.visit = FirstVisit(language, self.visit.elderly)
        self.on_change()

    def technician(self) -> None:
        """No service screen without the core: the technician works at the console."""
