"""The local stack answers several requests at once in one process (on Lambda one environment answers one at
a time): each route must read its own request, not the one another thread started meanwhile. Two calls meet
inside the route before either reads its body, so a shared request object would hand both the same body."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from helpdesk.api.app import json_body, new_app
from helpdesk_local.events import api_event
from helpdesk_local.functions import lambda_context

pytestmark = pytest.mark.unit


def test_two_requests_answered_at_once_each_read_their_own_body() -> None:
    app = new_app("concurrent", "https://console.example")
    both_inside = threading.Barrier(2, timeout=10)

    @app.route("/echo", methods=["POST"])
    def echo() -> dict[str, Any]:
        both_inside.wait()
        return {"got": json_body(app)["n"]}

    answers: dict[int, Any] = {}

    def call(n: int) -> None:
        event = api_event(
            method="POST",
            path="/echo",
            resource="/echo",
            path_parameters=None,
            headers={"Content-Type": "application/json"},
            query=[],
            body=json.dumps({"n": n}).encode(),
            stage="local",
            source_ip="127.0.0.1",
            claims=None,
        )
        answers[n] = json.loads(app(event, lambda_context("concurrent", 3))["body"])

    threads = [threading.Thread(target=call, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert answers == {1: {"got": 1}, 2: {"got": 2}}
