"""Running the app on a real socket, either as the main program or in a test's thread.

The kiosk side starts this server as a child process and learns the port from
one line on stdout, so nothing else is ever written to stdout (logs go to
stderr). The HTTP protocol class lends each connection's transport to the app
so that fault injection can reset a connection without sending a response.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from central.app import create_app
from central.faults import TRANSPORT_EXTENSION
from central.services import Services

_START_TIMEOUT_S = 15.0


class DroppableH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, with the connection's transport in each request's scope."""

    def connection_made(self, transport: Any) -> None:  # asyncio.Transport in practice
        super().connection_made(transport)
        app = self.app

        async def app_with_transport(scope: Any, receive: Any, send: Any) -> None:
            scope.setdefault("extensions", {})[TRANSPORT_EXTENSION] = transport
            await app(scope, receive, send)

        self.app = app_with_transport


@dataclass(frozen=True)
class TlsFiles:
    cert: str
    key: str


class _NotifyingServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_started = on_started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_started()


def bind(host: str, port: int) -> socket.socket:
    """A bound TCP socket; port 0 picks a free port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, not left 0: asyncio sets TCP_NODELAY on accepted connections only
    # when the listening socket says TCP, and without it each small response waits for the
    # client's delayed ACK (about 40 ms on Linux).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def url_of(sock: socket.socket, tls: TlsFiles | None) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"{'https' if tls else 'http'}://{shown}:{port}"


def make_server(services: Services, tls: TlsFiles | None, on_started: Callable[[], None],
                log_level: str = "warning", access_log: bool = False) -> uvicorn.Server:
    config = uvicorn.Config(
        create_app(services), http=DroppableH11Protocol, lifespan="off", log_config=None,
        log_level=log_level, access_log=access_log, timeout_graceful_shutdown=5,
        ssl_certfile=tls.cert if tls else None, ssl_keyfile=tls.key if tls else None,
    )
    return _NotifyingServer(config, on_started)


class ServerThread:
    """The server in a background thread of this process (for tests): use it with `with`."""

    def __init__(self, services: Services, host: str = "127.0.0.1",
                 tls: TlsFiles | None = None) -> None:
        self._sock = bind(host, 0)
        self.url = url_of(self._sock, tls)
        self._started = threading.Event()
        self._server = make_server(services, tls, self._started.set)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._sock]},
                                        name="central-server", daemon=True)

    def __enter__(self) -> ServerThread:
        self._thread.start()
        if not self._started.wait(_START_TIMEOUT_S):
            self.stop()
            raise RuntimeError("the central server did not start")
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(_START_TIMEOUT_S)
        self._sock.close()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
