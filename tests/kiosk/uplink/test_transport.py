"""The transport against a central that misbehaves at the HTTP level, over real loopback.

Each promise of kiosk.uplink.transport, seen from outside: what the central
received, and what the caller got. One deadline for the whole exchange (a
central that says nothing, or drips, on a fresh connection or a kept-alive
one, in clear or over TLS), a ceiling on the body however it comes (declared,
chunked, compressed, endless), no redirect followed, nothing taken from the
environment, one connection kept for the next exchange and closed on close().
A second apiece: the mutation run's transport target is these (bench/mutation.py).
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import requests
from hostile_central import (
    Answer,
    HostileCentral,
    answer,
    drip,
    hold,
    hostile_central,
    raw,
    redirect,
)

from central.certs import CertFiles, make_certs
from kiosk.uplink.transport import CHUNK, AnswerTooLarge, DeadlineExceeded, Transport

LIMIT = 1024


@pytest.fixture
def central() -> Iterator[HostileCentral]:
    with hostile_central() as hostile:
        yield hostile



def transport(*, deadline: float = 5.0, read_timeout: float = 5.0,
              verify: str | bool = True) -> Transport:
    return Transport(verify=verify, timeouts=(2.0, read_timeout), deadline=deadline,
                     user_agent="kiosk-test/1")


def get(made: Transport, central: HostileCentral, limit: int = LIMIT):
    return made.exchange("GET", central.url + "/catalog", limit=limit)


def chunked(*parts: bytes, until: threading.Event | None = None) -> Answer:
    """A body without a declared length, in chunks; left open until `until` when given."""
    def send(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for part in parts:
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            handler.wfile.flush()
        if until is not None:
            until.wait(30)
            return
        handler.wfile.write(b"0\r\n\r\n")
    return send


def test_an_answer_comes_back_whole_and_the_central_gets_what_was_sent(central) -> None:
    central.queue(raw(201, b'{"case_no": "C-1"}', {"X-Seen": "yes"}))
    made = transport()
    got = made.exchange("POST", central.url + "/submissions", limit=LIMIT, json={"a": 1},
                        headers={"Idempotency-Key": "k-1"})
    assert (got.status, got.reason, got.content) == (201, "Created", b'{"case_no": "C-1"}')
    assert got.headers["x-seen"] == "yes"  # looked up without regard to case
    [sent] = central.received
    assert (sent.method, sent.path, sent.json()) == ("POST", "/kiosk/v1/submissions", {"a": 1})
    assert (sent.headers["User-Agent"], sent.headers["Idempotency-Key"]) == ("kiosk-test/1",
                                                                             "k-1")


def test_a_status_line_without_a_reason_gives_an_empty_reason(central) -> None:
    def bare(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(404, "")
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    central.queue(bare)
    got = get(transport(), central)
    assert (got.status, got.reason, got.content) == (404, "", b"")


def test_a_redirect_comes_back_as_an_answer_and_nothing_goes_elsewhere(central) -> None:
    with hostile_central() as elsewhere:
        elsewhere.otherwise = answer(200, {})
        central.queue(redirect(307, elsewhere.url + "/catalog"))
        got = get(transport(), central)
        assert (got.status, got.headers["Location"]) == (307, elsewhere.url + "/catalog")
        assert elsewhere.received == []


def test_a_body_of_exactly_the_limit_is_read_and_one_byte_more_is_refused_unread(
        central) -> None:
    central.queue(raw(200, b"x" * LIMIT), raw(200, b"x" * (LIMIT + 1)))
    made = transport()
    assert get(made, central).content == b"x" * LIMIT
    with pytest.raises(AnswerTooLarge, match=f"^the answer declares {LIMIT + 1} bytes; at most "
                                             f"{LIMIT} are read$"):
        get(made, central)


def test_a_length_announced_past_the_limit_is_refused_before_the_body_comes(
        central, released) -> None:
    def announce(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(10**9))
        handler.end_headers()
        handler.wfile.write(b"{}")
        handler.wfile.flush()
        released.wait(30)  # the rest never comes
    central.queue(announce)
    with pytest.raises(AnswerTooLarge, match="declares 1000000000 bytes"):
        get(transport(deadline=30.0, read_timeout=30.0), central)


def test_a_body_without_a_length_is_counted_as_it_comes(central) -> None:
    central.queue(chunked(b"x" * 1000, b"x" * 24), chunked(b"x" * 1000, b"x" * 25))
    made = transport()
    assert get(made, central).content == b"x" * LIMIT
    with pytest.raises(AnswerTooLarge, match=f"^the answer is larger than {LIMIT} bytes$"):
        get(made, central)


def test_an_endless_body_is_cut_at_the_limit_not_waited_for(central, released) -> None:
    central.queue(chunked(b"x" * (LIMIT + 1), until=released))
    with pytest.raises(AnswerTooLarge):
        get(transport(deadline=30.0, read_timeout=30.0), central)


def test_an_endless_body_that_ends_only_with_the_connection_is_cut_at_the_limit(
        central, released) -> None:
    def unbounded(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Connection", "close")  # no length, no chunks: read to the end
        handler.end_headers()
        handler.wfile.write(b"x" * CHUNK)  # one piece of the reader's, past the limit
        handler.wfile.flush()
        released.wait(30)  # and the end never comes
    central.queue(unbounded)
    with pytest.raises(AnswerTooLarge):  # at once, not waiting for an end that never comes
        get(transport(deadline=30.0, read_timeout=1.0), central)


def test_a_compressed_bomb_is_counted_after_decoding(central) -> None:
    bomb = gzip.compress(b"\0" * (64 * LIMIT))
    assert len(bomb) < LIMIT
    central.queue(raw(200, bomb, {"Content-Encoding": "gzip"}))
    with pytest.raises(AnswerTooLarge, match="larger than"):
        get(transport(), central)


def test_a_central_that_never_answers_is_cut_at_the_deadline(central, released) -> None:
    central.queue(hold(released))
    with pytest.raises(DeadlineExceeded, match=r"^no whole answer within 0\.5 s$"):
        get(transport(deadline=0.5, read_timeout=30.0), central)


def test_a_dripped_body_is_cut_at_the_deadline(central) -> None:
    central.queue(drip(200, b"x" * 100, every_s=0.05))
    with pytest.raises(DeadlineExceeded):
        get(transport(deadline=0.5, read_timeout=30.0), central)


def test_a_silence_past_the_read_timeout_is_no_answer_before_the_deadline(
        central, released) -> None:
    central.queue(hold(released))
    with pytest.raises(requests.ReadTimeout):
        get(transport(deadline=30.0, read_timeout=0.3), central)


def test_one_connection_serves_the_next_exchange_and_its_deadline_holds_there(
        central, released) -> None:
    made = transport(deadline=0.5, read_timeout=30.0)
    central.queue(answer(200, {}), answer(200, {}), hold(released))
    get(made, central)
    get(made, central)
    with pytest.raises(DeadlineExceeded):
        get(made, central)
    assert len({sent.peer for sent in central.received}) == 1


def test_a_finished_exchanges_deadline_does_not_reach_the_connection_it_leaves(
        central, released) -> None:
    made = transport(deadline=0.5)
    central.queue(answer(200, {}))
    get(made, central)
    with hostile_central() as other:  # waits out a deadline as long as the first one's
        other.queue(hold(released))
        with pytest.raises(DeadlineExceeded):
            get(transport(deadline=0.5), other)
    central.queue(answer(200, {}))
    get(made, central)
    first, second = central.received
    assert first.peer == second.peer  # the kept connection was not shut under it


def test_a_kiosk_that_ends_during_an_exchange_is_not_kept_alive_by_its_deadline(
        central, released) -> None:
    """A kiosk told to stop while a worker waits on the central ends then, not when the
    exchange's deadline (an hour here) would have passed."""
    central.queue(hold(released))
    ending = f"""
import threading, time
from kiosk.uplink.transport import Transport
made = Transport(verify=True, timeouts=(2.0, 3600.0), deadline=3600.0, user_agent="k")
threading.Thread(target=made.exchange, args=("GET", "{central.url}/catalog"),
                 kwargs={{"limit": 10}}, daemon=True).start()
while not any(isinstance(t, threading.Timer) for t in threading.enumerate()):
    time.sleep(0.01)  # until the exchange is under way
"""
    # from where this test's own kiosk came (a mutation run's copy, under a run)
    home = Path(sys.modules[Transport.__module__].__file__).parents[2]
    subprocess.run([sys.executable, "-c", ending], cwd=home, check=True,
                   timeout=60)  # a bound, not a wait


def test_close_hangs_up_and_a_transport_never_used_closes_quietly(central) -> None:
    transport().close()
    made = transport()
    central.queue(answer(200, {}))
    get(made, central)
    assert not central.hung_up.acquire(blocking=False)  # kept alive for the next one
    made.close()
    assert central.hung_up.acquire(timeout=10)


def test_nothing_is_taken_from_the_environment(central, tmp_path: Path, monkeypatch) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login kiosk password secret\n", encoding="utf-8")
    with hostile_central() as proxy:
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY"):
            monkeypatch.setenv(name, proxy.url.removesuffix("/kiosk/v1"))
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("NETRC", str(netrc))
        central.queue(answer(200, {}))
        get(transport(), central)
        assert proxy.received == []
    [sent] = central.received
    assert "Authorization" not in sent.headers


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> CertFiles:
    return make_certs(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def tls_central(certs) -> Iterator[HostileCentral]:
    central = HostileCentral(certificate=(certs.server_cert, certs.server_key))
    try:
        yield central
    finally:
        central.close()


def late(released: threading.Event, after_s: float) -> Answer:
    """A whole answer, `after_s` seconds late (within the read timeout), unless the test
    has its outcome by then: an exchange the deadline missed ends in a success."""
    def send(handler: BaseHTTPRequestHandler) -> None:
        if not released.wait(after_s):
            answer(200, {})(handler)
    return send


def test_over_tls_the_pinned_ca_is_used_and_the_deadline_holds(tls_central, certs,
                                                               released) -> None:
    made = transport(deadline=0.5, read_timeout=30.0, verify=str(certs.ca_cert))
    tls_central.queue(answer(200, {"ok": True}), late(released, 5.0))
    assert get(made, tls_central).content == b'{"ok": true}'
    with pytest.raises(DeadlineExceeded):
        get(made, tls_central)
    with pytest.raises(requests.exceptions.SSLError):  # the system's CAs never signed it
        get(transport(), tls_central)
