"""How long identity checks take: token verification per request, a whole sign-in on the local server."""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from helpdesk.identity.services.rate_limits import Limit, RateLimiter
from helpdesk.settings import Settings
from helpdesk_local.auth.attempts_memory import MemoryAttemptCounter
from helpdesk_local.auth_server import make_auth_app

from tests.integration.auth_support import (
    BASE,
    CONSOLE,
    PASSWORD,
    Pool,
    authorize_url,
    cognito,
    exchange,
    form_fields,
    pkce,
    pool,
)
from tests.support import signing

pytestmark = pytest.mark.bench
__all__ = ["cognito", "pool"]

PERFORMANCE = Path(__file__).resolve().parents[2] / "docs" / "performance.md"
HEADING = "## Identity"


def write_section(lines: list[str]) -> None:
    text = PERFORMANCE.read_text() if PERFORMANCE.exists() else "# Performance\n"
    section = "\n".join([HEADING, "", *lines, ""])
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    PERFORMANCE.write_text(text)


def percentile(samples: list[float], q: float) -> float:
    return sorted(samples)[min(len(samples) - 1, int(q * len(samples)))]


def test_identity_timings(pool: Pool) -> None:
    verifier = signing.verifier()
    token = signing.id_token("u1", ["customer"], "org-a")
    verifier.principal(token)  # keys fetched once
    verify = []
    for _ in range(2000):
        started = time.perf_counter()
        verifier.principal(token)
        verify.append((time.perf_counter() - started) * 1e6)

    # The default limits would stop the same person signing in 30 times in five minutes.
    pool.app = make_auth_app(
        Settings(user_pool_id=pool.pool_id, region="eu-central-1"),
        pool.idp,
        {pool.client_id: [CONSOLE]},
        rate_limiter=RateLimiter(MemoryAttemptCounter(), {"sign_in": Limit(10**6, 300)}),
    )
    flows = []
    for _ in range(30):
        browser = pool.browser()
        started = time.perf_counter()
        verifier_value, challenge = pkce()
        fields = form_fields(browser.get(authorize_url(pool.client_id, CONSOLE, challenge)))
        answer = browser.post(f"{BASE}/login", data={**fields, "email": pool.email, "password": PASSWORD})
        code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
        assert exchange(pool, browser, code, verifier_value).status_code == 200
        flows.append((time.perf_counter() - started) * 1e3)

    write_section(
        [
            "Measured by `tests/bench/test_identity_bench.py` (`make bench`); 2 cores, shared.",
            "",
            "| what | median | p95 |",
            "| --- | --- | --- |",
            f"| verify an id token (RS256, cached key), build Principal | {statistics.median(verify):.0f} µs "
            f"| {percentile(verify, 0.95):.0f} µs |",
            f"| whole sign-in: authorize, form post, code exchange (in-process moto Cognito) "
            f"| {statistics.median(flows):.1f} ms | {percentile(flows, 0.95):.1f} ms |",
        ]
    )
