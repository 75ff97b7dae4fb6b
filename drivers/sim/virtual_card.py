"""A virtual smart card that plugs into the real pcscd through vsmartcard's vpcd.

The smart-card driver has to be proven against the real PC/SC stack (pcscd,
libpcsclite, pyscard), not against a fake of it. vsmartcard's vpcd is a pcscd
reader driver that waits for a card on a TCP port; Debian's own virtual card
program (vicc) does not start on Debian 12, so this module is the card: a TCP
client of vpcd that answers its frames byte for byte (HARDWARE.md §4).

Wire format: every frame is a 2-byte big-endian length and a payload. A 1-byte
payload is a control message from the reader (0 power off, 1 power on,
2 reset, 4 "send your ATR", the only one that gets an answer); a longer one is
a command APDU, answered with a response APDU.

With `t0` set the card speaks like a real card on T=0 (ISO/IEC 7816-3): its
ATR offers T=0 only, and it never returns data in the same breath as a
command but answers `6C xx` (wrong Le, send again) or `61 xx` (fetch xx bytes
with GET RESPONSE), so the driver's completion of that procedure is proven
through pcscd.

Connecting to vpcd is inserting the card; closing the connection is pulling it
out. A started card that is "inserted" reconnects by itself when pcscd comes
back after a restart, like a card left in a reader across a reboot.

The card's content is built here from plain data, independently of the
driver's parser, so the two cannot share a mistake. This is test and demo
equipment: it holds sample people, never real ones.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar, Protocol

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963
"""vpcd's first slot; 35964 is its second ('Virtual PCD 00 01')."""
VPCD_READER = "Virtual PCD 00 00"
"""The name pcscd gives the reader on VPCD_PORT."""

SSSE_AID = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")
"""Name of the social security DF: "sx1.sh.社会保障" in GBK."""

_CONTROL_POWER_OFF = 0
_CONTROL_POWER_ON = 1
_CONTROL_RESET = 2
_CONTROL_ATR = 4

SW_OK = b"\x90\x00"
SW_WRONG_LENGTH = b"\x67\x00"
SW_NO_CURRENT_EF = b"\x69\x86"
SW_FUNCTION_NOT_SUPPORTED = b"\x6a\x81"
SW_FILE_NOT_FOUND = b"\x6a\x82"
SW_RECORD_NOT_FOUND = b"\x6a\x83"
SW_INS_NOT_SUPPORTED = b"\x6d\x00"
SW_CLA_NOT_SUPPORTED = b"\x6e\x00"
SW_CONDITIONS_NOT_SATISFIED = b"\x69\x85"
SW1_MORE_DATA = 0x61
SW1_WRONG_LE = 0x6C
T0_CHUNK = 8
"""Bytes a T0.GET_RESPONSE card hands out per GET RESPONSE (a card with a small I/O buffer)."""

GARBAGE_ANSWER = b"\x5a"
"""What a card in GARBAGE mode answers: one byte, not even a status word."""

_RETRY_CONNECT_SECONDS = 0.1


class CardFault(Enum):
    """Ways the card can misbehave, switchable while it is inserted."""

    NONE = "none"
    MUTE = "mute"
    """Answers the ATR but never any APDU: vpcd (and so pcscd) wait forever."""
    GARBAGE = "garbage"
    """Answers every APDU with GARBAGE_ANSWER."""
    BROKEN_TLV = "broken_tlv"
    """Answers READ RECORD with a TLV whose length runs past its value."""


class T0(Enum):
    """How a card on T=0 hands out the data of an answer."""

    RESEND = "resend"
    """A case-2 command whose Le is not the data's length gets `6C <length>`; other
    commands' data waits behind `61 xx` (T=0 cannot carry it with the command)."""
    GET_RESPONSE = "get_response"
    """Every answer's data waits behind `61 xx`, handed out T0_CHUNK bytes per GET RESPONSE."""


class VirtualCardError(RuntimeError):
    """The card could not reach vpcd (pcscd not running, wrong port)."""


def make_atr(historical: bytes, *, t1: bool = True) -> bytes:
    """An ATR offering T=0 and T=1 (or T=0 alone) with the given historical bytes.

    TS 3B (direct convention), T0 announces TD1 and the historical-byte count,
    TD1 = 80 (T=0, TD2 follows), TD2 = 01 (T=1); offering T=1 makes the
    check byte TCK (XOR of T0 up to the last historical byte) mandatory.
    Without T=1 the ATR is just TS, T0 (no interface bytes: T=0 is implied)
    and the historical bytes, with no TCK.
    """
    if len(historical) > 15:
        raise ValueError("an ATR holds at most 15 historical bytes")
    if not t1:
        return bytes([0x3B, len(historical)]) + historical
    body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical
    tck = 0
    for byte in body:
        tck ^= byte
    return b"\x3b" + body + bytes([tck])


def _an(text: str, length: int) -> bytes:
    """An 'an' item: GBK text, left aligned, padded with 00 to its length."""
    raw = text.encode("gbk")
    if len(raw) > length:
        raise ValueError(f"{len(raw)} bytes do not fit an item of {length}")
    return raw.ljust(length, b"\x00")


def _cn(digits: str, length: int) -> bytes:
    """A 'cn' item: packed BCD, left aligned, padded with F nibbles."""
    if not digits.isdigit() or len(digits) > 2 * length:
        raise ValueError(f"{digits!r} is not up to {2 * length} digits")
    return bytes.fromhex(digits.ljust(2 * length, "F"))


@dataclass(frozen=True)
class SocialSecurityCardData:
    """What a sample social security card holds in EF05 and EF06.

    Item formats follow the card specification as far as public summaries
    give it: 'an' items are GBK text padded with 00, 'cn' items packed BCD
    padded with F. (Item lengths beyond HARDWARE.md §4 are unconfirmed.)
    """

    card_id_code: str
    card_number: str
    social_security_number: str
    name: str
    sex: str
    birth_date: str
    birthplace: str
    nation: str = "01"
    card_type: str = "1"
    spec_version: str = "3.00"
    issuer: str = "000000000000"
    issue_date: str = "20200101"
    expiry_date: str = "20300101"

    def files(self) -> dict[int, dict[int, bytes]]:
        """The encoded items by file id and tag."""
        return {
            0xEF05: {
                0x01: _an(self.card_id_code, 16),
                0x02: _an(self.card_type, 1),
                0x03: _an(self.spec_version, 4),
                0x04: _an(self.issuer, 12),
                0x05: _cn(self.issue_date, 4),
                0x06: _cn(self.expiry_date, 4),
                0x07: _an(self.card_number, 9),
            },
            0xEF06: {
                0x08: _an(self.social_security_number, 18),
                0x09: _an(self.name, 30),
                0x0A: _an(self.sex, 1),
                0x0B: _cn(self.nation, 1),
                0x0C: _cn(self.birthplace, 3),
                0x0D: _cn(self.birth_date, 4),
            },
        }

    historical: ClassVar[bytes] = b"SSSE-SIM"
    """The ATR's historical bytes."""

    def applet(self) -> _Applet:
        return _SocialSecurityApplet(self.files())


@dataclass(frozen=True)
class BadgeData:
    """A contactless technician badge behind an ACR122U-like reader.

    `uid` is UID0 first: the byte a PICC sends first in anticollision, its
    least significant (ISO 14443-3), and the first byte `FF CA 00 00 00`
    returns. Written as hex in this order it reads like the UIDs that NFC
    tools print (a 7-byte NXP UID starts with the manufacturer code 04).
    """

    uid: bytes

    historical: ClassVar[bytes] = b"BADGE-SIM"

    def applet(self) -> _Applet:
        return _BadgeApplet(self.uid)


CardData = SocialSecurityCardData | BadgeData

WANG_XIUYING = SocialSecurityCardData(
    card_id_code="110100D156000005",
    card_number="A10023687",
    social_security_number="110101195603080020",
    name="王秀英",
    sex="2",
    birth_date="19560308",
    birthplace="110101",
    issue_date="20190315",
    expiry_date="20290315",
)
LI_MING = SocialSecurityCardData(
    card_id_code="440100D156000118",
    card_number="B20086301",
    social_security_number="440106198807210036",
    name="李明",
    sex="1",
    birth_date="19880721",
    birthplace="440106",
    issue_date="20210601",
    expiry_date="20310601",
)
TECHNICIAN_BADGE = BadgeData(uid=bytes.fromhex("04A1B2C3D4E5F6"))


class _Applet(Protocol):
    def reset(self) -> None: ...

    def respond(self, apdu: bytes) -> bytes: ...


class _SocialSecurityApplet:
    """SELECT by DF name / by file id and READ RECORD by tag, nothing more."""

    def __init__(self, files: dict[int, dict[int, bytes]]) -> None:
        self._files = files
        self._df_selected = False
        self._current_ef: int | None = None

    def reset(self) -> None:
        self._df_selected = False
        self._current_ef = None

    def respond(self, apdu: bytes) -> bytes:
        if len(apdu) < 4:
            return SW_WRONG_LENGTH
        cla, ins, p1, _p2 = apdu[:4]
        if cla != 0x00:
            return SW_CLA_NOT_SUPPORTED
        if ins == 0xA4:
            return self._select(p1, _command_data(apdu))
        if ins == 0xB2:
            return self._read_record(p1)
        return SW_INS_NOT_SUPPORTED

    def _select(self, p1: int, data: bytes | None) -> bytes:
        if data is None:
            return SW_WRONG_LENGTH
        if p1 == 0x04:
            self._df_selected = data == SSSE_AID
            self._current_ef = None
            return SW_OK if self._df_selected else SW_FILE_NOT_FOUND
        if p1 == 0x02 and len(data) == 2:
            fid = int.from_bytes(data, "big")
            if self._df_selected and fid in self._files:
                self._current_ef = fid
                return SW_OK
            return SW_FILE_NOT_FOUND
        return SW_FUNCTION_NOT_SUPPORTED

    def _read_record(self, tag: int) -> bytes:
        if self._current_ef is None:
            return SW_NO_CURRENT_EF
        value = self._files[self._current_ef].get(tag)
        if value is None:
            return SW_RECORD_NOT_FOUND
        return bytes([tag, len(value)]) + value + SW_OK


class _BadgeApplet:
    """Only the reader's GET DATA pseudo-APDU for the UID."""

    def __init__(self, uid: bytes) -> None:
        self._uid = uid

    def reset(self) -> None:
        """A badge keeps no state between commands."""

    def respond(self, apdu: bytes) -> bytes:
        if apdu[:2] != b"\xff\xca":
            return SW_INS_NOT_SUPPORTED
        if apdu[2:4] != b"\x00\x00":
            return SW_FUNCTION_NOT_SUPPORTED
        return self._uid + SW_OK


class _T0Card:
    """An applet behind T=0's procedure bytes: data leaves only as T=0 lets it (see T0)."""

    def __init__(self, applet: _Applet, mode: T0) -> None:
        self._applet = applet
        self._mode = mode
        self._waiting = b""
        self._final_sw = SW_OK

    def reset(self) -> None:
        self._applet.reset()
        self._waiting = b""

    def respond(self, apdu: bytes) -> bytes:
        if apdu[:2] == b"\x00\xc0":
            return self._get_response(apdu)
        self._waiting = b""
        answer = self._applet.respond(apdu)
        data, self._final_sw = answer[:-2], answer[-2:]
        if not data:
            return answer
        if self._mode is T0.RESEND and len(apdu) == 5:
            # Case 2: the card sees Le (P3; 00 means 256) and insists on the exact length.
            if (apdu[4] or 256) == len(data):
                return answer
            return bytes([SW1_WRONG_LE, len(data) & 0xFF])
        self._waiting = data
        return self._more()

    def _get_response(self, apdu: bytes) -> bytes:
        if len(apdu) != 5 or not self._waiting:
            return SW_CONDITIONS_NOT_SATISFIED
        wanted = apdu[4] or 256
        if wanted > len(self._waiting):
            return bytes([SW1_WRONG_LE, len(self._waiting) & 0xFF])
        chunk, self._waiting = self._waiting[:wanted], self._waiting[wanted:]
        return chunk + (self._more() if self._waiting else self._final_sw)

    def _more(self) -> bytes:
        """`61 xx`: what the next GET RESPONSE may fetch (00 for 256 or more)."""
        ready = len(self._waiting)
        if self._mode is T0.GET_RESPONSE:
            ready = min(ready, T0_CHUNK)
        return bytes([SW1_MORE_DATA, min(ready, 256) & 0xFF])


def _command_data(apdu: bytes) -> bytes | None:
    """The data field of a short case-3/4 APDU, or None if Lc does not fit."""
    if len(apdu) < 6:
        return None
    lc = apdu[4]
    if len(apdu) not in (5 + lc, 6 + lc):
        return None
    return apdu[5 : 5 + lc]


class VirtualCard:
    """One card for one vpcd slot; a thread answers pcscd while it is inserted.

    start() readies the card, insert() puts it in the reader (connects to
    vpcd), remove() pulls it out (closes the connection), stop() removes it
    and ends the thread. Also a context manager (start/stop).
    """

    def __init__(
        self,
        data: CardData,
        *,
        host: str = VPCD_HOST,
        port: int = VPCD_PORT,
        fault: CardFault = CardFault.NONE,
        t0: T0 | None = None,
    ) -> None:
        self.data = data
        self.fault = fault
        self.atr = make_atr(data.historical, t1=t0 is None)
        self._address = (host, port)
        self._applet: _Applet = data.applet() if t0 is None else _T0Card(data.applet(), t0)
        self._lock = threading.Condition()
        self._inserted = False
        self._stopping = False
        self._sock: socket.socket | None = None
        self._connected = threading.Event()
        self._disconnected = threading.Event()
        self._disconnected.set()
        self._thread: threading.Thread | None = None
        self.apdus_received = 0
        """How many command APDUs reached the card (answered or not)."""

    def __enter__(self) -> VirtualCard:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the virtual card is already started")
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="virtual-card", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Pull the card out and end its thread; safe to call twice."""
        if self._thread is None:
            return
        with self._lock:
            self._stopping = True
            self._inserted = False
            self._lock.notify_all()
        self._hang_up()
        self._thread.join()
        self._thread = None

    def insert(self, timeout: float = 10.0) -> None:
        """Put the card in the reader: returns once vpcd took the connection."""
        if self._thread is None:
            raise RuntimeError("start() the virtual card before inserting it")
        with self._lock:
            self._inserted = True
            self._lock.notify_all()
        if not self._connected.wait(timeout):
            raise VirtualCardError(f"vpcd does not accept a card on {self._address}")

    def remove(self, timeout: float = 10.0) -> None:
        """Pull the card out: returns once the connection to vpcd is closed."""
        with self._lock:
            self._inserted = False
            self._lock.notify_all()
        self._hang_up()
        if not self._disconnected.wait(timeout):
            raise VirtualCardError("the card's connection did not close")

    def _hang_up(self) -> None:
        """Wake the serving thread out of recv(); it closes the socket itself."""
        with self._lock:
            sock = self._sock
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed by the other side
                sock.shutdown(socket.SHUT_RDWR)

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._inserted or self._stopping)
                if self._stopping:
                    return
            sock = self._connect()
            if sock is None:
                with self._lock:
                    self._lock.wait(_RETRY_CONNECT_SECONDS)
                continue
            try:
                self._serve(sock)
            finally:
                with self._lock:
                    self._sock = None
                sock.close()
                self._connected.clear()
                self._disconnected.set()

    def _connect(self) -> socket.socket | None:
        try:
            sock = socket.create_connection(self._address, timeout=1.0)
        except OSError:
            return None
        sock.settimeout(None)
        with self._lock:
            if not self._inserted:
                sock.close()
                return None
            self._sock = sock
        self._applet.reset()
        self._disconnected.clear()
        self._connected.set()
        return sock

    def _serve(self, sock: socket.socket) -> None:
        while True:
            header = _recv_exact(sock, 2)
            if header is None:
                return
            payload = _recv_exact(sock, struct.unpack(">H", header)[0])
            if payload is None:
                return
            answer = self._answer(payload)
            if answer is not None:
                try:
                    sock.sendall(struct.pack(">H", len(answer)) + answer)
                except OSError:
                    return

    def _answer(self, payload: bytes) -> bytes | None:
        if len(payload) == 1:
            if payload[0] == _CONTROL_ATR:
                return self.atr
            if payload[0] in (_CONTROL_POWER_ON, _CONTROL_RESET, _CONTROL_POWER_OFF):
                self._applet.reset()
            return None
        self.apdus_received += 1
        fault = self.fault
        if fault is CardFault.MUTE:
            return None
        if fault is CardFault.GARBAGE:
            return GARBAGE_ANSWER
        answer = self._applet.respond(payload)
        if fault is CardFault.BROKEN_TLV and payload[1:2] == b"\xb2" and answer[-2:] == SW_OK:
            return answer[:2] + SW_OK
        return answer


def _recv_exact(sock: socket.socket, size: int) -> bytes | None:
    """Exactly `size` bytes, or None once the connection is closed.

    Quick ACKs matter: vpcd writes a frame's length and its payload in two
    send() calls, so Nagle holds the payload back until the length is
    acknowledged; with Linux's delayed ACK that costs 40 ms per APDU. The
    option does not stick, hence before every recv().
    """
    chunks = bytearray()
    while len(chunks) < size:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            chunk = sock.recv(size - len(chunks))
        except OSError:
            return None
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)
