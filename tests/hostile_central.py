"""A central that breaks the contract on purpose, over real HTTP on 127.0.0.1.

The reference central is polite; this one answers each request with whatever
the test queued: a success with nulls, a redirect to another host, a body a
byte at a time, a body too large or too deep, a Retry-After of a century. It
records what it was sent, so a test can tell what reached it; and it can stand
in front of the reference central, passing the kiosk's requests on and changing
only the answer a test means to break.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

Answer = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    peer: tuple[str, int] = ("", 0)  # the kiosk's end of the connection: one per connection

    def json(self) -> Any:
        return json.loads(self.body)


def raw(status: int, body: bytes, headers: dict[str, str] | None = None) -> Answer:
    def send(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in {"Content-Type": "application/json",
                            "Content-Length": str(len(body)), **(headers or {})}.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
    return send


def answer(status: int, body: Any = None, headers: dict[str, str] | None = None) -> Answer:
    return raw(status, b"" if body is None else json.dumps(body).encode(), headers)


def redirect(status: int, location: str) -> Answer:
    return raw(status, b"", {"Location": location})


def drip(status: int, body: bytes, every_s: float) -> Answer:
    """Headers at once, then the body one byte every `every_s` seconds."""
    def send(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        for byte in body:
            try:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
            except OSError:
                return  # the client hung up, as it should
            time.sleep(every_s)
    return send


def hold(released: threading.Event) -> Answer:
    """Nothing at all, headers included, until the test has its outcome and releases it."""
    def send(_handler: BaseHTTPRequestHandler) -> None:
        released.wait(30)
    return send


# what is not passed on as it came: the connection's own headers, and a body the relay
# sends decoded with a length of its own
_HOP_BY_HOP = {"host", "connection", "content-length", "accept-encoding", "transfer-encoding",
               "content-encoding", "keep-alive"}


def relay(to: str, change: Callable[[str, bytes], bytes] = lambda _path, body: body) -> Answer:
    """Pass the request on to the central at `to` (its base URL) and its answer back, the
    body through `change(path, body)`: the reference central, but for what a test breaks."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(to))

    def send(handler: BaseHTTPRequestHandler) -> None:
        seen: Received = handler.seen  # type: ignore[attr-defined]
        reply = requests.request(seen.method, origin + seen.path, data=seen.body or None,
                                 headers={k: v for k, v in seen.headers.items()
                                          if k.lower() not in _HOP_BY_HOP},
                                 allow_redirects=False, timeout=30)
        headers = {k: v for k, v in reply.headers.items() if k.lower() not in _HOP_BY_HOP}
        raw(reply.status_code, change(seen.path, reply.content), headers)(handler)
    return send


@dataclass
class HostileCentral:
    """Answers queued answers in order, then `otherwise` (503 by default); over TLS with
    `certificate` (the server's certificate and key files)."""

    otherwise: Answer = field(default_factory=lambda: answer(503, {"title": "busy"}))
    received: list[Received] = field(default_factory=list)
    hung_up: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(0))
    certificate: tuple[Path, Path] | None = None

    def __post_init__(self) -> None:
        self._answers: deque[Answer] = deque()
        self._lock = threading.Lock()
        central = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.seen = Received(self.command, self.path, dict(self.headers),
                                     self.rfile.read(length), self.client_address)
                central._record(self.seen)
                central._next()(self)

            do_GET = do_POST = _serve

            def finish(self) -> None:
                super().finish()
                central.hung_up.release()  # the kiosk closed this connection

            def log_message(self, *_args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if self.certificate is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.certificate)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._server.daemon_threads = True
        # a short poll: close() waits for the loop to see it (0.5 s by default, every test)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,),
                                        daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        scheme = "http" if self.certificate is None else "https"
        return f"{scheme}://127.0.0.1:{self._server.server_address[1]}/kiosk/v1"

    def queue(self, *answers: Answer) -> None:
        with self._lock:
            self._answers.extend(answers)

    def _next(self) -> Answer:
        with self._lock:
            return self._answers.popleft() if self._answers else self.otherwise

    def _record(self, received: Received) -> None:
        with self._lock:
            self.received.append(received)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def hostile_central() -> Iterator[HostileCentral]:
    central = HostileCentral()
    try:
        yield central
    finally:
        central.close()
