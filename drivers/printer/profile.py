"""What differs between the printer models a kiosk vendor may fit.

Paper width, the Chinese encoding burnt into the printer's font ROM, whether
it draws QR codes itself and whether its cutter can leave a tab are facts of
the hardware, not guesses: they come from the site's settings and everything
that lays out or encodes a receipt takes them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# A Chinese-mode printer prints an ASCII character 12 dots wide and every
# double-byte character 24 dots wide, on 384 (58 mm) or 576 (80 mm) dots.
DOTS_PER_COLUMN = 12
_DOTS = {58: 384, 80: 576}
# Python codec per printer encoding: Traditional-Chinese printers implement
# Big5 the way code page 950 does (A244 is the full-width yuan sign there).
_CODECS = {"gb18030": "gb18030", "big5": "cp950"}


@dataclass(frozen=True)
class PrinterProfile:
    paper_width_mm: Literal[58, 80] = 80
    encoding: Literal["gb18030", "big5"] = "gb18030"
    qr: Literal["native", "raster"] = "native"
    partial_cut: bool = True

    def __post_init__(self) -> None:
        if self.paper_width_mm not in _DOTS:
            raise ValueError(f"paper_width_mm must be 58 or 80, not {self.paper_width_mm!r}")
        codec_for(self.encoding)
        if self.qr not in ("native", "raster"):
            raise ValueError(f"qr must be 'native' or 'raster', not {self.qr!r}")

    @property
    def dots(self) -> int:
        """Printable width in dots (8 dots/mm)."""
        return _DOTS[self.paper_width_mm]

    @property
    def columns(self) -> int:
        """Half-width characters per line: 32 on 58 mm paper, 48 on 80 mm."""
        return self.dots // DOTS_PER_COLUMN

    @property
    def codec(self) -> str:
        return codec_for(self.encoding)


def codec_for(encoding: str) -> str:
    """The Python codec that speaks a printer encoding ("gb18030" or "big5")."""
    try:
        return _CODECS[encoding]
    except KeyError:
        raise ValueError(f"printer encoding must be gb18030 or big5, not {encoding!r}") from None
