"""The screens' own texts in the visit's language: the Qt Linguist sources
(`kiosk_<language>.ts`), the compiled `.qm` files the kiosk loads, and the switch.

Pages call `tr` while they are built, so the window switches the translator
before it renders a page. Exactly one kiosk translator is installed at a time,
held as a child of the application: a language switch, or a new window after an
old one, never leaves an earlier language answering for a text the new one does
not carry (the English file holds plural forms only).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parent
REFRESH_COMMAND = "tools/translations.sh"
_INSTALLED = "kiosk_translator"


def use_language(language: str) -> None:
    """Translate the screens into `language` ("zh_CN", "zh_TW" or "en") from now on.

    A missing file is an error, not a silent fall back to English: the kiosk would
    otherwise show a half-English screen to a citizen who chose Chinese.
    """
    path = TRANSLATIONS_DIR / f"kiosk_{language}.qm"
    translator = QTranslator()
    if not translator.load(str(path)):
        raise FileNotFoundError(f"no translations for {language!r} at {path}; "
                                f"run {REFRESH_COMMAND}")
    app = QCoreApplication.instance()
    previous = app.findChild(QTranslator, _INSTALLED)
    if previous is not None:
        app.removeTranslator(previous)
        previous.setParent(None)  # Python owns it now and frees it on return
    translator.setParent(app)
    translator.setObjectName(_INSTALLED)
    app.installTranslator(translator)
