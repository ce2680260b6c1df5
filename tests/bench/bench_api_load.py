"""Load on the APIs: the hottest routes (the live inbox's poll of every open console, the ticket page, license
validation) through the local stack's gateway over HTTP, and the same handlers in-process on moto with the
emulator's share of each request timed apart, so a regression in our own code shows through the emulator's.

Run: `make bench` (or `.venv/bin/pytest -m bench -p no:xdist -s tests/bench/bench_api_load.py`)."""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.bench import http_load
from tests.bench.bench_commerce_http import buy_license
from tests.bench.report import write_section
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.bench
SECONDS = 8
IN_PROCESS_RUNS = 40
SINCE = "2026-01-01T00:00:00%2B00:00"  # the live inbox's poll, as tests/bench/cost_calls.py makes it


def test_load_on_the_hottest_routes(tmp_path: Path) -> None:
    os.environ["LICENSE_VALIDATE_PER_MINUTE"] = "100000000"  # measure the path, not the 429s
    try:
        http_rows = _over_http(tmp_path)
        split_rows = _in_process()
    finally:
        os.environ.pop("LICENSE_VALIDATE_PER_MINUTE", None)
    load = os.getloadavg()
    write_section(
        "Load on the APIs",
        "\n".join(
            [
                "`tests/bench/bench_api_load.py`. Over HTTP: `helpdesk local up` in a child process (demo data),"
                f" keep-alive connections, {SECONDS} s per row; each request goes through the local gateway"
                " (REST proxy event, the Cognito authorizer's token check), the function and moto in server"
                " mode. In-process: the same handlers on the template's resources in moto (`mock_aws`),"
                f" {IN_PROCESS_RUNS} requests after a warm-up, the time inside moto measured apart.",
                "",
                f"Load average at the end: {load[0]:.1f} (1 min) / {load[1]:.1f} (5 min) on 2 cores.",
                "",
                "| route | client threads | requests/s | p50 ms | p99 ms | failures |",
                "| --- | ---: | ---: | ---: | ---: | ---: |",
                *http_rows,
                "",
                "In-process, per request (mean ms): what our code costs and what the emulator costs.",
                "",
                "| route | AWS requests | total ms | in moto ms | our code ms |",
                "| --- | ---: | ---: | ---: | ---: |",
                *split_rows,
                "",
                "On AWS the moto column becomes DynamoDB's few milliseconds per request; the last column is what"
                " a Lambda spends of its own, and what a change to the handlers moves.",
            ]
        ),
    )


# ------------------------------------------------------------------ over HTTP
def _over_http(tmp_path: Path) -> list[str]:
    local = LocalProcess(tmp_path).start()
    try:
        key = buy_license(local)
        token = local.token("anna@helpdesk.localhost")
        status, listed = local.api("console", "GET", "/tickets", token)
        assert status == 200, listed
        ticket_id = listed["items"][0]["id"]
        routes = {
            "inbox poll": ("console", "GET", f"/api/tickets?updated_since={SINCE}", None, token),
            "ticket page": ("console", "GET", f"/api/tickets/{ticket_id}", None, token),
            "license validate": (
                "api",
                "POST",
                "/public/licenses/validate",
                {"key": key, "product": "seo-pro", "domain": "bench.example", "nonce": "bench"},
                None,
            ),
        }
        rows = []
        for name, route in routes.items():
            _hammer(local, route, 1, seconds=1.0)  # warm-up: imports, caches, moto's first requests
            for threads in (1, 4):
                count, latencies, failures = _hammer(local, route, threads)
                cuts = statistics.quantiles(latencies, n=100)
                rows.append(
                    f"| {name} | {threads} | {count / SECONDS:.0f} | {cuts[49] * 1000:.1f} "
                    f"| {cuts[98] * 1000:.1f} | {failures} |"
                )
                assert failures == 0, name
        return rows
    finally:
        local.stop()


def _hammer(
    local: LocalProcess, route: tuple[str, str, str, Any, str | None], threads: int, seconds: float = SECONDS
) -> tuple[int, list[float], int]:
    host, method, path, body, token = route
    headers = {"Host": f"{host}.localhost:{local.http_port}", "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body) if body is not None else None
    load = http_load.hammer(local.http_port, (method, path, data, headers), threads, seconds)
    return load.count, load.latencies, load.failures


# ------------------------------------------------------------------ in-process, moto's share apart
class MotoClock:
    """The time spent inside moto's request handling (its botocore stub), per call, on this thread."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.requests = 0

    @contextmanager
    def installed(self) -> Iterator[None]:
        from moto.core.botocore_stubber import BotocoreStubber

        original = BotocoreStubber.__call__

        def timed(stub: Any, *args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(stub, *args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.requests += 1

        BotocoreStubber.__call__ = timed  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            BotocoreStubber.__call__ = original  # type: ignore[method-assign]


def _in_process() -> list[str]:
    from moto import mock_aws

    from tests.bench.cost_calls import Paths

    clock = MotoClock()
    rows = []
    with mock_aws(), clock.installed():
        paths = Paths()
        paths.mail_new_ticket()
        routes: dict[str, Callable[[], None]] = {
            "inbox poll": paths.inbox_poll,
            "ticket page": paths.ticket_page,
            "license validate": paths.license_validate,
        }
        for name, call in routes.items():
            call()  # warm-up: a warm Lambda's caches
            clock.seconds, clock.requests = 0.0, 0
            started = time.perf_counter()
            for _ in range(IN_PROCESS_RUNS):
                call()
            total = (time.perf_counter() - started) * 1000 / IN_PROCESS_RUNS
            moto = clock.seconds * 1000 / IN_PROCESS_RUNS
            rows.append(
                f"| {name} | {clock.requests / IN_PROCESS_RUNS:.1f} | {total:.1f} | {moto:.1f} "
                f"| {total - moto:.1f} |"
            )
    return rows
