"""schedules.localhost (local only): one more tick of a scheduled function, at a moment the caller chooses.

On AWS an EventBridge rule invokes the function on its `rate(...)` schedule, and what it does (the SLA sweep
waking a snoozed ticket, the access sweep expiring a grant) shows up to a whole period later. Tests and people
ask here for an extra tick instead of waiting for the next one: the same scheduled event, delivered by the
same scheduler thread, so two ticks of one function never overlap; the regular cadence goes on unchanged.

  POST /schedules/<FunctionLogicalId>/tick   {"at": "<ISO 8601 with zone>"?}: a tick then (default now): 202
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol

from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

ROUTES = Map([Rule("/schedules/<function>/tick", endpoint="tick", methods=["POST"])])


class Ticking(Protocol):
    def tick_at(self, delay: float) -> None: ...


class SchedulesHost:
    def __init__(self, schedulers: Callable[[], Mapping[str, Ticking]]) -> None:
        self.schedulers = schedulers  # read per request: the scheduler threads start after the web front

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        try:
            _, args = ROUTES.bind_to_environ(environ).match()
        except Exception as error:  # werkzeug's NotFound / MethodNotAllowed
            return Response(str(error), getattr(error, "code", 500))(environ, start_response)
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
