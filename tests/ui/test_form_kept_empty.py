"""The form keeps its field widgets for the next showing of the same item (building them
was most of the tap that shows it), and the next citizen finds them empty: nothing
typed, nothing to undo, no mark of a mistake, no focus and no scroll of the last."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.visit.flow import Screen
from ui.offscreen import show_full_screen_on
from ui.screens.base import FieldsScroll
from ui.taps import choose_option, find, tap, tick_every_box, type_text, widgets_in

RESIDENCE = "440106-GAJ-001"  # eight fields: two from the card, six typed or picked
# never from the platform's profile; the address is, for a citizen whose profile holds one
TYPED = ("postal_code", "since")


def _to_the_form(qtbot, session, rig, card: str) -> None:
    window, flow = session.window, session.core.flow
    rig.place_card(card)
    qtbot.waitUntil(lambda: flow.screen == Screen.CHOOSE)
    qtbot.waitUntil(lambda: find(window, "item", item_code=RESIDENCE).isEnabled())
    tap(window, "item", item_code=RESIDENCE)
    assert flow.screen == Screen.FORM
    # the profile's answer lays the form out again with what it fills in: waited for, so
    # the widgets looked up below are the ones the citizen is left with
    qtbot.waitUntil(lambda: "phone" in flow.visit.form.from_profile)


def _fields_scroll(window) -> FieldsScroll:
    return next(w for w in widgets_in(window.stack.currentWidget())
                if isinstance(w, FieldsScroll) and w.widget().objectName() != "page_content")


def test_the_next_citizen_finds_the_same_fields_empty(qtbot, kiosk_session, rig) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    show_full_screen_on(window, "portrait")
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    _to_the_form(qtbot, session, rig, "li_ming")
    first_name = find(window, "field_name").text()
    for name, text in zip(TYPED, ("5106", "2020-05"), strict=True):
        type_text(window, name, text)
    reason = next(spec for spec in flow.visit.item.fields if spec.name == "reason")
    choose_option(window, "reason", reason.options[-1].value)
    tick_every_box(window)
    tap(window, "next")
    assert flow.screen == Screen.FORM and find(window, "problem").text()  # a mistake marked
    find(window, "field_address").setFocus()
    scroll = _fields_scroll(window)
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    for name in (*TYPED, "reason", "consent"):
        find(window, f"field_{name}").setProperty("mark", "first visit")
    tap(window, "back")
    tap(window, "back")
    assert flow.screen == Screen.ATTRACT
    rig.remove_card()

    _to_the_form(qtbot, session, rig, "chen_xiaoyan")
    for name in TYPED:
        edit = find(window, f"field_{name}")
        assert edit.property("mark") == "first visit"  # the very widget, kept
        assert edit.text() == "" and not edit.isUndoAvailable() and not edit.hasFocus()
    assert find(window, "field_reason").currentIndex() == 0
    assert not find(window, "field_consent").isChecked()
    assert find(window, "field_name").text() not in ("", first_name)  # her card's, locked
    assert find(window, "field_name").isReadOnly()
    with pytest.raises(LookupError):
        find(window, "problem")
    focused = QApplication.focusWidget()
    assert focused is None or focused.property("mark") is None
    assert _fields_scroll(window).verticalScrollBar().value() == 0


def test_a_form_left_holds_nothing_while_another_screen_shows(qtbot, kiosk_session,
                                                              rig) -> None:
    session = kiosk_session()
    window, flow = session.window, session.core.flow
    show_full_screen_on(window, "portrait")
    qtbot.waitUntil(lambda: session.core.catalogs.source == "cache")
    _to_the_form(qtbot, session, rig, "li_ming")
    type_text(window, "postal_code", "510623")
    assert "510623" in [w.text() for w in widgets_in(window.stack.currentWidget())
                         if isinstance(w, QLineEdit)]
    form_page = window.pages[Screen.FORM]
    tap(window, "back")
    assert flow.screen == Screen.CHOOSE
    held = [w.text() for w in widgets_in(form_page) if hasattr(w, "text")
            and callable(w.text) and isinstance(w.text(), str)]
    assert "510623" not in held
    assert not any("李" in text for text in held)  # nor the name the card gave
    assert not any("珠江新城" in text for text in held)  # nor the address the profile did
