"""The data part of a successful read answer: lengths first, then the blocks.

`30 01` answers `text-len photo-len | text | photo`; `30 10` adds a third
length and the fingerprint block. The driver decodes it and the emulator
encodes it, so both directions live here and are tested as inverses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drivers.idcard.errors import FrameError


@dataclass(frozen=True)
class ReadAnswer:
    text: bytes = field(repr=False)
    photo: bytes = field(repr=False)
    fingerprint: bytes | None = field(default=None, repr=False)
    """None for a `30 01` answer, which has no fingerprint length at all."""

    def encode(self) -> bytes:
        blocks = [self.text, self.photo]
        if self.fingerprint is not None:
            blocks.append(self.fingerprint)
        lengths = b"".join(len(block).to_bytes(2, "big") for block in blocks)
        return lengths + b"".join(blocks)

    @classmethod
    def decode(cls, data: bytes, *, with_fingerprint: bool) -> ReadAnswer:
        count = 3 if with_fingerprint else 2
        if len(data) < 2 * count:
            raise FrameError("read answer too short for its length fields")
        lengths = [int.from_bytes(data[i : i + 2], "big") for i in range(0, 2 * count, 2)]
        if 2 * count + sum(lengths) != len(data):
            raise FrameError("read answer lengths do not add up to its size")
        blocks = []
        offset = 2 * count
        for length in lengths:
            blocks.append(data[offset : offset + length])
            offset += length
        return cls(*blocks) if with_fingerprint else cls(blocks[0], blocks[1])
