"""company.localhost: a customer's own website, on an origin of its own, embedding the quote form with one
script tag from the shop's origin, as any site on the web would (docs/channels.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from helpdesk_local.parts import StackParts

PAGE = Path(__file__).resolve().parents[1] / "demo_site" / "index.html"


def make_company_host(stack: StackParts) -> Callable[..., Iterable[bytes]]:
    shop = f"http://shop.localhost:{stack.http_port}"
    # The embedding site's own policy must admit the widget's script and its calls to the shop's /api.
    csp = f"default-src 'self'; script-src 'self' {shop}; connect-src 'self' {shop}; frame-ancestors 'none'"

    def host(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        if path == "/favicon.ico":
            start_response("204 No Content", [])
            return [b""]
        if path not in ("/", "/index.html"):
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        body = PAGE.read_text().replace("{{SHOP}}", shop).encode()
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", csp),
                   ("Content-Length", str(len(body))), ("Cache-Control", "no-store")]  # fmt: skip
        start_response("200 OK", headers)
        return [body]

    return host
