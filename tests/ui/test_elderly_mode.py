"""Elderly mode through the real window: the switch on the first screen, larger
high-contrast type, and each screen's instruction read out (Qt's mock engine): what
the engine was given to speak is checked, not the speaker's own record of it."""

from __future__ import annotations

from fresh_python import python_lines
from PySide6.QtCore import QLocale
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.visit.flow import Screen
from ui.speaker import LOUDER, VOLUME
from ui.style import BASE_PT, ELDERLY_SCALE
from ui.taps import tap


class Heard:
    """What reached the speech engine, utterance by utterance: Qt's mock engine speaks to
    nobody, but reports each word it speaks as a real engine does (it finds no words in
    Chinese, so a Chinese utterance shows as begun, with no words)."""

    def __init__(self, engine: QTextToSpeech) -> None:
        self.utterances: list[list[str]] = []
        engine.aboutToSynthesize.connect(lambda _id: self.utterances.append([]))
        engine.sayingWord.connect(lambda word, _id, _start, _length:
                                  self.utterances[-1].append(word))

    def last(self) -> str:
        return " ".join(self.utterances[-1]) if self.utterances else ""


def test_elderly_mode_reads_each_screen_aloud_in_the_visits_language(kiosk_session, rig,
                                                                      qtbot) -> None:
    ui = rig.settings.ui.model_copy(update={"speech_engine": "mock"})
    session = kiosk_session(rig.settings.model_copy(update={"ui": ui}))
    window, flow, speaker = session.window, session.core.flow, session.window.speaker
    engine = speaker.engine
    assert isinstance(engine, QTextToSpeech) and engine.engine() == "mock"
    heard = Heard(engine)
    tap(window, "lang_en")
    tap(window, "lang_zh_CN")
    assert heard.utterances == []  # standard mode says nothing
    tap(window, "elderly")
    qtbot.waitUntil(lambda: len(heard.utterances) == 1)
    assert "身份证" in speaker.last_said
    assert f"font-size: {round(BASE_PT * ELDERLY_SCALE)}pt" in window.styleSheet()
    tap(window, "lang_en")
    qtbot.waitUntil(lambda: heard.last() == "Place your ID card on the reader or tap Start")
    assert engine.locale().language() == QLocale.Language.English
    tap(window, "start")
    assert flow.screen == Screen.CHOOSE
    qtbot.waitUntil(lambda: heard.last() == "Choose the service you need")


def test_the_speech_engine_loads_with_the_first_read_out_not_at_start() -> None:
    lines = python_lines(
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['kiosk'])\n"
        "from ui.speaker import Speaker\n"
        "speaker = Speaker('mock')\n"
        "print('PySide6.QtTextToSpeech' in sys.modules)\n"
        "speaker.say('hello', 'en')\n"
        "print('PySide6.QtTextToSpeech' in sys.modules, speaker.engine.engine())\n",
        QT_QPA_PLATFORM="offscreen")
    assert lines == ["False", "True mock"]


def test_the_speaker_control_says_the_screen_again_louder_in_elderly_mode(kiosk_session,
                                                                          rig) -> None:
    ui = rig.settings.ui.model_copy(update={"speech_engine": "mock"})
    session = kiosk_session(rig.settings.model_copy(update={"ui": ui}))
    window, speaker = session.window, session.window.speaker
    assert not window.footer.speaker.isVisibleTo(window)  # standard mode: no speaker
    tap(window, "elderly")
    tap(window, "lang_en")
    tap(window, "start")
    assert window.footer.speaker.isVisibleTo(window) and speaker.volume == VOLUME
    speaker.last_said = ""
    tap(window, "read_again")
    assert speaker.last_said == "Choose the service you need" and speaker.volume == LOUDER
