"""One local HTTP front on one port, dispatched by host name, so cross-domain behaviour is real:

api.localhost/<base>/...   the APIs (StaffApi under /staff, ...)
<site>.localhost           a static site from web/ (buckets with Metadata.LocalSite); /api/* goes to its API
mail.localhost             the local mail viewer (what SES sent)
schedules.localhost        one more tick of a scheduled function (schedules_host.py)
auth.localhost             the central sign-in (when the identity module is present)
localhost                  an index of everything
"""

from __future__ import annotations

import gzip
import html
import json
import mimetypes
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpdesk.api.security_headers import api_headers, page_headers, with_headers

from helpdesk_local.gateway import Gateway
from helpdesk_local.mailviewer import STYLE as MAIL_VIEWER_STYLE
from helpdesk_local.mailviewer import MailViewer

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass
class Site:
    host: str  # first label, e.g. "console"
    directory: Path
    api: str | None  # logical id of the API its /api/* reaches


class Front:
    def __init__(
        self,
        sites: list[Site],
        gateway: Gateway,
        viewer: MailViewer,
        apis: dict[str, str],
        extra_hosts: dict[str, Wsgi] | None = None,
        shared: Path | None = None,
        auth_config: dict[str, str] | None = None,
        inline_styles: tuple[str, ...] = (),
        storage: str = "",
    ) -> None:
        self.inline_styles = (MAIL_VIEWER_STYLE, *inline_styles)  # server-rendered pages' <style>s
        self.shared = shared
        self.auth_config = auth_config or {}
        self.sites = {s.host: s for s in sites}
        self.gateway = gateway
        self.viewer = viewer
        self.apis = apis  # base path -> API logical id
        self.extra_hosts = extra_hosts or {}
        self.port = 0
        self.storage = storage  # where presigned S3 URLs point (the console PUTs release zips there)

    def url(self, host: str) -> str:
        return f"http://{host}.localhost:{self.port}" if host else f"http://localhost:{self.port}"

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Every answer of every host leaves with the shared security headers (api/security_headers.py)."""
        label = _label(environ)
        path = environ.get("PATH_INFO") or "/"
        is_api = label == "api" or (label in self.sites and (path == "/api" or path.startswith("/api/")))
        wanted = api_headers() if is_api else self._page_headers()

        def secured(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            return start_response(status, with_headers(list(headers), wanted), *rest)

        return self._route(environ, secured)

    def _page_headers(self) -> dict[str, str]:
        origins = [self.url(h) for h in [*sorted(self.sites), *sorted(self.extra_hosts), "mail", "api", ""]]
        connect = [self.url("auth"), *([self.storage] if self.storage else [])]
        return page_headers(connect=connect, forms=origins, inline_styles=self.inline_styles)

    def _route(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        label = _label(environ)
        path = environ.get("PATH_INFO") or "/"
        if label in self.extra_hosts:
            return self.extra_hosts[label](environ, start_response)
        if label == "api":
            base, _, rest = path.lstrip("/").partition("/")
            if base in self.apis:
                return self._api(self.apis[base], "/" + rest, environ, start_response)
            return _send(start_response, 404, "application/json", b'{"message": "no such API"}')
        if label == "mail":
            status, ctype, body = self.viewer.handle(path, environ.get("QUERY_STRING", ""))
            return _send(start_response, status, ctype, body)
        site = self.sites.get(label)
        if site is None:
            return _send(start_response, 200, "text/html; charset=utf-8", self._index())
        if site.api and (path == "/api" or path.startswith("/api/")):
            return self._api(site.api, path[4:] or "/", environ, start_response)
        if path == "/shared/auth-config.js":
            # What the deploy writes into each site's bucket on AWS: where to sign in, and as which client.
            config = {**self.auth_config, "authUrl": self.url("auth")}
            script = f"window.HELPDESK_AUTH = {json.dumps(config)};\n".encode()
            return _send(start_response, 200, "text/javascript; charset=utf-8", script, cache=False)
        if self.shared is not None and path.startswith("/shared/"):
            return self._static(self.shared, path[len("/shared") :], start_response, environ)
        if (
            self.shared is not None
            and path == "/callback.html"
            and not (site.directory / "callback.html").exists()
        ):
            return self._static(self.shared, path, start_response, environ)
        return self._static(site.directory, path, start_response, environ)

    def _api(
        self, api: str, path: str, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        environ = {**environ, "PATH_INFO": path}
        status, headers, body = self.gateway.handle(api, environ)
        start_response(f"{status} {_reason(status)}", headers + [("Content-Length", str(len(body)))])
        return [body]

    def _static(
        self, directory: Path, path: str, start_response: Callable[..., Any], environ: dict[str, Any]
    ) -> Iterable[bytes]:
        target = (directory / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(directory.resolve()) or not target.is_file():
            return _send(start_response, 404, "text/plain", b"not found")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith("javascript"):
            ctype += "; charset=utf-8"
        body = target.read_bytes()
        if _compressible(ctype) and "gzip" in environ.get("HTTP_ACCEPT_ENCODING", ""):
            # As CloudFront does for these sites (Compress: true in template.yaml), so page weights and load
            # times measured locally are the deployed ones.
            encoded = [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
            return _send(start_response, 200, ctype, gzip.compress(body, 6), cache=False, extra=encoded)
        return _send(start_response, 200, ctype, body, cache=False)

    def _index(self) -> bytes:
        links = [(f"{h}", self.url(h)) for h in sorted(self.sites)] + [("mail viewer", self.url("mail"))]
        links += [(f"API /{b}", f"{self.url('api')}/{b}/health") for b in sorted(self.apis)]
        items = "".join(f'<li><a href="{html.escape(u)}">{html.escape(n)}</a></li>' for n, u in links)
        return (
            f"<!doctype html><title>Helpdesk local</title><h1>Helpdesk (local)</h1><ul>{items}</ul>".encode()
        )


def _label(environ: dict[str, Any]) -> str:
    return str(environ.get("HTTP_HOST", "localhost")).split(":")[0].removesuffix("localhost").rstrip(".")


COMPRESSED = {"application/javascript", "application/json", "image/svg+xml"}


def _compressible(ctype: str) -> bool:
    media = ctype.split(";")[0]
    return media.startswith("text/") or media in COMPRESSED


def _send(
    start_response: Callable[..., Any],
    status: int,
    ctype: str,
    body: bytes,
    cache: bool = True,
    extra: list[tuple[str, str]] | None = None,
) -> Iterable[bytes]:
    headers = [("Content-Type", ctype), ("Content-Length", str(len(body))), *(extra or [])]
    if not cache:
        headers.append(("Cache-Control", "no-store"))
    start_response(f"{status} {_reason(status)}", headers)
    return [body]


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
