"""HTTP/1.1 keep-alive for the emulator's werkzeug server.

werkzeug's development server answers every request with `Connection: close`, because Python's http.server
cannot tell where an unread request body ends. So every boto3 call to the emulator paid a TCP connect, a
new server thread and a close: on an idle stack (pollers only) that was most of its CPU, see
docs/performance.md. Here each request body is bounded by its Content-Length and drained after the answer, so
the next request line is where the reader expects it, and the connection stays open. A chunked request
body, which cannot be bounded up front, still closes its connection.
"""

from __future__ import annotations

import socket
import threading
from typing import Any

IDLE_CONNECTION_SECONDS = 120  # a client that went away without closing frees its server thread after this


class OpenConnections:
    """The server's accepted sockets, so a stopped server also ends its kept-alive connections: otherwise a
    client's pooled connection would still reach the stopped server's app."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()

    def add(self, connection: socket.socket) -> None:
        with self._lock:
            self._open.add(connection)

    def discard(self, connection: socket.socket) -> None:
        with self._lock:
            self._open.discard(connection)

    def close_all(self) -> None:
        with self._lock:
            connections, self._open = list(self._open), set()
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def keep_alive_handler(base: type, connections: OpenConnections) -> type:
    """`base` (a werkzeug WSGIRequestHandler) that keeps HTTP/1.1 connections open between requests."""
    from werkzeug.wsgi import LimitedStream

    class KeepAliveHandler(base):  # type: ignore[misc,valid-type]
        timeout = IDLE_CONNECTION_SECONDS
        _body: Any = None

        def setup(self) -> None:
            super().setup()
            # werkzeug writes the header block and the body in separate sends: on a kept connection Nagle's
            # algorithm holds the body back for the client's delayed ACK, 40 ms per call.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connections.add(self.connection)

        def finish(self) -> None:
            connections.discard(self.connection)
            super().finish()

        def make_environ(self) -> dict[str, Any]:
            environ: dict[str, Any] = super().make_environ()
            if environ.get("wsgi.input_terminated"):  # chunked: its end is unknown until read
                return environ
            self._body = LimitedStream(self.rfile, int(environ.get("CONTENT_LENGTH") or 0))
            # werkzeug drains `self.rfile` after the answer (it expects to close); bounded, that drain reads
            # the rest of this body and stops where the next request begins.
            self._socket_reader, self.rfile = self.rfile, self._body
            environ["wsgi.input"] = self._body
            return environ

        def send_header(self, keyword: str, value: str) -> None:
            closing = keyword.lower() == "connection" and value.lower() == "close"
            if closing and self._body is not None and not self.close_connection:
                return  # werkzeug's blanket close; the body is bounded, so the connection can stay
            super().send_header(keyword, value)

        def run_wsgi(self) -> None:
            self._body = None
            try:
                super().run_wsgi()
            finally:
                if self._body is not None:
                    self.rfile = self._socket_reader
                    if not self.close_connection:
                        self._body.exhaust()  # what the app left unread must not become the next request line

    return KeepAliveHandler
