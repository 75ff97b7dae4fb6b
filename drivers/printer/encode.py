"""ESC/POS bytes for a receipt, with Chinese encoded by us rather than guessed.

python-escpos's "magic encode" sends a string as GB18030 only when it holds a
character in U+4E00-U+9FA5, so a line of Chinese punctuation or a rare name
character (U+4DAE) falls back to a code page and prints '?'. Here every job
enters Chinese mode (FS &) and text goes out as raw bytes in the printer's
own encoding, after `layout.printable` has made every character printable.

python-escpos does the parts it does well, collected through
`escpos.printer.Dummy`: text style (`set`: ESC E bold, ESC a alignment, GS !
character size -- GS ! rather than ESC ! because only GS ! enlarges Chinese
characters too), native QR codes (`qr(native=True)`: GS ( k model, module
size, error level, store, print), feeds (`print_and_feed`: ESC d) and the cut
(`cut`: ESC d 6 then GS V 0/1); the raster of a QR for printers without native
QR comes from `escpos.image.EscposImage`. Ours are ESC @ + FS & at the start,
the text bytes, and ESC $ (absolute position) that puts a row's value flush right.
"""

from __future__ import annotations

from escpos.constants import ESC, FS, GS, HW_INIT
from escpos.escpos import QR_ECLEVEL_M
from escpos.printer import Dummy

from drivers.printer.document import Cut, Feed, Image, PrintDocument, Qr, Row, Rule, Size, Text
from drivers.printer.layout import RULE_CHAR, columns, lay_out
from drivers.printer.profile import DOTS_PER_COLUMN, PrinterProfile

CHINESE_MODE_ON = FS + b"&"
SET_POSITION = ESC + b"$"
RASTER_IMAGE = GS + b"v0\x00"
_SIZE_FACTORS: dict[Size, tuple[int, int]] = {
    "normal": (1, 1),
    "double_height": (1, 2),
    "double": (2, 2),
}


class _Stream:
    """An escpos Dummy plus the text style the printer is in, so styles go out on change."""

    def __init__(self, profile: PrinterProfile) -> None:
        self.profile = profile
        self.dummy = Dummy()
        self.dummy._raw(HW_INIT + CHINESE_MODE_ON)
        self._align = "left"
        self._bold = False
        self._size: Size = "normal"

    def style(self, align: str = "left", bold: bool = False, size: Size = "normal") -> None:
        if align != self._align:
            self.dummy.set(align=align)
            self._align = align
        if bold != self._bold:
            self.dummy.set(bold=bold)
            self._bold = bold
        if size != self._size:
            width, height = _SIZE_FACTORS[size]
            self.dummy.set(custom_size=True, width=width, height=height)
            self._size = size

    def text(self, text: str) -> None:
        self.dummy._raw(text.encode(self.profile.codec))

    def line_end(self) -> None:
        self.dummy._raw(b"\n")

    def row(self, row: Row) -> None:
        self.style()
        self.text(row.label)
        position = (self.profile.columns - columns(row.value)) * DOTS_PER_COLUMN
        self.dummy._raw(SET_POSITION + position.to_bytes(2, "little"))
        self.text(row.value)
        self.line_end()

    def image(self, image: Image) -> None:
        self.style(align="center")
        header = (image.width // 8).to_bytes(2, "little") + image.height.to_bytes(2, "little")
        self.dummy._raw(RASTER_IMAGE + header + image.raster)

    def output(self) -> bytes:
        return self.dummy.output


def encode(doc: PrintDocument, profile: PrinterProfile) -> bytes:
    """One print job: ESC @, Chinese mode, the laid-out document, and whatever cut it asks for."""
    stream = _Stream(profile)
    for block in lay_out(doc, profile).blocks:
        match block:
            case Text(text=text, align=align, bold=bold, size=size):
                stream.style(align, bold, size)
                stream.text(text)
                stream.line_end()
            case Row():
                stream.row(block)
            case Rule():
                stream.style()
                stream.text(RULE_CHAR * profile.columns)
                stream.line_end()
            case Qr(data=data, size=size):
                stream.style(align="center")
                stream.dummy.qr(data, ec=QR_ECLEVEL_M, size=size, native=True)
            case Image():
                stream.image(block)
            case Feed(lines=lines):
                stream.dummy.print_and_feed(lines)
            case Cut(partial=partial):
                stream.dummy.cut(mode="PART" if partial else "FULL")
    return stream.output()
