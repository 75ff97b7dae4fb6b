"""Fuzz the GA/T 467 streaming frame parser and the decoders of what it yields.

The input is read two ways: as raw line bytes, and as a recipe for a stream
of noise, valid frames, preamble fragments and cut frames, so the parser's
deep paths (a LEN to wait for, a checksum to check) are reached often. The
stream goes in as chunks of fuzzed sizes, as a serial port delivers it.
"""

from __future__ import annotations

from itertools import pairwise

import atheris

with atheris.instrument_imports():
    from drivers.idcard.errors import IdCardError
    from drivers.idcard.frame import PREAMBLE, Command, FrameParser, Response, encode_frame
    from drivers.idcard.read_answer import ReadAnswer

from fuzzing import answers_only, fuzz

LARGEST_PAYLOAD = 2400
"""Above the longest real answer (2313 bytes of payload with fingerprints)."""


def one_input(data: bytes) -> None:
    feed(FrameParser(), [data])
    provider = atheris.FuzzedDataProvider(data)
    stream = recipe_stream(provider)
    cuts = sorted(provider.ConsumeIntListInRange(8, 0, len(stream)))
    pieces = [stream[start:end] for start, end in pairwise([0, *cuts, len(stream)])]
    for payload in feed(FrameParser(), pieces):
        decode(payload)


def recipe_stream(provider: atheris.FuzzedDataProvider) -> bytes:
    stream = bytearray()
    for _ in range(provider.ConsumeIntInRange(0, 12)):
        kind = provider.ConsumeIntInRange(0, 3)
        if kind == 0:
            stream += provider.ConsumeBytes(provider.ConsumeIntInRange(0, 64))
        elif kind == 1:
            stream += PREAMBLE[: provider.ConsumeIntInRange(1, len(PREAMBLE))]
        else:
            payload = provider.ConsumeBytes(provider.ConsumeIntInRange(2, LARGEST_PAYLOAD))
            frame = encode_frame(payload.ljust(2, b"\x00"))
            stream += frame if kind == 2 else frame[: provider.ConsumeIntInRange(0, len(frame))]
    return bytes(stream)


def feed(parser: FrameParser, pieces: list[bytes]) -> list[bytes]:
    payloads: list[bytes] = []
    for piece in pieces:
        payloads += parser.feed(piece)
        if parser.pending > parser.max_pending:
            raise AssertionError(f"parser holds {parser.pending} bytes")
    return payloads


def decode(payload: bytes) -> None:
    answers_only(
        IdCardError,
        lambda: Command.from_payload(payload),
        lambda: Response.from_payload(payload).expect(),
        lambda: ReadAnswer.decode(payload, with_fingerprint=False),
        lambda: ReadAnswer.decode(payload, with_fingerprint=True),
    )


if __name__ == "__main__":
    fuzz(one_input, max_len=3 * LARGEST_PAYLOAD)
