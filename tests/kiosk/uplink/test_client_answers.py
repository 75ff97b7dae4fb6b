"""What every answer of the central means to the kiosk: the client's request core.

Every operation goes through one request and one judgement of its answer;
these pin that judgement status by status, as the caller gets it (the
outcome's type and the text a technician reads), and what reached the
central, against a hostile double on loopback. A second apiece: the mutation
run's client target starts with these (bench/mutation.py).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hostile_central import HostileCentral, answer, hold, hostile_central, raw

from central.certs import make_certs
from kiosk.uplink.client import (
    ANSWER_LIMIT,
    CATALOG_LIMIT,
    USER_AGENT,
    CentralClient,
    CentralFault,
    CentralRejected,
    CentralRetryLater,
    CentralServerError,
    CentralUnauthorized,
    CentralUnreachable,
)


@pytest.fixture
def central() -> Iterator[HostileCentral]:
    with hostile_central() as hostile:
        yield hostile



def client_of(central: HostileCentral, *, token: str | None = "t",
              **options: float) -> CentralClient:
    return CentralClient(central.url, token=token, **{"connect_timeout": 1.0,
                                                      "read_timeout": 2.0, **options})


def probed(central: HostileCentral, *answers) -> object:
    """The probe's Response to the first of `answers`, or the CentralError raised."""
    central.queue(*answers)
    client = client_of(central)
    try:
        return client.probe()
    except Exception as exc:
        return exc
    finally:
        client.close()


@pytest.mark.parametrize("status", [200, 201, 299])
def test_a_success_comes_back_with_its_status_body_headers_and_bytes(central, status) -> None:
    got = probed(central, raw(status, b'{"version": "v1"}', {"ETag": '"v1"'}))
    assert (got.status, got.body, got.content) == (status, {"version": "v1"},
                                                   b'{"version": "v1"}')
    assert got.headers["etag"] == '"v1"'


@pytest.mark.parametrize("content", [b"", b"not json", b"[" * 100_000 + b"]" * 100_000])
def test_a_success_whose_body_is_no_json_has_none_and_keeps_its_bytes(central,
                                                                     content) -> None:
    got = probed(central, raw(200, content))
    assert (got.status, got.body, got.content) == (200, None, content)


def test_not_modified_is_a_success(central) -> None:
    central.queue(raw(304, b""))
    client = client_of(central)
    assert client.catalog('"v1"') == (None, '"v1"')
    assert central.received[0].headers["If-None-Match"] == '"v1"'


@pytest.mark.parametrize("status", [300, 301, 308, 399])
def test_a_redirect_or_any_3xx_is_a_fault_never_followed(central, status) -> None:
    got = probed(central, raw(status, b"", {"Location": "http://127.0.0.1:9/"}))
    assert type(got) is CentralFault
    assert str(got) == f"GET /catalog: HTTP {status} (redirects are not followed)"


@pytest.mark.parametrize(("body", "said"), [
    ({"title": "Unauthorized", "detail": "token revoked"}, "token revoked"),
    ({"title": "no such device", "detail": ""}, "no such device"),
    ({}, "401"),
    (["not", "a", "problem"], "Unauthorized"),  # the status line's reason
])
def test_401_means_re_provision_and_says_the_centrals_reason(central, body, said) -> None:
    got = probed(central, answer(401, body))
    assert type(got) is CentralUnauthorized and str(got) == said


@pytest.mark.parametrize(("status", "headers", "wait"), [
    (429, {"Retry-After": "7"}, 7.0), (503, {"Retry-After": "0"}, 0.0), (503, {}, None)])
def test_busy_is_a_wait_with_the_centrals_retry_after(central, status, headers,
                                                      wait) -> None:
    got = probed(central, answer(status, {"title": "busy"}, headers))
    assert type(got) is CentralRetryLater
    assert (got.status, got.retry_after) == (status, wait)


def test_a_retry_after_date_is_counted_from_now(central) -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    got = probed(central, answer(503, {}, {"Retry-After": later}))
    assert type(got) is CentralRetryLater and 60 < got.retry_after <= 120


@pytest.mark.parametrize("status", [500, 502, 504, 599])
def test_a_5xx_is_no_answer_that_names_the_request(central, status) -> None:
    got = probed(central, answer(status, {"title": "broken"}))
    assert type(got) is CentralServerError and isinstance(got, CentralUnreachable)
    assert str(got) == f"GET /catalog: HTTP {status}"


@pytest.mark.parametrize("status", [400, 404, 409, 422, 499])
def test_a_4xx_is_a_final_answer_with_the_centrals_problem(central, status) -> None:
    problem = {"title": "no", "status": status, "detail": "because"}
    got = probed(central, answer(status, problem))
    assert type(got) is CentralRejected and (got.status, got.problem) == (status, problem)
    assert str(got) == f"{status} no"


def test_a_4xx_problem_without_a_title_reads_as_its_status(central) -> None:
    got = probed(central, answer(409, {"status": 409, "detail": "taken"}))
    assert type(got) is CentralRejected and str(got) == "409"


@pytest.mark.parametrize("content", [b"<html>gateway</html>", b"[1, 2]"])
def test_a_4xx_without_a_problem_object_is_told_by_its_status_line(central,
                                                                   content) -> None:
    got = probed(central, raw(409, content))
    assert type(got) is CentralRejected
    assert got.problem == {"title": "Conflict", "status": 409}


def test_each_request_says_it_is_the_kiosk_and_carries_the_token_where_needed(
        central) -> None:
    probed(central, answer(200, {}))
    [sent] = central.received
    assert (sent.headers["Authorization"], sent.headers["User-Agent"]) == ("Bearer t",
                                                                           USER_AGENT)


def test_without_a_token_nothing_is_sent_but_enrolment_goes_without_one(central) -> None:
    client = client_of(central, token=None)
    with pytest.raises(CentralUnauthorized, match=r"^this kiosk has no device token; "
                                                  r"provision it first$"):
        client.probe()
    assert central.received == []
    central.queue(answer(201, {"device_id": "KD-1"}), answer(201, {"device_id": "KD-2"}))
    assert client.enroll(code="C", serial_number="S", model="M",
                         software_version="1") == {"device_id": "KD-1"}
    client.token = "t"  # an enrolled kiosk enrolling again sends no token either
    client.enroll(code="C", serial_number="S", model="M", software_version="1")
    assert ["Authorization" in sent.headers for sent in central.received] == [False, False]
    assert central.received[0].json() == {"enrollment_code": "C", "serial_number": "S",
                                          "model": "M", "software_version": "1"}


def test_an_answer_is_read_up_to_its_limit_and_a_catalog_up_to_its_own(central) -> None:
    client = client_of(central)
    exact, over = b" " * (ANSWER_LIMIT - 2) + b"{}", b" " * (ANSWER_LIMIT - 1) + b"{}"
    central.queue(raw(200, exact), raw(200, over), raw(200, over),
                  raw(200, b" " * (CATALOG_LIMIT + 1)))
    assert client.heartbeat({}) == {}
    with pytest.raises(CentralFault, match=f"^POST /heartbeats: the answer declares "
                                           f"{ANSWER_LIMIT + 1} bytes; at most {ANSWER_LIMIT} "
                                           "are read$"):
        client.heartbeat({})
    assert client.catalog() == ({}, None)
    with pytest.raises(CentralFault, match=f"at most {CATALOG_LIMIT} are read"):
        client.catalog()


def test_no_answer_in_time_is_unreachable_and_says_which_request(central, released) -> None:
    central.queue(hold(released), hold(released))
    with pytest.raises(CentralUnreachable, match=r"^GET /catalog: no whole answer within "
                                                 r"0\.5 s$"):
        client_of(central, read_timeout=30.0, deadline=0.5).probe()
    with pytest.raises(CentralUnreachable, match=r"^GET /catalog: ReadTimeout$"):
        client_of(central, read_timeout=0.3).probe()


def test_a_refused_connection_is_unreachable() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    client = CentralClient(f"http://127.0.0.1:{port}/kiosk/v1", token="t")
    with pytest.raises(CentralUnreachable, match=r"^POST /heartbeats: ConnectionError$"):
        client.heartbeat({})


def test_a_base_url_with_a_trailing_slash_and_one_the_kiosk_must_not_use(central) -> None:
    central.queue(answer(200, {}), answer(200, {}))
    CentralClient(central.url + "/", token="t").probe()
    CentralClient(central.url + "/X/", token="t").probe()  # only the slash goes
    assert [sent.path for sent in central.received] == ["/kiosk/v1/catalog",
                                                        "/kiosk/v1/X/catalog"]
    with pytest.raises(ValueError, match=r"^central URL 'ftp://central\.example': must be an "
                                         r"https:// URL with a host$"):
        CentralClient("ftp://central.example")


def test_without_a_ca_given_the_systems_are_trusted_never_none(tmp_path) -> None:
    certs = make_certs(tmp_path / "tls")
    central = HostileCentral(answer(200, {}), certificate=(certs.server_cert,
                                                            certs.server_key))
    try:
        with pytest.raises(CentralUnreachable, match="SSLError"):
            CentralClient(central.url, token="t").probe()
        assert CentralClient(central.url, token="t",
                             ca_bundle=str(certs.ca_cert)).probe().status == 200
    finally:
        central.close()


def test_close_hangs_up(central) -> None:
    client = client_of(central)
    probed(central)  # a client of its own, closed
    assert central.hung_up.acquire(timeout=10)
    central.queue(answer(200, {}))
    client.probe()
    client.close()
    assert central.hung_up.acquire(timeout=10)
