"""read_card against the real pcscd + vpcd, with the virtual card in VPCD_READER.

The first tests talk to the card through pyscard alone, to pin the virtual
card's bytes to HARDWARE.md §4 independently of the driver; the rest read
through the driver end to end.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from smartcard import scard
from smartcard.CardConnection import CardConnection
from smartcard.Exceptions import CardConnectionException
from smartcard.System import readers

from drivers.sim.virtual_card import (
    LI_MING,
    T0,
    T0_CHUNK,
    TECHNICIAN_BADGE,
    VPCD_READER,
    WANG_XIUYING,
    CardFault,
    VirtualCard,
    make_atr,
)
from drivers.smartcard import (
    CardBusy,
    CardUnresponsive,
    MalformedResponse,
    NoCard,
    NoReader,
    SocialSecurityCard,
    SocialSecurityProfile,
    TechnicianBadge,
    UnknownCard,
    read_card,
)

MakeCard = Callable[..., VirtualCard]
SELECT_SSSE = "00 A4 04 00 0F 7378312E73682EC9E7BBE1B1A3D5CF"
MUTE_TIMEOUT = 1.0
ABANDONED_READ_BOUND = 20.0
"""Upper bound for an abandoned read to end once its card is gone; reached only if broken."""
READ_COMMANDS = 3 + 7 + 6
"""Select the DF, EF05 and EF06, and read their 7 and 6 items."""
WANG_XIUYING_CARD = SocialSecurityCard(**dataclasses.asdict(WANG_XIUYING))
"""What the card must read back as: the plain data it was encoded from, field by field."""


@contextmanager
def pyscard_connection(mode: int) -> Iterator[CardConnection]:
    """A connection to the card in VPCD_READER made with pyscard's own API."""
    reader = next(r for r in readers() if str(r) == VPCD_READER)
    connection = reader.createConnection()
    connection.connect(mode=mode)
    try:
        yield connection
    finally:
        connection.disconnect()
        connection.release()


def send(connection: CardConnection, apdu_hex: str) -> tuple[bytes, int]:
    data, sw1, sw2 = connection.transmit(list(bytes.fromhex(apdu_hex)))
    return bytes(data), (sw1 << 8) | sw2


def test_virtual_card_answers_the_documented_bytes(make_card: MakeCard) -> None:
    make_card(WANG_XIUYING)
    with pyscard_connection(scard.SCARD_SHARE_SHARED) as card:
        assert bytes(card.getATR()) == make_atr(b"SSSE-SIM")
        assert send(card, "00B2090000") == (b"", 0x6986)  # no EF selected yet
        assert send(card, SELECT_SSSE) == (b"", 0x9000)
        assert send(card, "00 A4 02 00 02 EF 07") == (b"", 0x6A82)
        assert send(card, "00 A4 02 00 02 EF 06") == (b"", 0x9000)
        name = "王秀英".encode("gbk").ljust(30, b"\x00")
        assert send(card, "00 B2 09 00 00") == (bytes([0x09, 30]) + name, 0x9000)
        assert send(card, "00 B2 0D 00 00") == (bytes.fromhex("0D0419560308"), 0x9000)
        assert send(card, "00 B2 01 00 00") == (b"", 0x6A83)  # item of EF05
        assert send(card, "00 CA 00 00 00") == (b"", 0x6D00)


def test_a_t0_card_asks_for_the_exact_length(make_card: MakeCard) -> None:
    make_card(WANG_XIUYING, t0=T0.RESEND)
    with pyscard_connection(scard.SCARD_SHARE_SHARED) as card:
        assert bytes(card.getATR()) == make_atr(b"SSSE-SIM", t1=False)
        assert card.getProtocol() == CardConnection.T0_protocol
        assert send(card, SELECT_SSSE) == (b"", 0x9000)
        assert send(card, "00 A4 02 00 02 EF 06") == (b"", 0x9000)
        assert send(card, "00 B2 09 00 00") == (b"", 0x6C20)  # tag, length, 30 bytes
        name = "王秀英".encode("gbk").ljust(30, b"\x00")
        assert send(card, "00 B2 09 00 20") == (bytes([0x09, 30]) + name, 0x9000)


def test_a_t0_card_hands_out_data_through_get_response(make_card: MakeCard) -> None:
    make_card(WANG_XIUYING, t0=T0.GET_RESPONSE)
    with pyscard_connection(scard.SCARD_SHARE_SHARED) as card:
        send(card, SELECT_SSSE)
        send(card, "00 A4 02 00 02 EF 06")
        assert send(card, "00 B2 0D 00 00") == (b"", 0x6106)  # tag, length, 4 BCD bytes
        assert send(card, "00 C0 00 00 06") == (bytes.fromhex("0D0419560308"), 0x9000)
        assert send(card, "00 C0 00 00 06") == (b"", 0x6985)  # nothing left to fetch
        assert send(card, "00 B2 09 00 00") == (b"", 0x6100 | T0_CHUNK)
        assert send(card, f"00 C0 00 00 {T0_CHUNK:02X}") == (
            bytes([0x09, 30]) + "王秀英".encode("gbk")[: T0_CHUNK - 2],
            0x6100 | T0_CHUNK,
        )


def extra_commands(mode: T0) -> int:
    """What T=0 adds to a read: a resend per item, or a GET RESPONSE per chunk of it."""
    items = [value for file in WANG_XIUYING.files().values() for value in file.values()]
    if mode is T0.RESEND:
        return len(items)
    return sum(-(-(2 + len(value)) // T0_CHUNK) for value in items)  # TLV: tag, length, value


@pytest.mark.parametrize("mode", list(T0))
def test_a_t0_card_reads_like_any_other(make_card: MakeCard, mode: T0) -> None:
    card = make_card(WANG_XIUYING, t0=mode)
    assert read_card(VPCD_READER) == WANG_XIUYING_CARD
    assert card.apdus_received == READ_COMMANDS + extra_commands(mode)


def test_badge_returns_its_uid_in_wire_order(make_card: MakeCard) -> None:
    make_card(TECHNICIAN_BADGE)
    with pyscard_connection(scard.SCARD_SHARE_SHARED) as card:
        assert send(card, "FF CA 00 00 00") == (bytes.fromhex("04A1B2C3D4E5F6"), 0x9000)
        assert send(card, SELECT_SSSE)[1] == 0x6D00


def test_reads_every_field_of_a_social_security_card(make_card: MakeCard) -> None:
    card = make_card(WANG_XIUYING)
    assert read_card(VPCD_READER) == WANG_XIUYING_CARD
    assert card.apdus_received == READ_COMMANDS


def test_reads_a_second_holder_and_the_region(make_card: MakeCard) -> None:
    make_card(LI_MING)
    card = read_card(VPCD_READER)
    assert isinstance(card, SocialSecurityCard)
    assert (card.name, card.social_security_number, card.sex) == (
        "李明",
        "440106198807210036",
        "1",
    )
    assert card.region == "440100"
    assert len(card.card_number) == 9


def test_personal_data_stays_out_of_repr(make_card: MakeCard) -> None:
    make_card(WANG_XIUYING)
    text = repr(read_card(VPCD_READER))
    for secret in ("王秀英", "110101195603080020", "A10023687", "19560308"):
        assert secret not in text


def test_reads_a_badge_uid(make_card: MakeCard) -> None:
    make_card(TECHNICIAN_BADGE)
    assert read_card(VPCD_READER) == TechnicianBadge(uid="04A1B2C3D4E5F6")


def test_a_card_no_profile_knows_is_unknown(make_card: MakeCard) -> None:
    make_card(TECHNICIAN_BADGE)
    with pytest.raises(UnknownCard):
        read_card(VPCD_READER, profiles=[SocialSecurityProfile()])


def test_missing_reader_and_missing_card_are_told_apart(pcsc_daemon: object) -> None:
    with pytest.raises(NoReader):
        read_card("No Such Reader 99")
    with pytest.raises(NoCard):
        read_card("Virtual PCD 00 01")  # vpcd's second slot; no test fills it


def test_a_card_held_exclusively_elsewhere_is_busy(make_card: MakeCard) -> None:
    make_card(WANG_XIUYING)
    with pyscard_connection(scard.SCARD_SHARE_EXCLUSIVE), pytest.raises(CardBusy):
        read_card(VPCD_READER)
    assert isinstance(read_card(VPCD_READER), SocialSecurityCard)


def test_mute_card_gives_up_in_bounded_time_and_the_reader_recovers(
    make_card: MakeCard,
) -> None:
    mute = make_card(WANG_XIUYING, CardFault.MUTE)
    with pytest.raises(CardUnresponsive):
        read_card(VPCD_READER, timeout=MUTE_TIMEOUT)
    assert mute.apdus_received == 1  # the SELECT went out and was never answered
    # The abandoned read still holds its exclusive connection inside pcscd.
    with pytest.raises(CardConnectionException), pyscard_connection(scard.SCARD_SHARE_SHARED):
        pass
    mute.stop()  # pulling the card out releases pcscd's reader
    # ... once the abandoned read has also let go of its connection (a race otherwise).
    for thread in threading.enumerate():
        if thread.name == "smartcard-read":
            thread.join(ABANDONED_READ_BOUND)
    make_card(LI_MING)
    card = read_card(VPCD_READER)
    assert isinstance(card, SocialSecurityCard)
    assert card.name == "李明"


@pytest.mark.parametrize("fault", [CardFault.GARBAGE, CardFault.BROKEN_TLV])
def test_garbage_answers_are_malformed(make_card: MakeCard, fault: CardFault) -> None:
    card = make_card(WANG_XIUYING, fault)
    with pytest.raises(MalformedResponse):
        read_card(VPCD_READER)
    assert card.apdus_received >= 1
