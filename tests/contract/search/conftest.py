"""The OpenSearch the contract runs against: a real one when OPENSEARCH_URL is set, else the in-memory
stand-in that checks every request against OpenSearch's published API description."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def opensearch_url() -> Iterator[str]:
    url = os.environ.get("OPENSEARCH_URL")
    if url:
        yield url
        return
    from helpdesk_local.opensearch_standin import serve_opensearch_standin

    _, url, stop = serve_opensearch_standin()
    yield url
    stop()
