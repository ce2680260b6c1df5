"""The local front serves web/shared/ under /shared/ on every site, and nothing outside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpdesk_local.web import Front, Site

pytestmark = pytest.mark.unit

WEB = Path(__file__).resolve().parents[2] / "web"


def get(front: Front, host: str, path: str) -> tuple[str, bytes]:
    seen: dict[str, Any] = {}
    body = b"".join(
        front({"HTTP_HOST": f"{host}.localhost:8080", "PATH_INFO": path}, lambda s, h: seen.update(status=s))
    )
    return seen["status"], body


@pytest.fixture
def front() -> Front:
    sites = [Site("console", WEB / "console", None), Site("shop", WEB / "storefront", None)]
    return Front(sites, gateway=None, viewer=None, apis={})  # type: ignore[arg-type]


def test_each_site_serves_the_shared_modules(front: Front) -> None:
    for host in ("console", "shop"):
        status, body = get(front, host, "/shared/session.js")
        assert status.startswith("200") and body == (WEB / "shared" / "session.js").read_bytes()


def test_shared_does_not_reach_outside_web_shared(front: Front) -> None:
    assert get(front, "console", "/shared/../../pyproject.toml")[0].startswith("404")
    assert get(front, "console", "/shared/../console/index.html")[0].startswith("404")
