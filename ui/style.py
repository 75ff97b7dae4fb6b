"""Sizes and colours for a screen read from a metre away, and the elderly variant.

Everything that scales in elderly mode derives from one base size, so the
switch is one number and nothing is left small.
"""

from __future__ import annotations

BASE_PT = 22
ELDERLY_SCALE = 1.35
MIN_TOUCH_PX = 96

# The primary action is blue and an error red, never one colour for both; what is chosen
# carries a mark (SELECTED_MARK) besides its fill, for citizens who cannot tell colours.
NORMAL = {"bg": "#f4f6f9", "fg": "#1b1f24", "accent": "#0b57a4", "panel": "#ffffff",
          "muted": "#5b6470", "error": "#b3121f", "button_fg": "#ffffff", "given": "#e8eef6",
          "warn": "#8a4b00"}
HIGH_CONTRAST = {"bg": "#000000", "fg": "#ffffff", "accent": "#ffd400", "panel": "#111111",
                 "muted": "#e0e0e0", "error": "#ff8080", "button_fg": "#000000",
                 "given": "#1d2633", "warn": "#ff9f1a"}
SELECTED_MARK = "✓ "
CHIP_SHARE, CHIP_PAD_PX = 0.8, 8
SERVICE_SHARE = 0.8  # the technician's report and actions: a technician's reading


# Han characters are drawn differently in Simplified and Traditional use; the visit's
# language picks which Noto CJK cut comes first.
FONTS = {"zh_TW": '"Noto Sans CJK TC", "Noto Sans CJK SC", sans-serif'}
DEFAULT_FONTS = '"Noto Sans CJK SC", "Noto Sans CJK TC", sans-serif'


# Where the page colour is painted: the window, plain containers, scroll bars, and what a
# scroll area shows (its viewport and the widget in it, which it fills), but not the
# scroll areas themselves (a text box is one: its viewport takes the field's colour). Qt's
# style sheet style keeps something of every scroll area with a background rule of its own
# after the area is deleted (about 0.1 KB each; pages rebuild several a visit, and
# bench.endurance grew by it); every other widget is transparent over the same colour.
WINDOW_NAME = "kiosk_window"
SURFACES = (f"QWidget#{WINDOW_NAME}, .QWidget, QScrollBar, QCheckBox, "
            "QAbstractScrollArea > QWidget, QAbstractScrollArea > QWidget > QWidget")


def point_size(elderly: bool, share: float = 1.0) -> int:
    """The type size of the screen's text (share 1) or of a smaller kind (chips 0.8)."""
    return round(round(BASE_PT * (ELDERLY_SCALE if elderly else 1.0)) * share)


def stylesheet(elderly: bool, language: str = "zh_CN") -> str:
    c = HIGH_CONTRAST if elderly else NORMAL
    fonts = FONTS.get(language, DEFAULT_FONTS)
    pt = point_size(elderly)
    touch = round(MIN_TOUCH_PX * (ELDERLY_SCALE if elderly else 1.0))
    box = touch * 3 // 4 if elderly else touch // 2  # the consent box: large for elders too
    return f"""
    QWidget {{ color: {c['fg']}; font-size: {pt}pt; font-family: {fonts}; }}
    {SURFACES} {{ background: {c['bg']}; }}
    QLabel#title {{ font-size: {round(pt * 1.6)}pt; font-weight: bold; }}
    QLabel#hint {{ color: {c['muted']}; }}
    QLabel#out_of_service {{ font-size: {round(pt * 1.4)}pt; font-weight: bold;
              color: {c['error']}; padding: 24px; }}
    QLabel#problem {{ color: {c['error']}; font-weight: bold; }}
    QLabel#bigref {{ font-size: {round(pt * 1.8)}pt; font-weight: bold; color: {c['accent']}; }}
    QLabel#code {{ font-size: {round(pt * 2.2)}pt; font-weight: bold; letter-spacing: 4px; }}
    QLabel#subtitle {{ font-size: {round(pt * 1.2)}pt; font-weight: bold; }}
    QLabel#countdown {{ background: {c['warn']}; color: {c['bg']};
              font-size: {round(pt * 1.2)}pt; padding: 12px; }}
    QLabel#site, QLabel#when, QLabel#hotline {{ font-size: {point_size(elderly, 0.8)}pt; }}
    QLabel#site, QLabel#hotline {{ font-weight: bold; }}
    QLabel#card_notice, QLabel#help_notice {{ background: {c['accent']}; color: {c['button_fg']};
              font-size: {round(pt * 1.2)}pt; padding: 12px; }}
    QPushButton {{ min-height: {touch}px; padding: 8px 24px; border-radius: 12px;
              background: {c['accent']}; color: {c['button_fg']}; font-weight: bold; }}
    QPushButton:disabled {{ background: {c['muted']}; color: {c['bg']}; }}
    QPushButton#secondary {{ background: {c['panel']}; color: {c['fg']};
              border: 3px solid {c['accent']}; }}
    QPushButton#lang, QPushButton#lang_on {{ min-height: {touch * 3 // 4}px; padding: 2px 16px;
              font-size: {round(pt * 0.75)}pt; }}
    QPushButton#lang {{ background: {c['panel']}; color: {c['fg']};
              border: 2px solid {c['muted']}; }}
    QPushButton#chip, QPushButton#chip_on {{ min-height: {touch * 3 // 4}px;
              padding: 4px {CHIP_PAD_PX}px; font-size: {point_size(elderly, CHIP_SHARE)}pt; }}
    QPushButton#chip {{ background: {c['panel']}; color: {c['fg']};
              border: 2px solid {c['accent']}; }}
    /* an item card: at least a touch target tall (its words make it taller), not two; its
       name bold, the department and a reason smaller */
    QPushButton#item {{ text-align: left; background: {c['panel']}; color: {c['fg']};
              border: 3px solid {c['muted']}; padding: 8px; min-height: {touch}px; }}
    QPushButton#item:disabled {{ color: {c['muted']}; border-style: dashed; }}
    QLabel#item_title {{ font-weight: bold; }}
    QLabel#item_department, QLabel#item_note {{ font-size: {point_size(elderly, 0.8)}pt; }}
    /* the technician's report and actions, many: a size smaller, buttons a pad's height */
    QWidget#technician_report QLabel, QPushButton[service="true"] {{
              font-size: {point_size(elderly, SERVICE_SHARE)}pt; }}
    QPushButton[service="true"] {{ padding: 8px 12px; }}
    QLineEdit, QTextEdit, QComboBox {{ min-height: {touch * 3 // 4}px;
              border: 3px solid {c['muted']}; border-radius: 8px; padding: 4px 12px; }}
    QLineEdit, QComboBox, QTextEdit > QWidget {{ background: {c['panel']}; }}
    QLineEdit[readOnly="true"] {{ border-style: dashed; background: {c['given']}; }}
    QCheckBox {{ min-height: {touch}px; spacing: 16px; }}
    QPushButton#secondary:checked {{ background: {c['accent']}; color: {c['button_fg']}; }}
    QWidget#id_pad QPushButton, QPushButton[pad="true"], QPushButton[service="true"] {{
              min-height: {96 if elderly else 80}px; }}
    QCheckBox::indicator {{ width: {box}px; height: {box}px; border: 3px solid {c['fg']};
              border-radius: 6px; background: {c['panel']}; }}
    QCheckBox::indicator:checked {{ background: {c['accent']}; }}
    """
