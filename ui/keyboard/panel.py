"""Qt Virtual Keyboard inside the kiosk window.

The keyboard is a Qt Quick item, so it sits in a QQuickWidget at the bottom
of the window's layout: while it shows, the screen above it is shorter, and
the window scrolls the focused field into what is left (see KioskWindow).

At every show Qt prints that Keyboard.qml:49 "depends on non-bindable properties:
QLineEdit::echoMode": Qt's own keyboard asks the focused field for its echo mode
in a binding, and a widget's property is one QML cannot watch (even redeclared
with a change signal on a subclass, it still warns). It is harmless here: no
field changes its echo mode while the keyboard is up (the PIN's field is
read-only, with keys of its own), so the binding never goes stale.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import QSizePolicy, QWidget

log = logging.getLogger(__name__)

PANEL_QML = Path(__file__).with_name("panel.qml")

# the keyboard layouts for each language a visit can use; zh_TW offers Cangjie and Zhuyin
LOCALES = {"zh_CN": "zh_CN", "zh_TW": "zh_TW", "en": "en_US"}


class KeyboardPanel(QQuickWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        # the window's width rules: the view would otherwise ask for its root's width
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # a tap on a key must leave the focus, and so the text, in the citizen's field
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setSource(QUrl.fromLocalFile(str(PANEL_QML)))
        root = self.rootObject()
        if root is None:
            log.error("on-screen keyboard not loaded: %s",
                      "; ".join(e.toString() for e in self.errors()))
        else:
            # the keys' height follows from their width, which the panel caps: measured
            # once, while the layout is loaded (a language switch reloads it, and its
            # height is 0 for a while), and the strip fixed before the first layout
            root.setWidth(root.property("maxWidth"))
            self._keys_px = root.property("keysHeight")
            self._fit_height()
        self.hide()
        QGuiApplication.inputMethod().visibleChanged.connect(self._follow_input_method)

    @property
    def loaded(self) -> bool:
        return self.rootObject() is not None

    def use_language(self, language: str) -> None:
        if self.loaded:
            self.rootObject().setProperty("locale", LOCALES.get(language, "en_US"))

    def use_elderly(self, on: bool) -> None:
        """Candidates as large as large-text mode's buttons; the strip grows to hold them."""
        if self.loaded:
            self.rootObject().setProperty("elderly", on)
            self._fit_height()

    def _fit_height(self) -> None:
        """The strip as high as the keys and the candidate row; the root item told too, as
        a view resized while hidden would leave it at its old height (the keys then run
        off the bottom)."""
        root = self.rootObject()
        height = math.ceil(self._keys_px + root.property("candidateHeight"))
        root.setHeight(height)
        self.setFixedHeight(height)

    def _follow_input_method(self) -> None:
        self.setVisible(self.loaded and QGuiApplication.inputMethod().isVisible())
