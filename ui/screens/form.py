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
from kiosk.visit.rating_reasons import reason_field
from kiosk.visit.shown import shown_value
from ui.keyboard.id_pad import use_digit_pad, use_id_pad
from ui.screens.base import Page, button, label
from ui.screens.kept_fields import KeptFields
from ui.screens.prefill import prefilled_field
from ui.screens.reason_chips import ReasonChips
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
    _chips: ReasonChips | None = None
    _fields: KeptFields | None = None

    def build(self) -> None:
        visit = self.flow.visit
        form = visit.form
        assert visit.item is not None and form is not None
        self._chips = None
        lang = visit.language
        self.body.addWidget(label(visit.item.title.text(lang), name="title"))
        if self._fields is None or not self._fields.made_for(visit.item, lang, visit.elderly):
            if self._fields is not None:
                self._fields.drop()
            self._fields = KeptFields((visit.item, lang, visit.elderly))
        problems = {p.field: p for p in visit.problems}
        rows: list[QWidget] = []
        fresh: list[QWidget] = []

        def add_fresh(widget: QWidget) -> None:
            rows.append(widget)
            fresh.append(widget)

        for spec in visit.item.fields:
            rows.append(self._fields.kept(spec.name, "caption", lambda s=spec: label(
                s.label.text(lang) + (" *" if s.required else ""))))
            if spec.name in form.from_profile:
                add_fresh(prefilled_field(self.flow, spec))
            elif self._kept_editor(spec):
                editor = self._fields.kept(spec.name, "editor", lambda s=spec: self._editor(s))
                self._show_value(spec, editor, form.values.get(spec.name, ""),
                                 spec.name in form.locked)
                rows.append(editor)
            else:
                add_fresh(self._fresh_editor(spec, form.values.get(spec.name, "")))
            if spec.help is not None:
                rows.append(self._fields.kept(spec.name, "help", lambda s=spec: label(
                    s.help.text(lang), name="hint")))
            if spec.name in problems:
                warn = label("⚠ " + problems[spec.name].message, name="problem")
                warn.setProperty("field", spec.name)
                add_fresh(warn)
                if problems[spec.name].warning:
                    add_fresh(button(
                        self.tr("It is correct, go on"),
                        lambda n=spec.name: self.flow.confirm_warning(n),
                        name=f"confirm_{spec.name}", secondary=True))
        self._fields.lay_out(rows, fresh)
        self.place_kept(self.body, self._fields.scroll, 1)
        self.nav(self.back_button(), button(self.tr("Next"), self.flow.next, name="next"),
                 push_down=False)

    def blank(self) -> None:
        """Another screen shows: the kept fields emptied, nothing of this visit in them."""
        super().blank()
        if self._fields is not None:
            self._fields.wipe()

    def _kept_editor(self, spec: FormField) -> bool:
        """A rating and the reason box its chips fill are built at each showing: the
        chips follow the level picked, which their widgets do not keep."""
        item = self.flow.visit.item
        return spec.type != FieldType.RATING and (
            spec.type != FieldType.TEXT or item is None or reason_field(item) != spec.name)

    def _fresh_editor(self, spec: FormField, value: str) -> QWidget:
        if spec.type == FieldType.RATING:
            return self._rating(spec, value)
        edit = QPlainTextEdit(value)
        edit.setObjectName(f"field_{spec.name}")
        edit.textChanged.connect(lambda: self.flow.set_value(spec.name, edit.toPlainText()))
        return self._with_reasons(spec, edit)

    def _editor(self, spec: FormField) -> QWidget:
        """An empty editor for the field; what it shows is set by _show_value."""
        setter = self.flow.set_value
        if spec.type == FieldType.TEXT:
            edit = QPlainTextEdit()
            edit.setObjectName(f"field_{spec.name}")
            edit.textChanged.connect(lambda: setter(spec.name, edit.toPlainText()))
            return edit
        if spec.type == FieldType.ENUM:
            combo = QComboBox()
            combo.setObjectName(f"field_{spec.name}")
            combo.addItem("", "")
            for option in spec.options:
                combo.addItem(option.label.text(self.flow.visit.language), option.value)
            combo.currentIndexChanged.connect(
                lambda _i: setter(spec.name, combo.currentData() or ""))
            return combo
        if spec.type == FieldType.CONSENT:
            box = QCheckBox(self.tr("I agree"))
            box.setObjectName(f"field_{spec.name}")
            box.toggled.connect(lambda on: setter(spec.name, AGREED if on else ""))
            return box
        edit = QLineEdit()
        edit.setObjectName(f"field_{spec.name}")
        if spec.format == FieldFormat.ID_NUMBER:
            use_id_pad(edit)
        elif spec.type == FieldType.INTEGER or spec.format in DIGIT_PAD:
            use_digit_pad(edit)  # the kiosk's number pad, as for an ID number
        elif spec.format in KEYBOARD_HINTS:
            edit.setInputMethodHints(KEYBOARD_HINTS[spec.format])
        # a read-only field (what the card filled in) sends no edits
        edit.textEdited.connect(lambda text: setter(spec.name, text))
        return edit

    @staticmethod
    def _show_value(spec: FormField, editor: QWidget, value: str, locked: bool) -> None:
        """The form's value in a kept editor, telling no one (it is the form's already);
        left alone when it shows it already, so the cursor stays where it was."""
        editor.blockSignals(True)
        if isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != value:
                editor.setPlainText(value)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(value == AGREED)
        elif isinstance(editor, QLineEdit):
            # what the card filled in cannot be changed, so it is shown as the paper prints it
            shown = shown_value(spec, value) if locked else value
            if editor.text() != shown:
                editor.setText(shown)
            editor.setReadOnly(locked)
        editor.blockSignals(False)

    def _with_reasons(self, spec: FormField, edit: QPlainTextEdit) -> QWidget:
        """The reason box with the standard reasons of the level picked as chips above it:
        typing is left for what no chip says."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        form = self.flow.visit.form
        assert form is not None
        self._chips = ReasonChips(edit, self.flow.visit.language,
                                  toggle=self.flow.toggle_reason,
                                  value=lambda: form.values.get(spec.name, ""))
        self._chips.show_level(form.rating())
        column.addWidget(self._chips)
        column.addWidget(edit)
        return holder

    def _level_picked(self, name: str, level: int) -> None:
        self.flow.set_value(name, str(level))
        if self._chips is not None:
            self._chips.show_level(level)

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
        group.idClicked.connect(lambda level: self._level_picked(spec.name, level))
        return holder
