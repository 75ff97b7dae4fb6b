"""Fuzz the card text-block decoder: damaged real blocks, and raw bytes.

Random bytes almost never form UCS-2 digits and a known card-type marker,
so most inputs patch a real block of each card type at fuzzed offsets; the
decoder must answer with a document or TextBlockError, whatever the patch.
"""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from drivers.idcard.errors import TextBlockError
    from drivers.idcard.layout import TEXT_BLOCK_SIZE
    from drivers.idcard.text_block import parse_text_block
    from drivers.sim.cards import DEMO_CARDS

from fuzzing import answers_only, fuzz

BLOCKS = [card.text_block() for card in DEMO_CARDS.values()]


def one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    block = bytearray(provider.PickValueInList(BLOCKS))
    for _ in range(provider.ConsumeIntInRange(0, 8)):
        offset = provider.ConsumeIntInRange(0, TEXT_BLOCK_SIZE - 1)
        patch = provider.ConsumeBytes(provider.ConsumeIntInRange(1, 32))
        block[offset : offset + len(patch)] = patch[: TEXT_BLOCK_SIZE - offset]
    answers_only(
        TextBlockError,
        lambda: parse_text_block(bytes(block)),
        lambda: parse_text_block(data),
    )


if __name__ == "__main__":
    fuzz(one_input, max_len=2 * TEXT_BLOCK_SIZE)
