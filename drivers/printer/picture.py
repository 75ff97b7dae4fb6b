"""The receipt as a picture, so the screen shows what the paper shows.

The result screen previews the receipt before and after printing, and the
printer emulator writes what it received as PNG for people and tests to look
at. Both draw the canonical layout of `layout.lay_out` on the printer's own
grid -- 12-dot half-width and 24-dot full-width cells on 384 or 576 dots -- in
Noto Sans Mono CJK, whose Latin is exactly half as wide as its ideographs, so
rows line up on screen exactly as they do on paper. Simplified glyphs for
GB18030 printers, Traditional for Big5 ones. No Qt: the UI shows the PNG.
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from PIL import Image as PilImage
from PIL import ImageDraw, ImageFont, ImageOps

from drivers.printer.document import Cut, Feed, Image, PrintDocument, Qr, Row, Rule, Text
from drivers.printer.layout import RULE_CHAR, char_columns, columns, lay_out, qr_picture
from drivers.printer.profile import DOTS_PER_COLUMN, PrinterProfile

CELL_HEIGHT = 24
LINE_GAP = 6
BASELINE = 21
MARGIN = 16
DOTS_PER_MM = 8
FONT_SIZE = 24
WHITE, BLACK, GREY = 255, 0, 160
_FALLBACK_FONTS = "/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc"

Draw = Callable[[PilImage.Image, int], None]


class GreyPicture(NamedTuple):
    """Pixels of one byte each (0 black, 255 white), row after row without padding."""

    width: int
    height: int
    pixels: bytes


class RenderError(RuntimeError):
    """The preview cannot be drawn (no CJK font installed: install fonts-noto-cjk)."""


@cache
def _font(region: str, bold: bool) -> ImageFont.FreeTypeFont:
    family = f"Noto Sans Mono CJK {region}"
    weight = "Bold" if bold else "Regular"
    candidates = []
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}:%{index}", f"{family}:style={weight}"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout
        path, _, index = found.rpartition(":")
        candidates.append((path, int(index or 0)))
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    fallback = _FALLBACK_FONTS.format(weight=weight)
    candidates += [(fallback, index) for index in range(10)]
    for path, index in candidates:
        try:
            font = ImageFont.truetype(path, FONT_SIZE, index=index)
        except OSError:
            continue
        if font.getname()[0] == family:
            return font
    raise RenderError(f"font {family} {weight} not found; install fonts-noto-cjk")


@cache
def _glyph(ch: str, region: str, bold: bool) -> PilImage.Image:
    """One character in its printer cell, drawn once per process: a receipt preview is
    shown after every visit, and drawing each character anew cost most of its time."""
    cell = char_columns(ch) * DOTS_PER_COLUMN
    img = PilImage.new("L", (cell, CELL_HEIGHT), WHITE)
    ImageDraw.Draw(img).text((cell / 2, BASELINE), ch, font=_font(region, bold), fill=BLACK,
                             anchor="ms")
    return img


def _scale(size: str) -> tuple[int, int]:
    return {"normal": (1, 1), "double_height": (1, 2), "double": (2, 2)}[size]


class _Painter:
    def __init__(self, profile: PrinterProfile) -> None:
        self.profile = profile
        self.region = "TC" if profile.encoding == "big5" else "SC"

    def line_image(self, text: str, bold: bool) -> PilImage.Image:
        """One line at normal size, each character centred in its printer cell."""
        width = max(1, columns(text) * DOTS_PER_COLUMN)
        img = PilImage.new("L", (width, CELL_HEIGHT), WHITE)
        x = 0
        for ch in text:
            glyph = _glyph(ch, self.region, bold)
            img.paste(glyph, (x, 0))
            x += glyph.width
        return img

    def text(self, block: Text) -> tuple[int, Draw]:
        sx, sy = _scale(block.size)
        line = self.line_image(block.text, block.bold)
        line = line.resize((line.width * sx, line.height * sy), PilImage.Resampling.BICUBIC)
        free = self.profile.dots - line.width
        x = {"left": 0, "center": free // 2, "right": free}[block.align]
        return CELL_HEIGHT * sy + LINE_GAP, lambda img, y: img.paste(line, (x, y))

    def row(self, block: Row) -> tuple[int, Draw]:
        label = self.line_image(block.label, False)
        value = self.line_image(block.value, False)
        value_x = (self.profile.columns - columns(block.value)) * DOTS_PER_COLUMN

        def draw(img: PilImage.Image, y: int) -> None:
            img.paste(label, (0, y))
            img.paste(value, (value_x, y))

        return CELL_HEIGHT + LINE_GAP, draw

    def bitmap(self, bitmap: PilImage.Image) -> tuple[int, Draw]:
        x = (self.profile.dots - bitmap.width) // 2
        return bitmap.height + LINE_GAP, lambda img, y: img.paste(bitmap, (x, y))

    def qr(self, block: Qr) -> tuple[int, Draw]:
        return self.bitmap(qr_picture(block.data, block.size))

    def image(self, block: Image) -> tuple[int, Draw]:
        raster = PilImage.frombytes("1", (block.width, block.height), block.raster)
        return self.bitmap(ImageOps.invert(raster.convert("L")))

    def cut(self) -> tuple[int, Draw]:
        def draw(img: PilImage.Image, y: int) -> None:
            line = ImageDraw.Draw(img)
            for x in range(0, self.profile.dots, 16):
                line.line((x, y + MARGIN, x + 8, y + MARGIN), fill=GREY, width=2)

        return 2 * MARGIN, draw

    def block(self, block: object) -> tuple[int, Draw]:
        match block:
            case Text():
                return self.text(block)
            case Row():
                return self.row(block)
            case Rule():
                return self.text(Text(RULE_CHAR * self.profile.columns))
            case Qr():
                return self.qr(block)
            case Image():
                return self.image(block)
            case Feed(lines=lines):
                return lines * (CELL_HEIGHT + LINE_GAP), lambda img, y: None
            case Cut():
                return self.cut()
        raise TypeError(f"not a print block: {block!r}")


def paper_width_px(profile: PrinterProfile) -> int:
    """The whole paper at one pixel per dot: 640 px for 80 mm, 464 px for 58 mm."""
    return profile.paper_width_mm * DOTS_PER_MM


def render_image(doc: PrintDocument, profile: PrinterProfile | None = None) -> PilImage.Image:
    """The receipt as a greyscale image of the paper, printable area centred, a pixel a dot."""
    profile = profile or PrinterProfile()
    painter = _Painter(profile)
    parts = [painter.block(block) for block in lay_out(doc, profile).blocks]
    height = sum(part_height for part_height, _ in parts)
    printable = PilImage.new("L", (profile.dots, height), WHITE)
    y = 0
    for part_height, draw in parts:
        draw(printable, y)
        y += part_height
    paper_width = paper_width_px(profile)
    paper = PilImage.new("L", (paper_width, height + 2 * MARGIN), WHITE)
    paper.paste(printable, ((paper_width - profile.dots) // 2, MARGIN))
    return paper


def render(doc: PrintDocument, profile: PrinterProfile | None = None) -> bytes:
    """PNG bytes of the receipt, for the emulator's output and the pictures in the docs."""
    out = io.BytesIO()
    render_image(doc, profile).save(out, format="PNG")
    return out.getvalue()


def render_grey(doc: PrintDocument, profile: PrinterProfile | None = None) -> GreyPicture:
    """The receipt's pixels as they are, for the on-screen preview: a PNG would be encoded
    only to be decoded again in the same turn, about half the time of the preview."""
    img = render_image(doc, profile)
    return GreyPicture(img.width, img.height, img.tobytes())


def _text_line(block: object, profile: PrinterProfile) -> list[str]:
    cols = profile.columns
    match block:
        case Text(text=text, align=align, size=size):
            width = cols // 2 if size == "double" else cols
            pad = width - columns(text)
            indent = {"left": 0, "center": pad // 2, "right": pad}[align]
            return [" " * indent + text]
        case Row(label=label, value=value):
            return [label + " " * (cols - columns(label) - columns(value)) + value]
        case Rule():
            return [RULE_CHAR * cols]
        case Qr(data=data):
            return [f"[QR {data}]"]
        case Image(width=width, height=height):
            return [f"[image {width}x{height}]"]
        case Feed(lines=lines):
            return [""] * lines
        case Cut(partial=partial):
            return ["[partial cut]" if partial else "[full cut]"]
    raise TypeError(f"not a print block: {block!r}")


def render_text(doc: PrintDocument, profile: PrinterProfile | None = None) -> str:
    """The receipt as plain text on the printer's column grid, for logs and the emulator.

    Double-size lines are laid out on half the columns; QR codes and images are named.
    """
    profile = profile or PrinterProfile()
    lines = [line for block in lay_out(doc, profile).blocks for line in _text_line(block, profile)]
    return "\n".join(lines) + "\n"
