"""What a vendor's answer means to the connectors, through a real loopback HTTP server."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from helpdesk.integrations.adapters.vendor_http import exchange
from helpdesk.integrations.ports import VendorRateLimited
from helpdesk.kernel.errors import Unavailable

pytestmark = pytest.mark.unit


class Refused(RuntimeError):
    pass


class Vendor(BaseHTTPRequestHandler):
    answers: dict[str, tuple[int, dict[str, str], bytes]] = {
        "/ok": (200, {}, b'{"id": 7}'),
        "/limited": (429, {"Retry-After": "12"}, b""),
        "/reset": (429, {"x-ratelimit-reset": "3"}, b""),
        "/down": (502, {}, b""),
        "/bad": (400, {}, b'{"error": "no such field"}'),
        "/busy": (503, {}, b'{"error": "QUERY_LIMIT_EXCEEDED"}'),
    }

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        status, headers, body = self.answers[self.path]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Vendor)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def ask(url: str, refused=lambda error: Refused(f"refused {error.code}")) -> bytes:  # type: ignore[no-untyped-def]
    return exchange(urllib.request.Request(url), "acme", "GET thing", refused)


def test_a_success_is_its_body(base: str) -> None:
    assert ask(f"{base}/ok") == b'{"id": 7}'


@pytest.mark.parametrize(("path", "wait"), [("/limited", 12), ("/reset", 3)])
def test_a_429_is_a_rate_limit_with_the_vendors_wait(base: str, path: str, wait: int) -> None:
    with pytest.raises(VendorRateLimited) as limited:
        ask(base + path)
    assert limited.value.retry_after == wait


def test_a_5xx_and_a_lost_connection_are_unavailable(base: str) -> None:
    with pytest.raises(Unavailable, match="acme answered 502"):
        ask(f"{base}/down")
    with pytest.raises(Unavailable, match="acme GET thing failed: URLError"):
        ask("http://127.0.0.1:9/nothing-listens")


def test_another_refusal_is_the_vendors_own_error(base: str) -> None:
    with pytest.raises(Refused, match="refused 400"):
        ask(f"{base}/bad")


def test_a_vendor_may_name_a_rate_limit_the_status_hides(base: str) -> None:
    def bitrix_like(error: urllib.error.HTTPError) -> Exception:
        if b"QUERY_LIMIT_EXCEEDED" in error.read():
            return VendorRateLimited("busy", 2)
        return Refused("other")

    with pytest.raises(VendorRateLimited):
        ask(f"{base}/busy", bitrix_like)
