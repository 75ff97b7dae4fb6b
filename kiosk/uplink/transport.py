"""HTTP to the central with one deadline per exchange and a ceiling on every answer.

requests' timeouts bound each wait for a byte, not the request: a server that
sends a byte a second holds a worker, or a citizen at the screen, for as long
as it likes, and requests reads a body whole however large it is. Here each
exchange gets one deadline, kept by shutting its socket down when it passes,
and its answer is read in pieces up to a limit.

Nothing here reads the environment: no proxy, no CA bundle and no .netrc from
variables a shell or a unit may set (REQUESTS_CA_BUNDLE, HTTPS_PROXY, ...).
The kiosk trusts the CA it was given at provisioning and talks to the central
its settings name, whatever the machine around it says. Redirects are never
followed: a 3xx comes back to the caller as an answer.

requests and urllib3 load at the first exchange (a worker thread's, after the
kiosk's window is drawn), not with this module.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import requests

CHUNK = 16 * 1024


class DeadlineExceeded(Exception):
    """The whole exchange did not finish in time; the socket was shut down."""


class AnswerTooLarge(Exception):
    """The answer's body is larger than the operation allows; it was not read on."""


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    headers: Mapping[str, str]  # requests' own: looked up without regard to case
    content: bytes


class _Watch:
    """The sockets one exchange uses, shut down when its deadline passes first."""

    def __init__(self, seconds: float) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        _current.watch = self
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._timer.cancel()
        _current.watch = None

    def add(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if self.expired:
                _shut(sock)
            elif sock not in self._sockets:
                self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


_current = threading.local()


def _shut(sock: socket.socket) -> None:
    """Wake the thread blocked on `sock`: shutdown, not close, reaches a blocked read. The
    plain socket's method, so a TLS socket's state is left to the thread that owns it."""
    with contextlib.suppress(OSError):  # already closed by the other side or its owner
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _watch_current(sock: socket.socket | None) -> None:
    watch = getattr(_current, "watch", None)
    if watch is not None:
        watch.add(sock)


def _session() -> requests.Session:
    """A session whose connections put their sockets under the exchange's deadline."""
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class Watched:
        def connect(self) -> None:
            super().connect()  # type: ignore[misc]
            _watch_current(self.sock)  # type: ignore[attr-defined]

        def request(self, *args: Any, **kwargs: Any) -> None:
            _watch_current(self.sock)  # type: ignore[attr-defined]  # a kept-alive connection
            super().request(*args, **kwargs)  # type: ignore[misc]

    class WatchedHTTP(Watched, HTTPConnection):
        pass

    class WatchedHTTPS(Watched, HTTPSConnection):
        pass

    class HTTPPool(HTTPConnectionPool):
        ConnectionCls = WatchedHTTP

    class HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = WatchedHTTPS

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": HTTPPool, "https": HTTPSPool}

    session = requests.Session()
    session.trust_env = False
    session.mount("http://", Adapter())
    session.mount("https://", Adapter())
    return session


class Transport:
    """One session: connection reuse, and one place for TLS, deadlines and limits."""

    def __init__(self, *, verify: str | bool, timeouts: tuple[float, float],
                 deadline: float, user_agent: str) -> None:
        self._verify = verify
        self._timeouts = timeouts
        self._deadline = deadline
        self._user_agent = user_agent
        self._made: requests.Session | None = None
        self._making = threading.Lock()

    @property
    def session(self) -> requests.Session:
        with self._making:
            if self._made is None:
                self._made = _session()
                self._made.headers["User-Agent"] = self._user_agent
                self._made.verify = self._verify
            return self._made

    def close(self) -> None:
        with self._making:
            if self._made is not None:
                self._made.close()

    def exchange(self, method: str, url: str, *, limit: int, **send: Any) -> Answer:
        """The answer to one request, whole, within the deadline and `limit` bytes of body.

        Raises DeadlineExceeded, AnswerTooLarge, or requests' own RequestException when
        there was no answer at all."""
        session = self.session
        with _Watch(self._deadline) as watch:
            try:
                reply = session.request(method, url, timeout=self._timeouts, stream=True,
                                        allow_redirects=False, **send)
                try:
                    content = _read_at_most(reply, limit)
                finally:
                    reply.close()
            except AnswerTooLarge:
                raise
            except Exception as exc:
                if watch.expired:
                    raise DeadlineExceeded(f"no whole answer within {self._deadline:g} s") \
                        from exc
                raise
        return Answer(reply.status_code, reply.reason or "", reply.headers, content)


def _read_at_most(reply: requests.Response, limit: int) -> bytes:
    declared = reply.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise AnswerTooLarge(f"the answer declares {declared} bytes; at most {limit} are read")
    body = bytearray()
    for chunk in reply.iter_content(CHUNK):
        body += chunk
        if len(body) > limit:  # counted after decoding, so a compressed bomb stops too
            raise AnswerTooLarge(f"the answer is larger than {limit} bytes")
    return bytes(body)
