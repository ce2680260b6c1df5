"""Licensing over HTTP: POST /licenses/validate on the local stack (gateway, Chalice, rate limit, moto)."""

from __future__ import annotations

import json
import os
import re
import statistics
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.bench import http_load
from tests.bench.report import write_section
from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.bench
SECONDS = 8


def buy_license(local: LocalProcess) -> str:
    cart = {
        "items": [{"product": "seo-pro", "edition": "pro", "domains": ["bench.example"]}],
        "email": "bench@bench.example",
    }
    _, _, raw = local.request("shop", "POST", "/api/checkout", cart)
    url = urlsplit(json.loads(raw)["checkout_url"])
    _, _, page = local.request("pay", "GET", f"{url.path}?{url.query}")
    form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.decode()))
    local.request(
        "pay",
        "POST",
        f"{url.path}/pay",
        urlencode(form).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    _, _, mails = local.request("mail", "GET", "/api/messages?to=bench@bench.example")
    return re.search(r"HDL1\.\S+", json.loads(mails)[0]["text"]).group(0)  # type: ignore[union-attr]


def hammer(
    local: LocalProcess, key: str, threads: int, validate: bool = True
) -> tuple[int, list[float], int]:
    body = json.dumps({"key": key, "product": "seo-pro", "domain": "bench.example", "nonce": "bench"})
    headers = {"Host": f"api.localhost:{local.http_port}", "Content-Type": "application/json"}
    method, path, expected = (
        ("POST", "/public/licenses/validate", b'"valid"')
        if validate
        else ("GET", "/public/licenses/pubkey", b'"Ed25519"')
    )
    load = http_load.hammer(
        local.http_port,
        (method, path, body if validate else None, headers),
        threads,
        SECONDS,
        lambda status, answer: status == 200 and expected in answer,
    )
    return load.count, load.latencies, load.failures


def test_license_validation_over_http(tmp_path: Path) -> None:
    os.environ["LICENSE_VALIDATE_PER_MINUTE"] = "100000000"  # measure the path, not the 429s
    local = LocalProcess(tmp_path).start()
    try:
        key = buy_license(local)
        hammer(local, key, 1)  # warm up: imports, the signer, moto's first requests
        rows = []
        for route, validate, threads in [
            ("validate", True, 1),
            ("validate", True, 4),
            ("validate", True, 8),
            ("pubkey (no table access)", False, 1),
            ("pubkey (no table access)", False, 4),
        ]:
            count, latencies, failures = hammer(local, key, threads, validate)
            cuts = statistics.quantiles(latencies, n=100)
            rows.append(
                f"| {route} | {threads} | {count / SECONDS:.0f} | {cuts[49] * 1000:.1f} "
                f"| {cuts[98] * 1000:.1f} | {failures} |"
            )
            assert failures == 0
        load = os.getloadavg()[0]
    finally:
        os.environ.pop("LICENSE_VALIDATE_PER_MINUTE", None)
        local.stop()
    write_section(
        "Licensing over HTTP",
        "\n".join(
            [
                "`tests/bench/bench_commerce_http.py`: `POST /public/licenses/validate` on the local stack"
                f" (`helpdesk local up` in a child process), keep-alive connections, {SECONDS} s per row,"
                " 2 shared cores. Each request goes through the local gateway (REST proxy event), the Chalice"
                " app, the rate limiter (one UpdateItem) and LicensingService.validate (one consistent GetItem,"
                " one Ed25519 signature) against moto in server mode.",
                "",
                f"Load average at the end: {load:.1f} (other sessions share the machine).",
                "",
                "| route | client threads | requests/s | p50 ms | p99 ms | failures |",
                "| --- | ---: | ---: | ---: | ---: | ---: |",
                *rows,
                "",
                "The pubkey rows are the same stack without DynamoDB: the gap to the validate rows is mostly"
                " the two table calls to moto in server mode (HTTP, Python), which on AWS take a few ms each.",
            ]
        ),
    )
