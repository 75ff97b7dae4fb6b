"""The screens in zh_CN, zh_TW and en: every text translated, the committed
Linguist files current with the code, and a language switch that changes what
the screens say without touching the visit.

A citizen who chose Chinese must not meet an English button because a text was
added without its translation, or because the `.qm` the kiosk loads was not
rebuilt after the `.ts` was translated.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from kiosk.visit.flow import Screen
from ui.app import KioskSession
from ui.languages import LANGUAGES
from ui.taps import find, tap, type_text
from ui.translations import REFRESH_COMMAND, TRANSLATIONS_DIR, use_language

REPO = Path(__file__).resolve().parents[2]
CODES = [code for code, _ in LANGUAGES]
SENIOR_CARD_ITEM = "440106-MZJ-001"
REFRESH_HINT = (f"run `{REFRESH_COMMAND}` from the repository root, translate what is new "
                "and commit the .ts and .qm files")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """Each message of a Linguist file by (context, source text)."""
    return {(context.findtext("name"), message.findtext("source")): message
            for context in ET.parse(ts).getroot().iter("context")
            for message in context.iter("message")}


def translated_forms(message: ET.Element) -> list[str] | None:
    """The translation's text (each plural form), or None while it is not done:
    empty, or marked unfinished, obsolete or vanished."""
    translation = message.find("translation")
    if translation is None or translation.get("type") is not None:
        return None
    forms = [form.text or "" for form in translation.findall("numerusform")] or [
        translation.text or ""]
    return forms if all(form.strip() for form in forms) else None


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory) -> Path:
    """The committed .ts files run through the refresh script in a copy: what they
    and their .qm would be if a developer ran it now."""
    copy = tmp_path_factory.mktemp("translations")
    for ts in TRANSLATIONS_DIR.glob("*.ts"):
        shutil.copy(ts, copy)
    subprocess.run(["bash", str(REPO / REFRESH_COMMAND), str(copy)], check=True,
                   capture_output=True, text=True)
    return copy


@pytest.mark.parametrize("language", CODES)
def test_every_text_is_translated(language) -> None:
    ts = TRANSLATIONS_DIR / f"kiosk_{language}.ts"
    assert ts.exists(), f"{ts} is missing; {REFRESH_HINT}"
    untranslated, placeholders_lost = [], []
    for (context, source), message in messages(ts).items():
        forms = translated_forms(message)
        if forms is None:
            untranslated.append(f"{context}: {source}")
            continue
        for form in forms:
            if any(mark in source and mark not in form for mark in ("%1", "%n")):
                placeholders_lost.append(f"{context}: {source} -> {form}")
    assert not untranslated, f"untranslated in {ts.name}: {untranslated}; {REFRESH_HINT}"
    assert not placeholders_lost, f"a placeholder is missing in {ts.name}: {placeholders_lost}"


@pytest.mark.parametrize("language", CODES)
def test_the_ts_files_hold_exactly_the_texts_of_the_code(language, refreshed) -> None:
    name = f"kiosk_{language}.ts"
    committed = set(messages(TRANSLATIONS_DIR / name))
    current = set(messages(refreshed / name))
    assert committed == current, (
        f"{name} is out of date with ui/: new texts {sorted(current - committed)}, "
        f"gone texts {sorted(committed - current)}; {REFRESH_HINT}")


@pytest.mark.parametrize("language", CODES)
def test_each_qm_is_compiled_from_its_ts(language, refreshed) -> None:
    name = f"kiosk_{language}.qm"
    committed = TRANSLATIONS_DIR / name
    assert committed.exists(), f"{committed} is missing; {REFRESH_HINT}"
    assert committed.read_bytes() == (refreshed / name).read_bytes(), (
        f"{name} is stale: it was not compiled from the current kiosk_{language}.ts; "
        f"{REFRESH_HINT}")


def test_a_switch_leaves_no_earlier_language_behind(qapp) -> None:
    """English carries plural forms only; its other texts must fall back to the
    source, not to the Chinese installed before it."""
    use_language("zh_TW")
    assert QCoreApplication.translate("AttractPage", "Start") == "開始辦理"
    use_language("en")
    assert QCoreApplication.translate("AttractPage", "Start") == "Start"
    assert QCoreApplication.translate("ResultPage", "%n people ahead of you", "", 1) == (
        "1 person ahead of you")
    with pytest.raises(FileNotFoundError, match=r"translations\.sh"):
        use_language("fr")


def test_the_language_changes_on_screen_and_the_visit_stays(qtbot, rig, clock) -> None:
    session = KioskSession(rig.settings, clock)
    window, flow, core = session.window, session.core.flow, session.core
    qtbot.addWidget(window)
    idle = rig.settings.ui.idle_timeout_s
    try:
        window.show()
        qtbot.waitUntil(lambda: core.catalogs.source == "cache")
        for language, start in (("zh_TW", "開始辦理"), ("en", "Start"), ("zh_CN", "开始办理")):
            tap(window, f"lang_{language}")
            assert find(window, "start").text() == start

        rig.place_card("wang_xiuying")
        qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
        tap(window, "item", item_code=SENIOR_CARD_ITEM)
        qtbot.waitUntil(lambda: "phone" in flow.visit.form.from_profile)  # the platform's
        tap(window, "prefill_change_phone")
        type_text(window, "phone", "13800138000")
        visit = flow.visit
        # past the attract screen there are no language buttons yet; switch as they would
        for language, next_text, countdown in (("zh_TW", "下一步", "5 秒後結束"),
                                               ("en", "Next", "ends in 5 seconds.")):
            flow.set_language(language)
            assert flow.screen == Screen.FORM and flow.visit is visit
            assert find(window, "next").text() == next_text
            assert find(window, "field_phone").text() == "13800138000"
            clock.advance(idle - 5)
            flow.tick()
            assert window.countdown.isVisibleTo(window)
            assert countdown in window.countdown.text()
    finally:
        session.stop()
