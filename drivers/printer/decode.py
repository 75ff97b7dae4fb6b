"""Reading an ESC/POS byte stream back into the document it prints.

Lives beside `encode` because it is its inverse and the two must change
together. The network printer emulator uses it to turn what it received into
receipts (text and PNG), and tests use it to check the bytes a template
produces without reading hex. It is a streaming parser: bytes arrive in
arbitrary chunks, real-time status requests (DLE EOT n) are reported the
moment they are complete, even in the middle of a job, and a job ends at a cut.

What comes back is the canonical document of `layout.lay_out` -- one Text per
printed line, merged feeds, a line of dashes as a Rule, a line with an
absolute position (ESC $) as a Row -- and the feed python-escpos sends before
every cut (ESC d 6) is taken back into the Cut. The style of a line is the
style in force at its first character. Commands this project never sends but
printers accept (fonts, underline, line spacing, code tables) are skipped;
anything else is an `EscposDecodeError`, so a wrong byte never passes unseen.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import NoReturn

from drivers.printer.document import Align, Cut, Image, PrintDocument, Qr, Row, Size, Text
from drivers.printer.layout import BlockList
from drivers.printer.profile import codec_for

LF, CR, DLE, ESC, FS, GS = 0x0A, 0x0D, 0x10, 0x1B, 0x1C, 0x1D
EOT = 0x04
CUTTER_FEED = 6
_ALIGNS: dict[int, Align] = {
    0: "left", 48: "left", 1: "center", 49: "center", 2: "right", 50: "right",
}
# ESC / FS / GS commands with a fixed length we accept and ignore.
_IGNORED = {
    (ESC, ord("2")): 2, (ESC, ord("3")): 3, (ESC, ord("-")): 3, (ESC, ord("M")): 3,
    (ESC, ord("t")): 3, (ESC, ord("G")): 3, (ESC, ord("{")): 3, (ESC, ord("V")): 3,
    (ESC, ord("R")): 3, (FS, ord("C")): 3, (FS, ord("-")): 3, (GS, ord("B")): 3,
    (GS, ord("b")): 3, (GS, ord("L")): 4, (GS, ord("W")): 4,
}


class EscposDecodeError(ValueError):
    """The stream holds a command this decoder does not know, at the given offset."""


@dataclass(frozen=True)
class StatusRequest:
    """DLE EOT n: the host wants real-time status byte n (1, 2 or 4) now."""

    n: int


@dataclass(frozen=True)
class DecodedJob:
    document: PrintDocument
    raw: bytes


Event = StatusRequest | DecodedJob


def _size(width: int, height: int) -> Size:
    if width > 1:
        return "double"
    return "double_height" if height > 1 else "normal"


class EscposDecoder:
    """Feed bytes in with `feed`; get status requests and finished jobs out, in order."""

    def __init__(self, encoding: str = "gb18030") -> None:
        self._codec = codec_for(encoding)
        self._buf = bytearray()
        self._offset = 0
        self._job_raw = bytearray()
        self._events: list[Event] = []
        self._reset_style()
        self._chinese = False
        self._start_job()

    @property
    def pending_bytes(self) -> int:
        """Bytes of the job in progress (status requests excluded)."""
        return len(self._job_raw)

    def feed(self, data: bytes) -> list[Event]:
        self._buf += data
        while self._buf:
            used = self._step()
            if not used:
                break
            self._offset += used
            del self._buf[:used]
        events, self._events = self._events, []
        return events

    # --- state -------------------------------------------------------------

    def _reset_style(self) -> None:
        self._align: Align = "left"
        self._bold = False
        self._size: Size = "normal"

    def _start_job(self) -> None:
        self._finished: PrintDocument | None = None
        self._blocks = BlockList()
        self._job_raw.clear()
        self._last_feed = 0
        self._qr_size = 3
        self._qr_data = b""
        self._start_line()

    def _start_line(self) -> None:
        self._text: list[str] = []
        self._label: str | None = None
        self._line_style: tuple[Align, bool, Size] | None = None
        self._text_decoder = codecs.getincrementaldecoder(self._codec)("replace")

    def _flush_text(self) -> None:
        tail = self._text_decoder.decode(b"", final=True)
        if tail:
            self._text.append(tail)
        self._text_decoder.reset()

    def _end_line(self) -> None:
        self._flush_text()
        text = "".join(self._text)
        if self._label is not None:
            self._blocks.add_line(Row(self._label.strip(), text.strip()))
        elif self._line_style is None:
            self._blocks.feed(1)
        else:
            align, bold, size = self._line_style
            self._blocks.add_line(Text(text.rstrip(), align, bold, size))
        self._start_line()

    def _has_line(self) -> bool:
        return self._line_style is not None or self._label is not None

    def _add_block(self, block: Image | Qr) -> None:
        if self._has_line():
            self._end_line()
        self._blocks.add(block)

    # --- parsing -----------------------------------------------------------

    def _step(self) -> int:
        """Consume one command or text run from the buffer; 0 means wait for more bytes."""
        first = self._buf[0]
        if first == DLE:
            return self._realtime()
        used = self._command() if first < 0x20 else self._text_run()
        self._job_raw += self._buf[:used]
        if self._finished is not None:
            self._events.append(DecodedJob(self._finished, bytes(self._job_raw)))
            self._start_job()
        return used

    def _need(self, count: int) -> bool:
        return len(self._buf) >= count

    def _text_run(self) -> int:
        end = next((i for i, b in enumerate(self._buf) if b < 0x20), len(self._buf))
        chunk = bytes(self._buf[:end])
        if self._line_style is None:
            self._line_style = (self._align, self._bold, self._size)
        if self._chinese:
            self._text.append(self._text_decoder.decode(chunk))
        else:
            self._text.append(chunk.decode("cp437"))
        self._last_feed = 0
        return end

    def _realtime(self) -> int:
        if not self._need(3):
            return 0
        if self._buf[1] != EOT or self._buf[2] not in (1, 2, 3, 4):
            self._fail("DLE")
        self._events.append(StatusRequest(self._buf[2]))
        return 3

    def _fail(self, what: str) -> NoReturn:
        shown = bytes(self._buf[:4]).hex(" ")
        raise EscposDecodeError(f"unsupported {what} command at byte {self._offset}: {shown}")

    def _command(self) -> int:
        """A control command; remembers whether it was a feed, for the cut that may follow."""
        feed_before, self._last_feed = self._last_feed, 0
        used = self._dispatch(feed_before)
        if not used:
            self._last_feed = feed_before
        return used

    def _dispatch(self, feed_before: int) -> int:
        first = self._buf[0]
        if first == LF:
            self._end_line()
            return 1
        if first == CR:
            return 1
        if not self._need(2):
            return 0
        key = (first, self._buf[1])
        if key in _IGNORED:
            return _IGNORED[key] if self._need(_IGNORED[key]) else 0
        handler = {ESC: self._esc, FS: self._fs, GS: self._gs}.get(first)
        if handler is None:
            self._fail(f"0x{first:02x}")
        return handler(feed_before)

    def _esc(self, feed_before: int) -> int:
        cmd = chr(self._buf[1])
        if cmd == "@":
            self._reset_style()
            return 2
        if cmd == "$":
            return self._position()
        if not self._need(3):
            return 0
        arg = self._buf[2]
        if cmd == "!":
            self._bold = bool(arg & 0x08)
            self._size = _size(2 if arg & 0x20 else 1, 2 if arg & 0x10 else 1)
        elif cmd == "E":
            self._bold = bool(arg & 1)
        elif cmd == "a" and arg in _ALIGNS:
            self._align = _ALIGNS[arg]
        elif cmd == "d":
            if self._has_line():
                self._end_line()
            self._blocks.feed(arg)
            self._last_feed = feed_before + arg
        else:
            self._fail("ESC")
        return 3

    def _position(self) -> int:
        if not self._need(4):
            return 0
        self._flush_text()
        self._label = "".join(self._text)
        self._text = []
        return 4

    def _fs(self, feed_before: int) -> int:
        cmd = chr(self._buf[1])
        if cmd in "&.":
            self._chinese = cmd == "&"
            return 2
        if cmd != "!":
            self._fail("FS")
        if not self._need(3):
            return 0
        arg = self._buf[2]
        self._size = _size(2 if arg & 0x04 else 1, 2 if arg & 0x08 else 1)
        return 3

    def _gs(self, feed_before: int) -> int:
        cmd = chr(self._buf[1])
        if cmd == "(":
            return self._two_d_code()
        if cmd == "v":
            return self._raster()
        if not self._need(3):
            return 0
        arg = self._buf[2]
        if cmd == "!":
            self._size = _size((arg >> 4) + 1, (arg & 0x0F) + 1)
            return 3
        if cmd != "V":
            self._fail("GS")
        used = 4 if arg in (65, 66) else 3
        if not self._need(used):
            return 0
        if arg not in (0, 1, 48, 49, 65, 66):
            self._fail("GS V")
        self._cut(partial=arg in (1, 49, 66), feed_before=feed_before)
        return used

    def _cut(self, partial: bool, feed_before: int) -> None:
        if self._has_line():
            self._end_line()
        if feed_before >= CUTTER_FEED:
            self._blocks.unfeed(CUTTER_FEED)
        self._blocks.add(Cut(partial))
        self._finished = self._blocks.document()

    def _two_d_code(self) -> int:
        if not self._need(5):
            return 0
        length = 5 + int.from_bytes(self._buf[3:5], "little")
        if not self._need(length):
            return 0
        if self._buf[2] != ord("k"):
            self._fail("GS (")
        cn, fn = self._buf[5], self._buf[6]
        if cn != ord("1"):
            return length
        if fn == ord("C"):
            self._qr_size = self._buf[7]
        elif fn == ord("P"):
            self._qr_data = bytes(self._buf[8:length])
        elif fn == ord("Q") and self._qr_data:
            self._add_block(Qr(self._qr_data.decode("utf-8", "replace"), self._qr_size))
            self._qr_data = b""
        return length

    def _raster(self) -> int:
        if not self._need(8):
            return 0
        width_bytes = int.from_bytes(self._buf[4:6], "little")
        height = int.from_bytes(self._buf[6:8], "little")
        length = 8 + width_bytes * height
        if not self._need(length):
            return 0
        if self._buf[2] != ord("0"):
            self._fail("GS v")
        self._add_block(Image(width_bytes * 8, height, bytes(self._buf[8:length])))
        return length
