"""The item's form, one widget per field, built from the catalog's description.

Values go to the core on every edit, so the core always holds the truth and
the review, the wipe and a language switch need nothing from these widgets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog.items import FieldFormat, FieldType, FormField
from kiosk.visit.forms import AGREED, rating_levels
from ui.keyboard.id_pad import use_digit_pad, use_id_pad
from ui.screens.base import FieldsScroll, Page, button, label
from ui.style import SELECTED_MARK

# the virtual keyboard's layout for each format: digits, capitals without word guesses, email
DIGIT_PAD = (FieldFormat.PHONE_CN, FieldFormat.POSTAL_CODE)
KEYBOARD_HINTS = {
    FieldFormat.USCC: Qt.InputMethodHint.ImhPreferUppercase
    | Qt.InputMethodHint.ImhNoPredictiveText | Qt.InputMethodHint.ImhLatinOnly,
    FieldFormat.EMAIL: Qt.InputMethodHint.ImhEmailCharactersOnly,
}

RATINGS_PER_ROW = 3


class FormPage(Page):
    def build(self) -> None:
        visit = self.flow.visit
        form = visit.form
        assert visit.item is not None and form is not None
        lang = visit.language
        self.body.addWidget(label(visit.item.title.text(lang), name="title"))
        problems = {p.field: p for p in visit.problems}
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setSpacing(12)
        for spec in visit.item.fields:
            text = spec.label.text(lang) + (" *" if spec.required else "")
            column.addWidget(label(text))
            column.addWidget(self._editor(spec, form.values.get(spec.name, ""),
                                          spec.name in form.locked))
            if spec.help is not None:
                column.addWidget(label(spec.help.text(lang), name="hint"))
            if spec.name in problems:
                warn = label("⚠ " + problems[spec.name].message, name="problem")
                warn.setProperty("field", spec.name)
                column.addWidget(warn)
                if problems[spec.name].warning:
                    column.addWidget(button(
                        self.tr("It is correct, go on"),
                        lambda n=spec.name: self.flow.confirm_warning(n),
                        name=f"confirm_{spec.name}", secondary=True))
        column.addStretch(1)
        self.body.addWidget(FieldsScroll(holder), 1)
        self.nav(self.back_button(), button(self.tr("Next"), self.flow.next, name="next"),
                 push_down=False)

    def _editor(self, spec: FormField, value: str, locked: bool) -> QWidget:
        setter = self.flow.set_value
        if spec.type == FieldType.TEXT:
            edit = QPlainTextEdit(value)
            edit.setObjectName(f"field_{spec.name}")
            edit.textChanged.connect(lambda: setter(spec.name, edit.toPlainText()))
            return edit
        if spec.type == FieldType.ENUM:
            combo = QComboBox()
            combo.setObjectName(f"field_{spec.name}")
            combo.addItem("", "")
            for option in spec.options:
                combo.addItem(option.label.text(self.flow.visit.language), option.value)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.currentIndexChanged.connect(
                lambda _i: setter(spec.name, combo.currentData() or ""))
            return combo
        if spec.type == FieldType.RATING:
            return self._rating(spec, value)
        if spec.type == FieldType.CONSENT:
            box = QCheckBox(self.tr("I agree"))
            box.setObjectName(f"field_{spec.name}")
            box.setChecked(value == AGREED)
            box.toggled.connect(lambda on: setter(spec.name, AGREED if on else ""))
            return box
        edit = QLineEdit(value)
        edit.setObjectName(f"field_{spec.name}")
        edit.setReadOnly(locked)
        if spec.format == FieldFormat.ID_NUMBER:
            use_id_pad(edit)
        elif spec.type == FieldType.INTEGER or spec.format in DIGIT_PAD:
            use_digit_pad(edit)  # the kiosk's number pad, as for an ID number
        elif spec.format in KEYBOARD_HINTS:
            edit.setInputMethodHints(KEYBOARD_HINTS[spec.format])
        if not locked:
            edit.textEdited.connect(lambda text: setter(spec.name, text))
        return edit

    def _rating(self, spec: FormField, value: str) -> QWidget:
        holder = QWidget()
        holder.setObjectName(f"field_{spec.name}")
        # three to a row: five long English wordings in one ran off a portrait screen
        grid = QGridLayout(holder)
        group = QButtonGroup(holder)
        # the item's own wording for each level (非常满意 … 非常不满意), else the number
        words = {o.value: o.label.text(self.flow.visit.language) for o in spec.options}
        for n, level in enumerate(rating_levels(spec)):
            word = words.get(str(level), str(level))
            btn = QPushButton(SELECTED_MARK + word if value == str(level) else word)
            btn.toggled.connect(lambda on, b=btn, w=word: b.setText(SELECTED_MARK + w if on else w))
            btn.setObjectName("secondary")
            btn.setProperty("action", f"rate_{level}")
            btn.setCheckable(True)
            btn.setChecked(value == str(level))
            group.addButton(btn, level)
            grid.addWidget(btn, n // RATINGS_PER_ROW, n % RATINGS_PER_ROW)
        group.idClicked.connect(lambda level: self.flow.set_value(spec.name, str(level)))
        return holder
