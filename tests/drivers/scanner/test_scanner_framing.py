"""Turning scanner bytes into codes: endings, prefixes, garbage, held codes."""

from __future__ import annotations

import pytest

from drivers.scanner.framing import CodeScanned, LineFramer, StatusChanged


def test_each_suffix_ends_a_code() -> None:
    for suffix, data in (("CR", b"A1\rB2\r"), ("LF", b"A1\nB2\n"), ("CRLF", b"A1\r\nB2\r\n")):
        framer = LineFramer(suffix=suffix)  # type: ignore[arg-type]
        assert framer.feed(data, now=0) == [CodeScanned("A1"), CodeScanned("B2")]


def test_a_code_split_across_reads_is_joined() -> None:
    framer = LineFramer()
    assert framer.feed(b"K0107-", now=0) == []
    assert framer.feed("二0042\r".encode(), now=0) == [CodeScanned("K0107-二0042")]


def test_prefix_is_stripped_and_gb18030_content_decoded() -> None:
    framer = LineFramer(prefix="]Q1")
    assert framer.feed(b"]Q1" + "受理".encode("gb18030") + b"\r", now=0) == [CodeScanned("受理")]


def test_same_code_within_the_debounce_window_is_dropped() -> None:
    framer = LineFramer(debounce_s=2.0)
    assert framer.feed(b"A\r", now=10.0) == [CodeScanned("A")]
    assert framer.feed(b"A\r", now=11.0) == []
    assert framer.feed(b"B\r", now=11.5) == [CodeScanned("B")]
    assert framer.feed(b"B\r", now=14.0) == [CodeScanned("B")]


def test_a_held_code_keeps_being_suppressed() -> None:
    framer = LineFramer(debounce_s=1.0)
    events = [e for t in (0.0, 0.6, 1.2, 1.8) for e in framer.feed(b"A\r", now=t)]
    assert events == [CodeScanned("A")]


def test_overlong_garbage_is_discarded_with_a_note_and_reading_recovers() -> None:
    framer = LineFramer(max_length=8)
    events = framer.feed(b"\xff" * 20, now=0)
    assert len(events) == 1 and isinstance(events[0], StatusChanged)
    assert "discarded 20 bytes" in events[0].status.detail and events[0].status.usable
    assert framer.feed(b"more garbage\rOK1\r", now=0) == [CodeScanned("OK1")]


def test_an_overlong_complete_line_is_discarded_too() -> None:
    events = LineFramer(max_length=4).feed(b"12345\r1234\r", now=0)
    assert isinstance(events[0], StatusChanged)
    assert events[1:] == [CodeScanned("1234")]


def test_blank_lines_and_control_characters_are_not_codes() -> None:
    assert LineFramer().feed(b"\r \r\x07A\x00B\r", now=0) == [CodeScanned("AB")]


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="suffix"):
        LineFramer(suffix="TAB")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^max_length must be at least 1$"):
        LineFramer(max_length=0)


def test_a_code_of_exactly_the_longest_length_is_read_even_in_pieces() -> None:
    framer = LineFramer(max_length=4)
    assert framer.feed(b"ABCD", now=0) == []
    assert framer.feed(b"\r", now=0) == [CodeScanned("ABCD")]


def test_the_longest_length_may_be_one() -> None:
    assert LineFramer(max_length=1).feed(b"7\r", now=0) == [CodeScanned("7")]


def test_the_same_code_once_the_debounce_has_passed_is_a_new_scan() -> None:
    framer = LineFramer(debounce_s=1.0)
    assert framer.feed(b"A\r", now=5.0) == [CodeScanned("A")]
    assert framer.feed(b"A\r", now=6.0) == [CodeScanned("A")]


def test_bytes_neither_utf8_nor_gb18030_become_replacement_marks() -> None:
    # 0xFF starts no character in either encoding: the code is shown marked, never lost
    events = LineFramer().feed(b"K\xff1\rK2\r", now=0)
    assert events == [CodeScanned("K\ufffd1"), CodeScanned("K2")]


def test_an_overlong_line_s_note_names_its_size_and_the_limit() -> None:
    [note] = LineFramer(max_length=4).feed(b"123456\r", now=0)
    assert isinstance(note, StatusChanged)
    assert note.status.detail == "discarded 6 bytes of over-long input (limit 4)"
