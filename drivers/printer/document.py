"""The receipt as data, between the kiosk that composes it and the printer that prints it.

Templates in the core should not know ESC/POS, and the encoder, the on-screen
preview and the printer emulator must all agree on what a receipt *is*. A small
frozen block model gives them one vocabulary: the core builds it, `encode`
turns it into bytes, `render` into a PNG, and the emulator decodes bytes back
into it so tests can compare documents instead of byte soup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Align = Literal["left", "center", "right"]
Size = Literal["normal", "double_height", "double"]

ALIGNS: tuple[Align, ...] = ("left", "center", "right")
SIZES: tuple[Size, ...] = ("normal", "double_height", "double")
QR_MAX_BYTES = 700


class DocumentError(ValueError):
    """A block was built with a value no printer can print (bad size, empty QR, ...)."""


@dataclass(frozen=True)
class Text:
    """A paragraph; wrapped to the paper width, one printed line per wrapped line."""

    text: str
    align: Align = "left"
    bold: bool = False
    size: Size = "normal"

    def __post_init__(self) -> None:
        if self.align not in ALIGNS:
            raise DocumentError(f"Text.align must be one of {ALIGNS}, not {self.align!r}")
        if self.size not in SIZES:
            raise DocumentError(f"Text.size must be one of {SIZES}, not {self.size!r}")


@dataclass(frozen=True)
class Row:
    """A label on the left and its value flush right on the same line."""

    label: str
    value: str


@dataclass(frozen=True)
class Rule:
    """A horizontal separator across the paper."""


@dataclass(frozen=True)
class Qr:
    """A QR code, centred; `size` is the module size in printer dots (1-16)."""

    data: str
    size: int = 6

    def __post_init__(self) -> None:
        if not self.data:
            raise DocumentError("Qr.data is empty; a QR code needs content")
        if len(self.data.encode("utf-8")) > QR_MAX_BYTES:
            raise DocumentError(f"Qr.data is longer than {QR_MAX_BYTES} bytes; shorten the URL")
        if not 1 <= self.size <= 16:
            raise DocumentError(f"Qr.size must be 1-16 dots per module, not {self.size}")


@dataclass(frozen=True)
class Image:
    """A 1-bit raster, rows packed 8 dots a byte, most significant bit first, 1 = black.

    Templates do not build these: raster-QR printers receive their QR codes this
    way, and the emulator decodes what such a printer received into one.
    """

    width: int
    height: int
    raster: bytes

    def __post_init__(self) -> None:
        if self.width <= 0 or self.width % 8 or self.height <= 0:
            raise DocumentError("Image width must be a positive multiple of 8, height positive")
        if len(self.raster) != self.width // 8 * self.height:
            raise DocumentError("Image raster length does not match width x height")


@dataclass(frozen=True)
class Feed:
    """Blank paper, in text lines."""

    lines: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.lines <= 255:
            raise DocumentError(f"Feed.lines must be 1-255, not {self.lines}")


@dataclass(frozen=True)
class Cut:
    """Feed to the cutter and cut; a partial cut leaves a tab so the receipt hangs."""

    partial: bool = True


Block = Text | Row | Rule | Qr | Image | Feed | Cut


@dataclass(frozen=True)
class PrintDocument:
    blocks: tuple[Block, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.blocks, tuple):
            raise DocumentError("PrintDocument.blocks must be a tuple (documents are immutable)")
        for block in self.blocks:
            if not isinstance(block, Text | Row | Rule | Qr | Image | Feed | Cut):
                raise DocumentError(f"not a print block: {block!r}")
