"""The streaming parser under random input: no exception escapes, memory stays bounded."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.idcard.frame import PREAMBLE, FrameParser, Response, encode_frame

payloads = st.binary(min_size=3, max_size=300)
noise = st.binary(max_size=400)


def feed_in_chunks(parser: FrameParser, data: bytes, cuts: list[int]) -> list[bytes]:
    found: list[bytes] = []
    edges = sorted({0, len(data), *(c % (len(data) + 1) for c in cuts)})
    for start, end in pairwise(edges):
        found += parser.feed(data[start:end])
        assert parser.pending <= parser.max_pending
    return found


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=3000), cuts=st.lists(st.integers(min_value=0), max_size=8))
def test_random_bytes_never_raise_and_stay_bounded(data: bytes, cuts: list[int]) -> None:
    parser = FrameParser()
    for payload in feed_in_chunks(parser, data, cuts):
        assert len(payload) >= 2


@settings(max_examples=200, deadline=None)
@given(prefix=noise, payload=payloads, cuts=st.lists(st.integers(min_value=0), max_size=8))
def test_valid_frame_after_noise_is_found(prefix: bytes, payload: bytes, cuts: list[int]) -> None:
    # Noise may itself end in a frame header claiming more bytes; a real answer
    # then follows only after the parser resynchronises. Pad with one maximal
    # frame's worth of noise-free filler so any bogus claim is satisfied first.
    frame = encode_frame(payload)
    filler = bytes(FrameParser().max_pending)
    found = feed_in_chunks(FrameParser(), prefix + filler + frame, cuts)
    assert found[-1] == payload


@settings(max_examples=200, deadline=None)
@given(payload=payloads, cut=st.integers(min_value=1), follow=payloads)
def test_truncated_frame_then_reset_then_valid_frame(
    payload: bytes, cut: int, follow: bytes
) -> None:
    frame = encode_frame(payload)
    parser = FrameParser()
    assert parser.feed(frame[: cut % len(frame)]) == []
    assert parser.pending <= parser.max_pending
    parser.reset()
    assert parser.feed(encode_frame(follow)) == [follow]


@settings(max_examples=200, deadline=None)
@given(payload=payloads, cut=st.integers(min_value=1), follow=payloads)
def test_truncated_frame_is_skipped_once_the_stream_moves_on(
    payload: bytes, cut: int, follow: bytes
) -> None:
    # The cut frame's LEN claims bytes that never come as such; once the stream
    # has carried that many, its checksum fails and the parser resynchronises.
    frame = encode_frame(payload)
    truncated = frame[: cut % len(frame)]
    filler = bytes(FrameParser().max_pending)
    stream = truncated + encode_frame(follow) + filler + encode_frame(follow)
    assert FrameParser().feed(stream)[-1] == follow


@settings(max_examples=100, deadline=None)
@given(sw=st.tuples(*[st.integers(0, 255)] * 3), data=st.binary(max_size=2400))
def test_any_response_round_trips(sw: tuple[int, int, int], data: bytes) -> None:
    response = Response(*sw, data)
    assert [Response.from_payload(p) for p in FrameParser().feed(response.encode())] == [response]


def test_pending_bound_holds_for_a_flood_of_preambles() -> None:
    parser = FrameParser()
    parser.feed(PREAMBLE * 5000)
    assert parser.pending <= parser.max_pending
