"""Fuzz the scanner's line framing with every suffix, prefixes, limits and encodings.

A smudged code, a scanner set to another encoding or a stream with no line
ending must give codes or status events, never an exception: the framer
has no error type at all. Each code it yields must be non-empty printable
text without surrounding blanks.
"""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from drivers.scanner.framing import SUFFIXES, CodeScanned, LineFramer, StatusChanged

from fuzzing import fuzz


def one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    framer = LineFramer(
        suffix=provider.PickValueInList(sorted(SUFFIXES)),
        prefix=provider.PickValueInList(["", "QR:", "]Q1"]),
        max_length=provider.ConsumeIntInRange(1, 600),
        debounce_s=provider.ConsumeFloatInRange(0.0, 2.0),
        encoding=provider.PickValueInList(["utf-8", "gb18030", "ascii", "latin-1"]),
    )
    now = 0.0
    while provider.remaining_bytes():
        chunk = provider.ConsumeBytes(provider.ConsumeIntInRange(0, 80))
        now += provider.ConsumeFloatInRange(0.0, 1.5)
        for event in framer.feed(chunk, now):
            if isinstance(event, CodeScanned):
                text = event.text
                if not text or text != text.strip() or not text.isprintable():
                    raise AssertionError(f"bad code text {text!r}")
            elif not isinstance(event, StatusChanged):
                raise AssertionError(f"unexpected event {event!r}")


if __name__ == "__main__":
    fuzz(one_input, max_len=2048)
