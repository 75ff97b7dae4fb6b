"""The kiosk's A4 printer as its settings describe it, and its test page.

The running kiosk, `kiosk print-test --a4`, the technician's screen and `kiosk
doctor` all open the same CUPS queue from one place, so a new setting reaches
all of them at once. The test page is a one-page A4 PDF drawn here (Pillow, the
CJK font the receipts use): it names the kiosk and the queue, says when it was
printed, and carries a frame 10 mm inside the sheet's edge and a 1 cm ruler, so
a technician sees at a glance whether the page is scaled, shifted or cropped.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import TYPE_CHECKING

from drivers.a4 import A4Printer
from kiosk.settings.model import Settings
from kiosk.uplink.credentials import Credentials

if TYPE_CHECKING:  # Pillow loads with the first page: the core opens this printer at start
    from PIL import ImageDraw, ImageFont

DPI = 150
A4_MM = (210, 297)
_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def open_a4_printer(settings: Settings) -> A4Printer | None:
    """The kiosk's A4 printer, or None where none is fitted; nothing is opened yet."""
    a4 = settings.a4_printer
    if not a4.queue:
        return None
    return A4Printer(a4.queue, server=a4.server, job_timeout_s=a4.job_timeout_s)


def _dots(mm: float) -> int:
    return round(mm * DPI / 25.4)


def _font(size_mm: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    try:
        return ImageFont.truetype(_FONT, _dots(size_mm))
    except OSError:  # no CJK font: the page still proves the printer, in Latin letters
        return ImageFont.load_default(_dots(size_mm))


def _frame_and_ruler(draw: ImageDraw.ImageDraw) -> None:
    width, height = _dots(A4_MM[0]), _dots(A4_MM[1])
    draw.rectangle((_dots(10), _dots(10), width - _dots(10), height - _dots(10)),
                   outline=0, width=3)
    top = height - _dots(40)
    for cm in range(11):
        x = _dots(20 + 10 * cm)
        draw.line((x, top, x, top + _dots(5 if cm % 5 else 8)), fill=0, width=2)
    draw.line((_dots(20), top, _dots(120), top), fill=0, width=2)
    draw.text((_dots(20), top + _dots(10)), "0 - 10 cm", font=_font(3.5), fill=0)


def a4_test_page(settings: Settings, credentials: Credentials | None,
                 printed_at: datetime) -> bytes:
    """One A4 page as a PDF: the kiosk, its queue and the time, in a measured frame."""
    from PIL import Image, ImageDraw

    sheet = Image.new("L", (_dots(A4_MM[0]), _dots(A4_MM[1])), 255)
    draw = ImageDraw.Draw(sheet)
    lines = [
        ("A4 打印测试页 / A4 test page", 9.0),
        (f"device {credentials.device_id if credentials else '(not provisioned)'}", 5.0),
        (f"serial {settings.device.serial_number}", 5.0),
        (f"CUPS queue {settings.a4_printer.queue or '(none)'}", 5.0),
        (f"printed {printed_at.isoformat(timespec='seconds')}", 5.0),
        ("中文 繁體 ￥ 𠀾 — 边框距纸边 10 mm，标尺 10 cm", 5.0),
    ]
    y = _dots(25)
    for text, size in lines:
        draw.text((_dots(20), y), text, font=_font(size), fill=0)
        y += _dots(size * 1.8)
    _frame_and_ruler(draw)
    out = io.BytesIO()
    sheet.save(out, "PDF", resolution=float(DPI), title="A4 test page")
    return out.getvalue()
