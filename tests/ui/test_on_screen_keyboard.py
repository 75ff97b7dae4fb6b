"""The on-screen keyboards, by taps in the kiosk's own window: Pinyin, Zhuyin and
English following the visit's language, the pad for ID numbers, a field never left
under the keyboard, and an input method that learns nothing the next citizen could
see among its candidates."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.visit.flow import Screen
from ui.keyboard.environment import PINYIN_DICTIONARY
from ui.keyboard.tapping import candidates, focus_field, key_labels, tap_candidate, tap_keys
from ui.offscreen import show_full_screen_on
from ui.taps import find, tap

PROGRESS = "440106-ZWB-003"  # the card or a typed ID number and name
RESIDENCE = "440106-GAJ-001"  # the longest form in the catalog
WANG_ID = "110101195603080020"


def _open(qtbot, kiosk_session, orientation: str = "portrait"):
    session = kiosk_session()
    window = session.window
    show_full_screen_on(window, orientation)
    qtbot.waitUntil(lambda: window.keyboard is not None and window.isActiveWindow())
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    return session


def _typed_identity_page(qtbot, session) -> None:
    window = session.window
    tap(window, "start")
    qtbot.waitUntil(lambda: find(window, "item", item_code=PROGRESS).isEnabled())
    tap(window, "item", item_code=PROGRESS)
    assert session.core.flow.screen == Screen.IDENTIFY


def _touch(qtbot, window, field: QWidget) -> None:
    focus_field(field)
    qtbot.waitUntil(lambda: window.keyboard.isVisible() or window.id_pad.isVisible())


def _typing_a_name(qtbot, kiosk_session):
    """A visit on the typed-identity page with the name field touched."""
    session = _open(qtbot, kiosk_session)
    _typed_identity_page(qtbot, session)
    name = find(session.window, "field_name")
    _touch(qtbot, session.window, name)
    return session, session.window, name


def test_a_name_in_pinyin_and_an_id_number_on_the_pad(qtbot, kiosk_session) -> None:
    session, window, name = _typing_a_name(qtbot, kiosk_session)
    assert window.keyboard.isVisible() and not window.id_pad.isVisible()
    tap_keys(window.keyboard, "wang")
    tap_candidate(window.keyboard, "王")
    tap_keys(window.keyboard, "fang")
    offered = candidates(window.keyboard)
    assert "方" in offered
    tap_candidate(window.keyboard, "方")
    assert name.text() == "王方"

    number = find(window, "field_id_number")
    _touch(qtbot, window, number)
    qtbot.waitUntil(lambda: not window.keyboard.isVisible())
    assert window.id_pad.isVisible()
    keys = {key.property("action"): key for key in window.id_pad.findChildren(QPushButton)}
    for key in WANG_ID[:-1] + "9⌫" + WANG_ID[-1]:
        keys[f"pad_{key}"].click()
    assert number.text() == WANG_ID

    tap(window, "manual")
    assert session.core.flow.screen != Screen.IDENTIFY
    assert session.core.flow.visit.person.id_number == WANG_ID


def test_large_text_on_and_off_while_hidden_leaves_the_keys_and_offers_in_place(
        qtbot, kiosk_session) -> None:
    """The strip grows for large text's candidates; switched there and back while the
    keyboard is hidden, it keeps the keys' room and draws at the height it takes."""
    session = _open(qtbot, kiosk_session)
    window = session.window
    standard = window.keyboard.height()
    root = window.keyboard.rootObject()
    tap(window, "elderly")
    assert window.keyboard.height() == standard + 32  # 96 px offers, not 64
    tap(window, "elderly")
    _typed_identity_page(qtbot, session)
    _touch(qtbot, window, find(window, "field_name"))
    assert window.keyboard.height() == standard == round(root.height())
    tap_keys(window.keyboard, "wang")
    tap_candidate(window.keyboard, "王")  # at rest in its band above the keys
    assert find(window, "field_name").text() == "王"


def test_the_keyboard_speaks_the_visits_language(qtbot, kiosk_session) -> None:
    _session, window, _name = _typing_a_name(qtbot, kiosk_session)
    tap_keys(window.keyboard, "ni")
    assert "你" in candidates(window.keyboard)

    tap(window, "lang_zh_TW")
    _touch(qtbot, window, find(window, "field_name"))
    qtbot.waitUntil(lambda: "ㄅ" in key_labels(window.keyboard))  # Zhuyin

    tap(window, "lang_en")
    _touch(qtbot, window, find(window, "field_name"))
    qtbot.waitUntil(lambda: "ㄅ" not in key_labels(window.keyboard))
    assert {"q", "w", "e"} <= key_labels(window.keyboard)


def test_nothing_one_citizen_types_is_offered_to_the_next(qtbot, kiosk_session, rig,
                                                          clock) -> None:
    """Without the kiosk's block the Pinyin engine puts the phrase a citizen just
    composed first among the candidates for the same syllables."""
    session, window, name = _typing_a_name(qtbot, kiosk_session)
    flow = session.core.flow
    tap_keys(window.keyboard, "zhangxiaoyun")
    offered_first = candidates(window.keyboard)[0]
    for _syllable in range(3):  # compose an unusual name, syllable by syllable
        if name.text():
            break
        tap_candidate(window.keyboard, candidates(window.keyboard)[3])
    composed = name.text()
    assert composed and composed != offered_first

    clock.advance(rig.settings.ui.idle_timeout_s + rig.settings.ui.countdown_s + 1)
    flow.tick()
    flow.tick()
    assert flow.screen == Screen.ATTRACT

    _typed_identity_page(qtbot, session)
    _touch(qtbot, window, find(window, "field_name"))
    tap_keys(window.keyboard, "zhangxiaoyun")
    assert candidates(window.keyboard)[0] == offered_first
    assert composed not in candidates(window.keyboard)

    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    assert not Path.home().joinpath(".config").is_relative_to(config_home)
    assert (config_home / PINYIN_DICTIONARY).is_dir()  # where the engine would write
    assert [p for p in config_home.rglob("*") if p.is_file()] == []


def _shown(window: QWidget, action: str) -> bool:
    try:
        return find(window, action).isVisible()
    except LookupError:
        return False


def test_a_field_low_on_the_form_is_scrolled_above_the_keyboard(qtbot, kiosk_session,
                                                                  rig) -> None:
    """In landscape the keyboard covers a third of the screen, where the form goes on."""
    session = _open(qtbot, kiosk_session, "landscape")
    window, flow = session.window, session.core.flow
    rig.place_card("wang_xiuying")
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
    qtbot.waitUntil(lambda: find(window, "item", item_code=RESIDENCE).isEnabled())
    tap(window, "item", item_code=RESIDENCE)
    # the platform's profile fills the phone and address (rows for the citizen to confirm)
    qtbot.waitUntil(lambda: "phone" in flow.visit.form.from_profile)
    # and the form drawn again with those rows: the field is measured where they put it
    qtbot.waitUntil(lambda: _shown(window, "prefill_confirm_phone"))
    QApplication.processEvents()
    field = find(window, "field_postal_code")
    bottom = lambda: field.mapTo(window, QPoint(0, field.height())).y()  # noqa: E731
    keyboard_top = lambda: window.keyboard.mapTo(window, QPoint(0, 0)).y()  # noqa: E731
    where_it_was = bottom()

    _touch(qtbot, window, field)
    qtbot.waitUntil(lambda: window.keyboard.height() > 0)
    assert where_it_was > keyboard_top()  # the keyboard covers where the field was
    qtbot.waitUntil(lambda: bottom() <= keyboard_top())
    assert field.hasFocus() and field.visibleRegion().boundingRect().height() == field.height()


def test_a_phone_number_gets_the_number_pad_without_x_dot_or_space(qtbot, kiosk_session,
                                                                  rig) -> None:
    session = _open(qtbot, kiosk_session)
    window = session.window
    rig.place_card("wang_xiuying")
    qtbot.waitUntil(lambda: session.core.flow.screen == Screen.CHOOSE)
    tap(window, "item", item_code="440106-MZJ-001")
    # the platform's phone comes masked and read-only: the citizen changes it
    qtbot.waitUntil(lambda: "phone" in session.core.flow.visit.form.from_profile)
    tap(window, "prefill_change_phone")
    phone = find(window, "field_phone")
    _touch(qtbot, window, phone)
    assert window.id_pad.isVisible() and not window.keyboard.isVisible()
    keys = {key.property("action"): key for key in window.id_pad.findChildren(QPushButton)
            if key.isVisibleTo(window.id_pad)}
    assert set(keys) == {f"pad_{k}" for k in "0123456789⌫"}
    for key in "13800138000":
        keys[f"pad_{key}"].click()
    assert phone.text() == "13800138000"
    assert session.core.flow.visit.form.values["phone"] == "13800138000"
