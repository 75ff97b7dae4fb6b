"""From the bytes a scanner types to the codes a citizen meant to show it.

Serial QR/barcode scanners send each code as a line, but the line ending,
an optional prefix and the text encoding are per-model settings, a smudged
code can turn into a stream of garbage with no line ending, and a citizen who
holds a code under the scanner gets it read again and again. This is the
pure part -- no port, no thread, time passed in -- so every such case is
tested directly; `reader.ScannerReader` feeds it from the port.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drivers.status import DeviceState, DeviceStatus

Suffix = Literal["CR", "LF", "CRLF"]
SUFFIXES: dict[str, bytes] = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n"}


@dataclass(frozen=True)
class CodeScanned:
    text: str


@dataclass(frozen=True)
class StatusChanged:
    status: DeviceStatus


ScannerEvent = CodeScanned | StatusChanged


def _decode(line: bytes, encoding: str) -> str:
    """Scanners send UTF-8 or, for Chinese content on older models, GB18030."""
    for codec in (encoding, "gb18030"):
        try:
            return line.decode(codec)
        except UnicodeDecodeError:
            continue
    return line.decode(encoding, "replace")


class LineFramer:
    def __init__(
        self,
        *,
        suffix: Suffix = "CR",
        prefix: str = "",
        max_length: int = 512,
        debounce_s: float = 1.0,
        encoding: str = "utf-8",
    ) -> None:
        if suffix not in SUFFIXES:
            raise ValueError(f"suffix must be one of {sorted(SUFFIXES)}, not {suffix!r}")
        if max_length < 1:
            raise ValueError("max_length must be at least 1")
        self._suffix = SUFFIXES[suffix]
        self._prefix = prefix.encode(encoding)
        self._max_length = max_length
        self._debounce_s = debounce_s
        self._encoding = encoding
        self._buf = bytearray()
        self._discarding = False
        self._last: tuple[str, float] | None = None

    def feed(self, data: bytes, now: float) -> list[ScannerEvent]:
        """Bytes from the port at time `now` (seconds, any monotonic clock) -> events."""
        events: list[ScannerEvent] = []
        self._buf += data
        while (end := self._buf.find(self._suffix)) >= 0:
            line = bytes(self._buf[:end])
            del self._buf[: end + len(self._suffix)]
            if self._discarding:
                self._discarding = False
                continue
            events += self._line(line, now)
        if len(self._buf) > self._max_length:
            events.append(self._discarded(len(self._buf)))
            self._buf.clear()
            self._discarding = True
        return events

    def _discarded(self, size: int) -> StatusChanged:
        detail = f"discarded {size} bytes of over-long input (limit {self._max_length})"
        return StatusChanged(DeviceStatus(DeviceState.OK, detail))

    def _line(self, line: bytes, now: float) -> list[ScannerEvent]:
        if self._prefix and line.startswith(self._prefix):
            line = line[len(self._prefix) :]
        if len(line) > self._max_length:
            return [self._discarded(len(line))]
        text = "".join(ch for ch in _decode(line, self._encoding) if ch.isprintable()).strip()
        if not text:
            return []
        last, self._last = self._last, (text, now)
        if last is not None and last[0] == text and now - last[1] < self._debounce_s:
            return []
        return [CodeScanned(text)]
