"""Every local front answers with the shared security headers: sites, their /api, the API host, the mail
viewer, the sign-in and pay hosts; and the Chalice apps' own answers carry them on AWS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client
from helpdesk.api.app import new_app
from helpdesk.api.errors import mapped
from helpdesk.api.security_headers import style_hash
from helpdesk.kernel.errors import NotFound
from helpdesk_local.auth.pages import STYLE as SIGN_IN_STYLE
from helpdesk_local.mailviewer import STYLE as MAIL_VIEWER_STYLE
from helpdesk_local.web import Front, Site

pytestmark = pytest.mark.unit

WEB = Path(__file__).resolve().parents[3] / "web"


class Gateway:
    def handle(self, api: str, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        return 200, [("Content-Type", "application/json")], b"{}"


class Viewer:
    def handle(self, path: str, query: str) -> tuple[int, str, bytes]:
        return 200, "text/html; charset=utf-8", b"<h1>Mail</h1>"


def sign_in_host(environ: dict[str, Any], start: Any) -> list[bytes]:
    start("200 OK", [("Content-Type", "text/html"), ("X-Frame-Options", "SAMEORIGIN")])
    return [b"<h1>Sign in</h1>"]


def headers_of(front: Front, host: str, path: str) -> dict[str, str]:
    seen: dict[str, str] = {}
    environ = {"HTTP_HOST": f"{host}.localhost:8080", "PATH_INFO": path, "REQUEST_METHOD": "GET"}
    b"".join(front(environ, lambda status, headers: seen.update(headers)))
    return seen


@pytest.fixture
def front() -> Front:
    sites = [Site("console", WEB / "console", "StaffApi")]
    hosts = {"auth": sign_in_host, "pay": sign_in_host}
    built = Front(
        sites, Gateway(), Viewer(), {"staff": "StaffApi"}, hosts, WEB / "shared", {}, (SIGN_IN_STYLE,)
    )  # type: ignore[arg-type]
    built.port = 8080
    return built


@pytest.mark.parametrize(
    "host, path", [("console", "/"), ("console", "/app.js"), ("mail", "/"), ("auth", "/login"), ("pay", "/x")]
)
def test_pages_get_the_page_policy(front: Front, host: str, path: str) -> None:
    headers = headers_of(front, host, path)
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "connect-src 'self' http://auth.localhost:8080" in csp
    assert "http://console.localhost:8080" in csp.split("form-action")[1]  # sign-in redirects back there
    assert style_hash(SIGN_IN_STYLE) in csp and style_hash(MAIL_VIEWER_STYLE) in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == ("SAMEORIGIN" if host in ("auth", "pay") else "DENY")  # theirs kept
    assert headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize("host, path", [("console", "/api/tickets"), ("api", "/staff/tickets")])
def test_api_answers_get_the_api_policy(front: Front, host: str, path: str) -> None:
    headers = headers_of(front, host, path)
    assert headers["Content-Security-Policy"].startswith("default-src 'none'; frame-ancestors 'none'")
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_chalice_app_sends_them_on_answers_and_errors() -> None:
    app = new_app("headers", "https://console.example")
    app.route("/ok")(mapped(lambda: {"ok": True}))

    def missing() -> None:
        raise NotFound("no such thing")

    app.route("/missing")(mapped(missing))
    with Client(app) as client:
        for path, status in (("/ok", 200), ("/missing", 404)):
            answer = client.http.get(path)
            assert answer.status_code == status, json.loads(answer.body)
            assert answer.headers["X-Content-Type-Options"] == "nosniff"
            assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
