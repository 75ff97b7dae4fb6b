"""Reading each screen's instruction aloud in elderly mode.

Many older citizens read small print slowly or not at all; hearing "place
your ID card on the reader" is what gets them started. Speech goes through
Qt's text-to-speech with whatever engine the kiosk has (speech-dispatcher on
Debian); a kiosk without one stays silent rather than failing, and the tests
use Qt's `mock` engine, which speaks to nobody.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale
from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

AUTO, SILENT = "", "none"


class Speaker:
    def __init__(self, engine: str = AUTO) -> None:
        self.last_said = ""
        self._tts: QTextToSpeech | None = None
        available = QTextToSpeech.availableEngines()
        if engine == AUTO:
            engine = next((e for e in available if e != "mock"), SILENT)
        if engine == SILENT:
            return
        if engine not in available:
            log.warning("speech engine %r is not installed (have %s); staying silent",
                        engine, ", ".join(available) or "none")
            return
        self._tts = QTextToSpeech(engine)

    @property
    def engine(self) -> QTextToSpeech | None:
        return self._tts

    def say(self, text: str, language: str) -> None:
        """Say `text` now, cutting off whatever was still being said."""
        self.last_said = text
        if self._tts is None or not text:
            return
        self._tts.stop()
        self._tts.setLocale(QLocale(language))
        self._tts.say(text)

    def stop(self) -> None:
        self.last_said = ""
        if self._tts is not None:
            self._tts.stop()
