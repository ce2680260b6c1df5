"""schedules.localhost (local only): one more tick of a scheduled function, at a moment the caller chooses.

On AWS an EventBridge rule invokes the function on its `rate(...)` schedule, and what it does (the SLA sweep
waking a snoozed ticket, the access sweep expiring a grant) shows up to a whole period later. Tests and people
ask here for an extra tick instead of waiting for the next one: the same scheduled event, delivered by the
same scheduler thread, so two ticks of one function never overlap; the regular cadence goes on unchanged.

  POST /schedules/<FunctionLogicalId>/tick   {"at": "<ISO 8601 with zone>"?}: a tick then (default now): 202
  POST /alarms/evaluate                       the SQS metrics published now, then every alarm evaluated: 202

CloudWatch publishes SQS metrics and evaluates alarms every minute (the stack: every 10 s); a test that
fills a dead-letter queue asks for both at once, in that order, each on its own thread.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol

from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

ROUTES = Map([
    Rule("/schedules/<function>/tick", endpoint="tick", methods=["POST"]),
    Rule("/alarms/evaluate", endpoint="evaluate", methods=["POST"]),
])  # fmt: skip
PUBLISHED_WITHIN = 30.0  # seconds: the metrics publisher's own step, on a loaded machine


class Ticking(Protocol):
    def tick_at(self, delay: float) -> None: ...


class Periodic(Protocol):
    """A worker that runs once `next_at` (monotonic) is due; `done_from`: when its last whole run began."""

    next_at: float
    done_from: float


class SchedulesHost:
    def __init__(
        self,
        schedulers: Callable[[], Mapping[str, Ticking]],
        alarms: Callable[[], tuple[Periodic, Periodic] | None] = lambda: None,
    ) -> None:
        # read per request: the worker threads start after the web front
        self.schedulers, self.alarms = schedulers, alarms

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        try:
            endpoint, args = ROUTES.bind_to_environ(environ).match()
        except Exception as error:  # werkzeug's NotFound / MethodNotAllowed
            return Response(str(error), getattr(error, "code", 500))(environ, start_response)
        if endpoint == "evaluate":
            body, status = self._evaluate()
        else:
            body, status = self._tick(args["function"], request.get_json(silent=True) or {})
        return Response(json.dumps(body), status, content_type="application/json")(environ, start_response)

    def _tick(self, function: str, asked: dict[str, Any]) -> tuple[dict[str, Any], int]:
        scheduler = self.schedulers().get(function)
        if scheduler is None:
            return {"error": f"{function} has no Schedule event here"}, 404
        try:
            at = datetime.fromisoformat(asked["at"]) if asked.get("at") else None
        except (TypeError, ValueError):
            return {"error": "at: an ISO 8601 time with its zone"}, 400
        if at is not None and at.tzinfo is None:
            return {"error": "at: an ISO 8601 time with its zone"}, 400
        delay = at.timestamp() - time.time() if at else 0.0
        scheduler.tick_at(delay)
        return {"function": function, "in_seconds": round(max(0.0, delay), 3)}, 202

    def _evaluate(self) -> tuple[dict[str, Any], int]:
        workers = self.alarms()
        if workers is None:
            return {"error": "no alarm evaluator here"}, 404
        publisher, evaluator = workers
        asked = time.monotonic()
        publisher.next_at = 0.0
        while publisher.done_from < asked:  # metrics that saw the queues as they are now
            if time.monotonic() - asked > PUBLISHED_WITHIN:
                return {"error": "the metrics publisher did not run"}, 503
            time.sleep(0.05)
        evaluator.next_at = 0.0
        return {"evaluating": True}, 202
