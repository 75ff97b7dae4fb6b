"""The fee: its label and amount, and the pay code as a QR code large enough to scan
from a phone held at arm's length; the bill number first where the fee needs one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from kiosk.printing.texts import yuan
from kiosk.visit.messages import say
from ui.screens.base import Page, button, label

# Of the shorter side of the screen: a phone camera reads it from 30-60 cm.
QR_SHARE = 0.42
QUIET_MODULES = 4


def qr_pixmap(text: str, side_px: int) -> QPixmap:
    """`text` as a QR code drawn square in `side_px`, whole modules, dark on white."""
    import qrcode  # with the first code drawn, not before the kiosk's first tap

    code = qrcode.QRCode(border=QUIET_MODULES,
                         error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()  # with its quiet zone
    module = max(1, side_px // len(matrix))
    image = QImage(module * len(matrix), module * len(matrix), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * module, y * module, module, module, QColor("black"))
    painter.end()
    return QPixmap.fromImage(image)


class PayPage(Page):
    def build(self) -> None:
        visit = self.flow.visit
        pay = visit.pay
        if pay is None or visit.item is None:
            return
        lang = visit.language
        heading = [label(pay.fee.label.text(lang), name="title"),
                   label(visit.item.title.text(lang), name="hint"),
                   label(say("pay_amount", lang, yuan=yuan(pay.fee.amount_fen)),
                         name="bigref")]
        if pay.status == "reference":
            for widget in heading:
                self.body.addWidget(widget)
            self._reference(lang, pay.reference)
        else:
            self._code(lang, heading)
        problem = self.flow.pay_problem()
        if problem:
            self.body.addWidget(label(problem, name="problem"))
        cancel = button(say("pay_cancel", lang), self.flow.back, name="cancel", secondary=True)
        cancel.setEnabled(not pay.cancelling)
        if pay.status == "reference":
            self.nav(cancel, button(say("pay_go", lang), self.flow.pay_open, name="pay_go"))
        else:
            self.nav(cancel)

    def _reference(self, lang: str, typed: str) -> None:
        self.body.addWidget(label(say("pay_reference_label", lang)))
        edit = QLineEdit(typed)
        edit.setObjectName("field_reference")
        edit.setMaxLength(32)
        edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferUppercase
                                 | Qt.InputMethodHint.ImhNoPredictiveText)
        edit.textEdited.connect(self.flow.pay_reference)
        self.body.addWidget(edit)

    def _code(self, lang: str, heading: list[QLabel]) -> None:
        """The pay code under the fee's heading, or in landscape beside it: there the
        height is what the header, the amount and the way out share."""
        pay = self.flow.visit.pay
        assert pay is not None
        size = self.window().size()
        landscape = size.width() > size.height()
        if not landscape or pay.cancelling or pay.payment is None:
            for widget in heading:
                self.body.addWidget(widget)
        if pay.cancelling or pay.payment is None:
            wait = "pay_cancelling" if pay.cancelling else "pay_opening"
            self.body.addWidget(label(say(wait, lang), name="notice"))
            return
        picture = QLabel()
        picture.setObjectName("pay_code")
        side = int(min(size.width(), size.height()) * QR_SHARE)
        picture.setPixmap(qr_pixmap(pay.payment["pay_code"], side))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # landscape: the code beside its words, or the way out falls below the screen
        row: QBoxLayout = QHBoxLayout() if landscape else QVBoxLayout()
        row.addWidget(picture)
        words = QVBoxLayout()
        for widget in heading if landscape else []:
            words.addWidget(widget)
        words.addWidget(label(say("say_pay", lang), name="notice"))
        expires = datetime.fromisoformat(pay.payment["expires_at"]).astimezone(
            self.flow.now().tzinfo)
        words.addWidget(label(say("pay_expires", lang, when=f"{expires:%H:%M}"), name="hint"))
        words.addStretch(1)
        row.addLayout(words, 1)
        self.body.addLayout(row)
