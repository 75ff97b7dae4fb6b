"""Fuzz the smart-card side: status words, T=0's procedure, TLV items, a whole read.

The input scripts a card: each command the driver sends gets the next
fuzzed answer -- fuzzed bytes under a status word the driver acts on (90 00,
61 xx, 6C xx), an item with the tag asked for, or bytes alone. Reading a
card through that script runs the T=0 completion, the TLV parser and the
GBK and BCD decoders on whatever the card says; only a card or a
SmartCardError may come out. The item decoders also get the raw input.
"""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from drivers.smartcard.apdu import Response, exchange, parse_response
    from drivers.smartcard.errors import SmartCardError
    from drivers.smartcard.profiles import DEFAULT_PROFILES, identify
    from drivers.smartcard.tlv import decode_digits, decode_text, parse_item

from fuzzing import answers_only, fuzz


class ScriptedChannel:
    """A card whose answers come from the fuzzer, the last one repeated when they run out."""

    def __init__(self, provider: atheris.FuzzedDataProvider) -> None:
        self._provider = provider
        self._last = b"\x90\x00"

    def transmit(self, command: bytes) -> Response:
        return exchange(self._answer, command)

    def _answer(self, command: bytes) -> Response:
        provider = self._provider
        if provider.remaining_bytes():
            kind = provider.ConsumeIntInRange(0, 4)
            data = provider.ConsumeBytes(provider.ConsumeIntInRange(0, 40))
            if kind == 0:
                self._last = data + b"\x90\x00"
            elif kind in (1, 2):
                sw1 = 0x61 if kind == 1 else 0x6C
                self._last = data + bytes([sw1, provider.ConsumeIntInRange(0, 255)])
            elif kind == 3:
                self._last = bytes([command[2], len(data)]) + data + b"\x90\x00"
            else:
                self._last = data
        return parse_response(self._last)


def one_input(data: bytes) -> None:
    tag, digits = (data[0], data[1] % 20 + 1) if len(data) > 1 else (0, 1)
    answers_only(
        SmartCardError,
        lambda: decode_text(parse_item(data, tag)),
        lambda: decode_digits(parse_item(data, tag), digits),
        lambda: identify(ScriptedChannel(atheris.FuzzedDataProvider(data)), DEFAULT_PROFILES),
    )


if __name__ == "__main__":
    fuzz(one_input, max_len=4096)
