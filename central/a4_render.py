"""The A4 rendition of a document, drawn by the central with its fonts inside.

A PDF that only names its fonts prints boxes for every Chinese character on
a printer that lacks them, so the glyphs used are embedded (a TrueType
subset: reportlab cannot embed the CFF outlines of Noto CJK, so the font is
WenQuanYi Micro Hei). The seal is drawn here too: the signature is what
proves the document, the seal is what a clerk at a bank looks for.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import qrcode
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from central.clock import rfc3339

FONT = "WenQuanYiMicroHei"
FONT_FILES = (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),)
SEAL_RED = Color(0.8, 0.05, 0.05)
_LEFT, _RIGHT, _TOP = 25 * mm, A4[0] - 25 * mm, A4[1] - 30 * mm
_ROW = 9 * mm


class FontMissing(RuntimeError):
    """The CJK font documents are drawn with is not installed (Debian: fonts-wqy-microhei)."""


@dataclass(frozen=True)
class Sheet:
    """What one A4 document shows; texts are already in the languages printed."""

    title: str
    subtitle: str
    rows: list[tuple[str, str]]
    holder: str  # the citizen's ID number, masked
    document_no: str
    issued_at: datetime
    verify_url: str
    authority: str


def _register_font() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for path in FONT_FILES:
        if path.is_file():
            pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
            return
    raise FontMissing(f"no CJK font for A4 documents at {', '.join(map(str, FONT_FILES))}; "
                      "install fonts-wqy-microhei (tools/setup.sh)")


def _draw_rows(canvas: Canvas, sheet: Sheet) -> float:
    y = _TOP - 28 * mm
    rows = [*sheet.rows, ("证件号码 ID number", sheet.holder),
            ("出具时间 Issued at", rfc3339(sheet.issued_at)),
            ("文书编号 Document no.", sheet.document_no)]
    for label, value in rows:
        canvas.setFont(FONT, 11)
        canvas.drawString(_LEFT, y, label)
        canvas.drawString(_LEFT + 62 * mm, y, value)
        canvas.setLineWidth(0.3)
        canvas.line(_LEFT, y - 3 * mm, _RIGHT, y - 3 * mm)
        y -= _ROW
    return y


def _draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """The verification code as filled squares (reportlab's own QR drawing would bring
    Helvetica along, a font the PDF does not embed)."""
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    cell = size / len(matrix)
    canvas.setFillColor(black)
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                canvas.rect(x + column * cell, y + size - (row + 1) * cell, cell, cell,
                            stroke=0, fill=1)


def _draw_seal(canvas: Canvas, authority: str, cx: float, cy: float) -> None:
    """A round official seal: a red ring, the authority's name along its top, a star."""
    radius = 21 * mm
    canvas.saveState()
    canvas.setStrokeColor(SEAL_RED)
    canvas.setFillColor(SEAL_RED)
    canvas.setLineWidth(2.2)
    canvas.circle(cx, cy, radius, stroke=1, fill=0)
    canvas.setFont(FONT, 10)
    name = authority[:16]
    spread = math.radians(220)
    for index, char in enumerate(name):
        angle = math.radians(200) - spread * (index + 0.5) / len(name)
        canvas.saveState()
        canvas.translate(cx + (radius - 5.5 * mm) * math.cos(angle),
                         cy + (radius - 5.5 * mm) * math.sin(angle))
        canvas.rotate(math.degrees(angle) - 90)
        canvas.drawCentredString(0, 0, char)
        canvas.restoreState()
    star = canvas.beginPath()
    for point in range(10):
        r = 6 * mm if point % 2 == 0 else 2.4 * mm
        angle = math.radians(90 + 36 * point)
        x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
        star.moveTo(x, y) if point == 0 else star.lineTo(x, y)
    star.close()
    canvas.drawPath(star, stroke=0, fill=1)
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(cx, cy - 12 * mm, "证明专用章")
    canvas.restoreState()


def render_a4(sheet: Sheet) -> bytes:
    """The document as a one-page A4 PDF with its font subset embedded."""
    _register_font()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True, initialFontName=FONT, initialFontSize=11)
    canvas.setTitle(sheet.title)
    canvas.setAuthor(sheet.authority)
    canvas.setFillColor(black)
    canvas.setFont(FONT, 20)
    canvas.drawCentredString(A4[0] / 2, _TOP, sheet.title)
    canvas.setFont(FONT, 11)
    canvas.drawCentredString(A4[0] / 2, _TOP - 9 * mm, sheet.subtitle)
    bottom = _draw_rows(canvas, sheet)
    seal_y = min(bottom - 30 * mm, 110 * mm)
    canvas.setFont(FONT, 11)
    canvas.drawRightString(_RIGHT, seal_y + 26 * mm, sheet.authority)
    _draw_seal(canvas, sheet.authority, _RIGHT - 30 * mm, seal_y)
    _draw_qr(canvas, sheet.verify_url, _LEFT, seal_y - 20 * mm, 36 * mm)
    canvas.setFont(FONT, 8)
    canvas.drawString(_LEFT, seal_y - 25 * mm, f"扫码核验 Verify: {sheet.verify_url}")
    canvas.showPage()
    canvas.save()
    return out.getvalue()
