"""What the vendor stand-ins share: a WSGI app whose `/__standin/...` paths are the tests' controls and whose
other paths are the vendor's API, answered one request at a time and each recorded in `calls`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.wrappers import Request, Response


class RecordingStandin:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        if request.path.startswith("/__standin/"):
            return self._control(request)(environ, start_response)
        with self._lock:
            response = self._answer(request)
            self.calls.append(self._recorded(request, response))
        return response(environ, start_response)

    def _answer(self, request: Request) -> Response:
        raise NotImplementedError

    def _control(self, request: Request) -> Response:
        raise NotImplementedError

    def _recorded(self, request: Request, response: Response) -> tuple[Any, ...]:
        return (request.method, request.path, response.status_code)


def post_to_public_api(http_port: int, path: str, body: bytes, headers: dict[str, str]) -> int:
    """A vendor's webhook call to the stack's public API (api.localhost); its HTTP status."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
    try:
        conn.request("POST", path, body, {**headers, "Host": f"api.localhost:{http_port}"})
        return conn.getresponse().status
    finally:
        conn.close()


def serve_in_background(app: Any, name: str) -> int:
    """Serves `app` on a free loopback port in a daemon thread; the port."""
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=2, ident=name)
    threading.Thread(target=server.run, name=name, daemon=True).start()
    return int(server.effective_port)
