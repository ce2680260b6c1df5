"""Many keep-alive clients on one route of the local stack's HTTP front for a few seconds: requests/s, latencies."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Load:
    count: int
    latencies: list[float]
    failures: int


def hammer(
    port: int,
    request: tuple[str, str, str | None, dict[str, str]],
    threads: int,
    seconds: float,
    ok: Callable[[int, bytes], bool] = lambda status, _: status == 200,
) -> Load:
    """`request`: method, path, body, headers (with the site's Host)."""
    method, path, body, headers = request
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, failed = [], 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            answer = conn.getresponse()
            good = ok(answer.status, answer.read())
            mine.append(time.perf_counter() - started)
            failed += not good
        with lock:
            latencies.extend(mine)
            failures[0] += failed

    pool = [threading.Thread(target=client) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return Load(len(latencies), latencies, failures[0])
