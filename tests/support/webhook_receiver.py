"""A webhook receiver on loopback for tests: records every request; answers per path, `/flaky` failing the
first two attempts of each webhook-id with 500, `/random` failing a share of all requests at random."""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float  # time.time()
    status: int

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.body)  # type: ignore[no-any-return]


@dataclass
class Receiver:
    failure_rate: float = 0.3
    received: list[Received] = field(default_factory=list)
    tries: Counter[tuple[str, str]] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    rng: random.Random = field(default_factory=lambda: random.Random(19))

    def start(self) -> Receiver:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status = owner.answer(self.path, headers.get("webhook-id", ""))
                with owner.lock:
                    owner.received.append(Received(self.path, headers, body, time.time(), status))
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok" if status == 200 else b"receiver says no")

            def log_message(self, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def answer(self, path: str, webhook_id: str) -> int:
        with self.lock:
            self.tries[(path, webhook_id)] += 1
            tried = self.tries[(path, webhook_id)]
            if path.startswith("/flaky"):
                return 500 if tried <= 2 else 200
            if path.startswith("/random"):
                return 500 if self.rng.random() < self.failure_rate else 200
        return 200

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def at(self, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.path == path]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
