"""An extra tick of a scheduled function on request (schedules.localhost): at the asked moment, not before,
on the scheduler's own thread, and the regular cadence goes on as before; alarms evaluated on request, after
metrics that saw the queues as they are."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from helpdesk_local.delivery import Scheduler
from helpdesk_local.schedules_host import SchedulesHost
from werkzeug.test import EnvironBuilder

EVERY_MINUTE = {"Schedule": "rate(1 minute)"}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Function:
    name = "SlaSweepFunction"

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def invoke(self, event: dict[str, Any]) -> None:
        self.events.append(event)


def scheduler() -> tuple[Scheduler, Function, Clock]:
    fn, clock = Function(), Clock()
    return Scheduler(fn, EVERY_MINUTE, "eu-central-1", threading.Event(), clock=clock), fn, clock  # type: ignore[arg-type]


def test_an_asked_tick_comes_at_its_moment_and_the_cadence_stays() -> None:
    ticks, fn, clock = scheduler()
    ticks.tick_at(10)
    clock.now += 9.9
    assert not ticks.step() and fn.events == []
    clock.now += 0.1
    assert ticks.step() and fn.events[0]["detail-type"] == "Scheduled Event"
    assert not ticks.step()  # once
    clock.now = 1060.0  # the regular tick, a minute after the start, as without the asked one
    assert ticks.step() and len(fn.events) == 2


def test_an_asked_tick_after_a_regular_one_is_not_swallowed_by_it() -> None:
    ticks, fn, clock = scheduler()
    clock.now = 1059.0
    ticks.tick_at(2)  # due at 1061, after the regular tick at 1060
    clock.now = 1060.0
    assert ticks.step() and len(fn.events) == 1
    clock.now = 1061.0
    assert ticks.step() and len(fn.events) == 2


def test_a_waiting_scheduler_wakes_for_an_asked_tick() -> None:
    ticks, _, _ = scheduler()
    ticks.tick_at(0)
    waited = threading.Event()
    threading.Thread(target=lambda: (ticks.pause(30), waited.set()), daemon=True).start()
    assert waited.wait(5)


def call(host: SchedulesHost, path: str, body: dict[str, Any]) -> tuple[str, Any]:
    environ = EnvironBuilder(path=path, method="POST", json=body, base_url="http://schedules.localhost/")
    said: list[str] = []
    answer = b"".join(host(environ.get_environ(), lambda status, headers: said.append(status)))
    return said[0], json.loads(answer) if answer.startswith(b"{") else answer


def test_the_host_asks_the_named_function_for_a_tick_at_the_given_time() -> None:
    asked: list[float] = []

    class Asked:
        def tick_at(self, delay: float) -> None:
            asked.append(delay)

    host = SchedulesHost(lambda: {"SlaSweepFunction": Asked()})
    soon = (datetime.now(UTC) + timedelta(seconds=30)).isoformat()
    status, answer = call(host, "/schedules/SlaSweepFunction/tick", {"at": soon})
    assert status.startswith("202") and 25 < asked[0] <= 30 and answer["function"] == "SlaSweepFunction"
    assert call(host, "/schedules/SlaSweepFunction/tick", {})[0].startswith("202") and asked[1] == 0
    assert call(host, "/schedules/NoSuchFunction/tick", {})[0].startswith("404")
    assert call(host, "/schedules/SlaSweepFunction/tick", {"at": "2026-12-07T10:00"})[0].startswith("400")
    assert len(asked) == 2


class Periodic:
    def __init__(self) -> None:
        self.next_at, self.done_from = 10**9, 0.0


def test_alarms_are_evaluated_after_metrics_published_since_the_request() -> None:
    publisher, evaluator = Periodic(), Periodic()

    def publish_when_asked() -> None:  # the publisher's thread: runs once its next_at is due
        while publisher.next_at != 0.0:
            pass
        assert evaluator.next_at == 10**9  # the evaluation is asked for only after this publication
        publisher.done_from = time.monotonic()

    threading.Thread(target=publish_when_asked, daemon=True).start()
    host = SchedulesHost(lambda: {}, lambda: (publisher, evaluator))
    assert call(host, "/alarms/evaluate", {})[0].startswith("202")
    assert evaluator.next_at == 0.0
    assert call(SchedulesHost(lambda: {}), "/alarms/evaluate", {})[0].startswith("404")
