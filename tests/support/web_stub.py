"""A stand-in for the local stack's HTTP front, for page-level browser tests of web/.

One loopback port, dispatched by Host like the real front: console/cabinet/shop serve web/<site> (and
/shared/ from web/shared), their /api/* goes to fixture routes, `auth` is a sign-in host that signs
everyone in at once, `pay` stands in for the payment page. Only the HTTP boundary is faked: the pages,
auth.js and the browser are real. Every API request is recorded for the tests to inspect.
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from helpdesk.api.security_headers import api_headers, page_headers, with_headers
from waitress.server import create_server

WEB = Path(__file__).resolve().parents[2] / "web"
SITES = {"console": "console", "cabinet": "cabinet", "shop": "storefront"}
TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}

Start = Callable[..., Any]
Reply = tuple[int, Any]


@dataclass(frozen=True)
class FileReply:
    """A route's answer that is a file, not JSON (a report export): sent as is, with its headers."""

    body: bytes
    headers: dict[str, str]


@dataclass
class ApiRequest:
    site: str
    method: str
    path: str
    query: dict[str, str]
    body: Any
    authorization: str


@dataclass
class Route:
    method: str
    pattern: re.Pattern[str]
    answer: Callable[..., Reply]  # called with the ApiRequest and the pattern's named groups


@dataclass
class WebStub:
    routes: dict[str, list[Route]] = field(default_factory=lambda: {site: [] for site in SITES})
    users: dict[str, dict[str, Any]] = field(default_factory=dict)  # site -> id-token claims
    requests: list[ApiRequest] = field(default_factory=list)
    config: dict[str, Any] = field(
        default_factory=lambda: {"clientId": "stub-web", "pollSeconds": 1, "sessionCheckSeconds": 2}
    )
    signed_in: bool = True
    port: int = 0
    public: set[tuple[str, str]] = field(default_factory=set)  # (site, path) its API answers without a token

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}.localhost:{self.port}{path}"

    def route(
        self, site: str, method: str, pattern: str, answer: Callable[..., Reply], first: bool = False
    ) -> None:
        """The first matching route answers; `first=True` puts a test's override before the fixtures."""
        entry = Route(method, re.compile(f"^{pattern}$"), answer)
        self.routes[site].insert(0, entry) if first else self.routes[site].append(entry)

    def calls(self, site: str, method: str, path: str) -> list[ApiRequest]:
        return [r for r in self.requests if (r.site, r.method, r.path) == (site, method, path)]

    def __call__(self, environ: dict[str, Any], given: Start) -> Iterable[bytes]:
        """With the local front's security headers, so a page that breaks its policy fails its tests."""
        host = environ.get("HTTP_HOST", "").split(":")[0].split(".")[0]
        path = environ.get("PATH_INFO") or "/"
        origins = [self.url(h, "") for h in [*SITES, "auth", "pay"]]
        wanted = api_headers() if path.startswith("/api/") else page_headers([self.url("auth", "")], origins)

        def start(status: str, headers: list[tuple[str, str]]) -> Any:
            return given(status, with_headers(headers, wanted))

        if host == "auth":
            origin = environ.get("HTTP_ORIGIN", "")

            def with_cors(status: str, headers: list[tuple[str, str]]) -> Any:
                return start(status, headers + ([("Access-Control-Allow-Origin", origin)] if origin else []))

            return self._auth(path, _query(environ), environ, with_cors)
        if host == "pay":
            return _send(
                start, 200, "text/html", b"<!doctype html><title>Pay</title><h1>Stub payment page</h1>"
            )
        if host not in SITES:
            return _send(start, 404, "text/plain", b"unknown host")
        if path == "/shared/auth-config.js":  # as the local front and the deploy write it
            script = f"window.HELPDESK_AUTH = {json.dumps({**self.config, 'authUrl': self.url('auth')})};"
            return _send(start, 200, "text/javascript", script.encode())
        if path == "/callback.html":
            return _static(WEB / "shared", path, start)
        if path == "/favicon.ico":  # Chromium asks for it on a non-HTML document (a download)
            return _send(start, 204, "image/x-icon", b"")
        if path.startswith("/api/"):
            return self._api(host, path[4:], environ, start)
        root = WEB / "shared" if path.startswith("/shared/") else WEB / SITES[host]
        return _static(root, path.removeprefix("/shared"), start)

    def _api(self, site: str, path: str, environ: dict[str, Any], start: Start) -> Iterable[bytes]:
        size = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(size) if size else b""
        request = ApiRequest(
            site,
            environ["REQUEST_METHOD"],
            path,
            _query(environ),
            json.loads(raw) if raw else None,
            environ.get("HTTP_AUTHORIZATION", ""),
        )
        self.requests.append(request)
        anonymous_ok = site == "shop" or (site, path) in self.public
        if not request.authorization.startswith("Bearer ") and not anonymous_ok:
            return _json(start, 401, {"message": "Unauthorized"})
        if (request.method, path) == ("POST", "/session/sign-out"):  # every site's API has it
            return _json(start, 200, {"signed_out": True})
        for route in self.routes[site]:
            found = route.pattern.match(path)
            if found and route.method == request.method:
                status, data = route.answer(request, **found.groupdict())
                return (
                    _file(start, status, data) if isinstance(data, FileReply) else _json(start, status, data)
                )
        return _json(start, 404, {"message": f"no stub for {request.method} {path}"})

    def _auth(
        self, path: str, query: dict[str, str], environ: dict[str, Any], start: Start
    ) -> Iterable[bytes]:
        if path == "/oauth2/authorize":
            site = query["redirect_uri"].split("//")[1].split(".")[0]
            if not self.signed_in and query.get("prompt") == "none":
                answer = {"error": "login_required", "state": query["state"]}
            else:
                self.signed_in = True
                answer = {"code": f"code-{site}", "state": query["state"]}
            return _redirect(start, f"{query['redirect_uri']}?{urlencode(answer)}")
        if path == "/oauth2/token":
            form = {
                k: v[0]
                for k, v in parse_qs(
                    environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)).decode()
                ).items()
            }
            site = (form.get("code") or form.get("refresh_token", "")).split("-", 1)[-1]
            if not self.signed_in or site not in self.users:
                return _json(start, 400, {"error": "invalid_grant"})
            return _json(
                start,
                200,
                {
                    "id_token": stub_jwt(self.users[site]),
                    "access_token": stub_jwt(self.users[site]),
                    "refresh_token": f"refresh-{site}",
                    "expires_in": 3600,
                    "token_type": "Bearer",
                },
            )
        if path == "/oauth2/revoke":
            return _json(start, 200, {})
        if path == "/logout":
            self.signed_in = False
            return _redirect(start, query["logout_uri"])
        return _send(start, 404, "text/plain", b"not found")


def stub_jwt(claims: dict[str, Any]) -> str:
    part = lambda data: base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()  # noqa: E731
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}.stub"


def _query(environ: dict[str, Any]) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}


def _static(root: Path, path: str, start: Start) -> Iterable[bytes]:
    target = (root / path.lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_relative_to(root.resolve()) or not target.is_file():
        return _send(start, 404, "text/plain", b"not found")
    return _send(start, 200, TYPES.get(target.suffix, "application/octet-stream"), target.read_bytes())


def _send(start: Start, status: int, ctype: str, body: bytes) -> Iterable[bytes]:
    charset = "; charset=utf-8" if ctype.startswith("text/") or ctype.endswith("json") else ""
    start(
        f"{status} {HTTPStatus(status).phrase}",
        [
            ("Content-Type", ctype + charset),
            ("Cache-Control", "no-store"),
            ("Content-Length", str(len(body))),
        ],
    )
    return [body]


def _file(start: Start, status: int, reply: FileReply) -> Iterable[bytes]:
    headers = {**reply.headers, "Content-Length": str(len(reply.body)), "Cache-Control": "no-store"}
    start(f"{status} {HTTPStatus(status).phrase}", list(headers.items()))
    return [reply.body]


def _json(start: Start, status: int, data: Any) -> Iterable[bytes]:
    return _send(start, status, "application/json", json.dumps(data, default=str).encode())


def _redirect(start: Start, location: str) -> Iterable[bytes]:
    start("302 Found", [("Location", location), ("Content-Length", "0")])
    return [b""]


@contextmanager
def serving(stub: WebStub) -> Iterator[WebStub]:
    server = create_server(stub, host="127.0.0.1", port=0, threads=8)
    stub.port = int(server.effective_port)  # type: ignore[union-attr]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.close()
        thread.join(timeout=5)
