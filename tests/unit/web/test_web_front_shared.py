"""The local front serves web/shared/ under /shared/ on every site, the shared callback, the auth config."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from helpdesk_local.web import Front, Site

pytestmark = pytest.mark.unit

WEB = Path(__file__).resolve().parents[3] / "web"


def get(front: Front, host: str, path: str) -> tuple[str, bytes]:
    seen: dict[str, Any] = {}
    environ = {"HTTP_HOST": f"{host}.localhost:8080", "PATH_INFO": path}
    body = b"".join(front(environ, lambda status, headers: seen.update(status=status)))
    return seen["status"], body


@pytest.fixture
def front() -> Front:
    sites = [
        Site(host, WEB / folder, None) for host, folder in [("console", "console"), ("shop", "storefront")]
    ]
    built = Front(sites, None, None, {}, shared=WEB / "shared", auth_config={"clientId": "web-client"})  # type: ignore[arg-type]
    built.port = 8080
    return built


def test_each_site_serves_the_shared_modules_and_callback(front: Front) -> None:
    for host in ("console", "shop"):
        status, body = get(front, host, "/shared/session.js")
        assert status.startswith("200") and body == (WEB / "shared" / "session.js").read_bytes()
        assert get(front, host, "/callback.html")[1] == (WEB / "shared" / "callback.html").read_bytes()


def test_the_auth_config_names_the_sign_in_host_and_client(front: Front) -> None:
    status, body = get(front, "console", "/shared/auth-config.js")
    assert status.startswith("200")
    assert (
        '"clientId": "web-client"' in body.decode()
        and '"authUrl": "http://auth.localhost:8080"' in body.decode()
    )


def test_shared_does_not_reach_outside_web_shared(front: Front) -> None:
    assert get(front, "console", "/shared/../../pyproject.toml")[0].startswith("404")
    assert get(front, "console", "/shared/../console/index.html")[0].startswith("404")


def test_static_files_are_gzipped_when_the_browser_accepts_it_as_cloudfront_does(front: Front) -> None:
    seen: dict[str, Any] = {}
    environ = {
        "HTTP_HOST": "console.localhost:8080",
        "PATH_INFO": "/app.js",
        "HTTP_ACCEPT_ENCODING": "gzip, br",
    }
    body = b"".join(front(environ, lambda status, headers: seen.update(headers=dict(headers))))
    original = (WEB / "console" / "app.js").read_bytes()
    assert seen["headers"]["Content-Encoding"] == "gzip" and "Accept-Encoding" in seen["headers"]["Vary"]
    assert gzip.decompress(body) == original and len(body) < len(original) / 2
    assert int(seen["headers"]["Content-Length"]) == len(body)


def test_a_client_without_gzip_gets_the_file_as_it_is(front: Front) -> None:
    assert get(front, "console", "/app.js")[1] == (WEB / "console" / "app.js").read_bytes()
