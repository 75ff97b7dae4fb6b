"""Reading each screen's instruction aloud in elderly mode.

Many older citizens read small print slowly or not at all; hearing "place
your ID card on the reader" is what gets them started. Speech goes through
Qt's text-to-speech with whatever engine the kiosk has (speech-dispatcher on
Debian); a kiosk without one stays silent rather than failing, and the tests
use Qt's `mock` engine, which speaks to nobody.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

if TYPE_CHECKING:  # Qt's speech module (and its multimedia libraries) loads with the engine
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

AUTO, SILENT = "", "none"
VOLUME, LOUDER = 0.7, 1.0  # a screen's first reading, and the speaker control's again


class Speaker:
    """Speaks with `engine` (AUTO: the first real one installed), chosen when it is first
    needed: most visits are not in elderly mode, and the kiosk's start should not wait
    for Qt's speech plug-ins."""

    def __init__(self, engine: str = AUTO) -> None:
        self.last_said = ""
        self.volume = VOLUME
        self._wanted = engine
        self._tts: QTextToSpeech | None = None
        self._chosen = engine == SILENT

    @property
    def engine(self) -> QTextToSpeech | None:
        if not self._chosen:
            self._chosen = True
            self._tts = self._open(self._wanted)
        return self._tts

    @staticmethod
    def _open(engine: str) -> QTextToSpeech | None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        available = QTextToSpeech.availableEngines()
        if engine == AUTO:
            engine = next((e for e in available if e != "mock"), SILENT)
        if engine == SILENT:
            return None
        if engine not in available:
            log.warning("speech engine %r is not installed (have %s); staying silent",
                        engine, ", ".join(available) or "none")
            return None
        return QTextToSpeech(engine)

    def say(self, text: str, language: str, *, louder: bool = False) -> None:
        """Say `text` now, cutting off whatever was still being said; `louder` for a
        citizen who asked to hear it again."""
        self.last_said = text
        self.volume = LOUDER if louder else VOLUME
        tts = self.engine if text else None
        if tts is None:
            return
        tts.stop()
        tts.setLocale(QLocale(language))
        tts.setVolume(self.volume)
        tts.say(text)

    def stop(self) -> None:
        self.last_said = ""
        if self._tts is not None:
            self._tts.stop()
