"""Turning a document into the exact lines the paper will carry.

The encoder, the PNG preview and the emulator's decoder must agree line for
line, or the screen would show a receipt the paper does not. So the decisions
that shape a line live here once: which characters the printer can print,
how wide each one is, where a paragraph wraps, when a row no longer fits and
how a QR code looks on a printer that cannot draw one. `lay_out` returns the
*canonical* document: one Text per printed line, rows that fit, merged feeds,
QR codes as rasters on raster printers. The decoder reproduces exactly that.

Column widths: a printer in Chinese mode prints every ASCII character 12 dots
wide and every other character as a 24-dot double-byte glyph. CJK and
full-width characters (unicodedata.east_asian_width W/F) are the common case,
but ambiguous-width punctuation such as “ ” — … · is double-byte in GB18030 and
Big5 too, so the printer's rule -- ASCII one column, anything else two -- is
what lines up the paper.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from drivers.printer.document import (
    Block,
    Cut,
    Feed,
    Image,
    PrintDocument,
    Qr,
    Row,
    Rule,
    Text,
)
from drivers.printer.profile import PrinterProfile

if TYPE_CHECKING:
    from PIL import Image as PilImage

RULE_CHAR = "-"
QR_QUIET_MODULES = 2
# The mask of every QR code drawn here; a reader reads any of the eight. qrcode's own
# choice builds and scores all eight in pure Python, nine tenths of making a code, and
# that was a third of the tap that shows a receipt. Over receipt codes (a reference and
# a 22-character token) mask 3 scored the least penalty on average, and at worst half
# again the best mask's for that code.
QR_MASK = 3
_WIDE_REPLACEMENT = "？"
# Half-width ¥ is a 4-byte GB18030 sequence that prints as garbage; the
# full-width sign is a plain double-byte character in GB18030 and in Big5.
_SUBSTITUTES = {"¥": "￥"}
# Closing punctuation must not start a line; it takes the previous character along.
_NO_LINE_START = set("，。、；：！？）》」』】〉”’,.;:!?)")


def char_columns(ch: str) -> int:
    return 1 if ch.isascii() else 2


def columns(text: str) -> int:
    """Width of `text` on the paper, in half-width columns."""
    return sum(char_columns(ch) for ch in text)


def _printable_char(ch: str, codec: str) -> str:
    ch = _SUBSTITUTES.get(ch, ch)
    category = unicodedata.category(ch)
    if category == "Cc":
        return " "
    if category == "Cf":
        return ""
    if category in ("Cs", "Co"):
        return _WIDE_REPLACEMENT
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return _WIDE_REPLACEMENT if char_columns(ch) == 2 else "?"
    return ch


def printable(text: str, codec: str) -> str:
    """`text` as this printer can print it: no control bytes, unprintables made visible."""
    normal = unicodedata.normalize("NFC", text)
    return "".join(_printable_char(ch, codec) for ch in normal)


def _break_point(line: str, nxt: str) -> int:
    """Where to cut `line` when `nxt` no longer fits: index of what moves down."""
    if nxt.isascii() and nxt != " " and line[-1:].isascii() and " " in line:
        return line.rfind(" ") + 1
    if nxt in _NO_LINE_START and len(line) > 1:
        return len(line) - 1
    return len(line)


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap by columns; English breaks between words, Chinese anywhere."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if columns(line) + char_columns(ch) > width and line:
            cut = _break_point(line, ch)
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip(" ")
            if ch == " " and not line:
                continue
        line += ch
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def qr_modules(data: str) -> list[list[bool]]:
    """The QR code of `data`, its quiet zone included: a row of modules a list, True dark.
    What the paper and the screen draw, each dot enlarged to the Qr block's size."""
    # imported here: the receipt templates need this module's text rules long before
    # any QR is drawn, and qrcode is some of the 40 ms these imports take at start
    import qrcode

    code = qrcode.QRCode(border=QR_QUIET_MODULES, box_size=1, mask_pattern=QR_MASK,
                         error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return code.get_matrix()


def qr_picture(data: str, size: int) -> PilImage.Image:
    """The QR code of `data` in grey (0 dark, 255 light), each module `size` dots square:
    what the paper and its preview show. The matrix enlarged, not qrcode's own image,
    which draws every dark module as a rectangle of its own (some 400 a receipt)."""
    from PIL import Image as PilImage  # not before the first QR (above)

    matrix = qr_modules(data)
    modules = len(matrix)
    dots = PilImage.new("L", (modules, modules), 255)
    dots.putdata([0 if dark else 255 for row in matrix for dark in row])
    return dots.resize((modules * size, modules * size), PilImage.Resampling.NEAREST)


def qr_image(data: str, size: int) -> Image:
    """The raster a printer without native QR support receives for `Qr(data, size)`."""
    from escpos.image import EscposImage  # with Pillow: not before the first QR (above)

    escpos_img = EscposImage(qr_picture(data, size))
    return Image(escpos_img.width_bytes * 8, escpos_img.height, escpos_img.to_raster_format())


class BlockList:
    """Collects canonical blocks; blank lines and feeds merge into one Feed (at most 255)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._pending_feed = 0

    def feed(self, lines: int) -> None:
        self._pending_feed += lines

    def unfeed(self, lines: int) -> None:
        """Take back lines fed just before (the cutter's own feed)."""
        self._pending_feed = max(0, self._pending_feed - lines)

    def add(self, block: Block) -> None:
        self._flush_feed()
        self.blocks.append(block)

    def _flush_feed(self) -> None:
        while self._pending_feed:
            lines = min(self._pending_feed, 255)
            self.blocks.append(Feed(lines))
            self._pending_feed -= lines

    def document(self) -> PrintDocument:
        self._flush_feed()
        return PrintDocument(tuple(self.blocks))

    def add_line(self, block: Text | Row) -> None:
        """A printed line; a blank one is a feed and one of only dashes is a rule."""
        if isinstance(block, Text) and not block.text:
            self.feed(1)
        elif isinstance(block, Text) and set(block.text) == {RULE_CHAR}:
            self.add(Rule())
        else:
            self.add(block)


def _text_lines(block: Text, profile: PrinterProfile) -> Iterable[Text]:
    width = profile.columns // 2 if block.size == "double" else profile.columns
    for paragraph in block.text.split("\n"):
        for line in wrap(printable(paragraph, profile.codec), width):
            yield Text(line, block.align, block.bold, block.size)


def _row_lines(block: Row, profile: PrinterProfile) -> Iterable[Text | Row]:
    label = printable(block.label, profile.codec).strip()
    value = printable(block.value, profile.codec).strip()
    gap = 1 if label and value else 0
    if columns(label) + gap + columns(value) <= profile.columns:
        yield Row(label, value)
        return
    for line in wrap(label, profile.columns):
        yield Text(line)
    for line in wrap(value, profile.columns):
        yield Text(line, align="right")


def lay_out(doc: PrintDocument, profile: PrinterProfile) -> PrintDocument:
    """The canonical form of `doc` on this printer; encode, render and decode all speak it."""
    out = BlockList()
    for block in doc.blocks:
        match block:
            case Text():
                for line in _text_lines(block, profile):
                    out.add_line(line)
            case Row():
                for line in _row_lines(block, profile):
                    out.add_line(line)
            case Feed(lines=lines):
                out.feed(lines)
            case Qr(data=data, size=size) if profile.qr == "raster":
                out.add(qr_image(data, size))
            case Cut(partial=partial):
                out.add(Cut(partial and profile.partial_cut))
            case _:
                out.add(block)
    return out.document()
