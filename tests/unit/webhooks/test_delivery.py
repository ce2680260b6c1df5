"""The delivery worker and the admin desk over in-memory adapters: retries with back-off, the attempt log,
replay with the same webhook-id, the automatic disable with a mail, stale and early queue messages."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.webhooks.model.delivery import RETRY_SCHEDULE
from helpdesk.webhooks.model.events import WebhookEvent
from helpdesk.webhooks.ports import DeliveryRequest
from helpdesk.webhooks.public import DeliveryWorker, RetryPolicy, WebhookDesk
from helpdesk.webhooks.services.fanout import fan_out
from standardwebhooks.webhooks import Webhook

from tests.fakes.webhooks.memory_webhooks import (
    MemoryDeliveries,
    MemoryQueue,
    MemorySubscriptions,
    RecordingAlerts,
    ScriptedSender,
)

pytestmark = pytest.mark.unit


class Clock:
    def __init__(self) -> None:
        self.at = datetime.now(UTC)

    def now(self) -> datetime:
        return self.at


class World:
    def __init__(self, statuses: list[int | None], disable_after: timedelta = timedelta(days=5)) -> None:
        self.clock, self.subs, self.deliveries = Clock(), MemorySubscriptions(), MemoryDeliveries()
        self.queue, self.sender, self.alerts = MemoryQueue(), ScriptedSender(statuses), RecordingAlerts()
        self.desk = WebhookDesk(self.subs, self.deliveries, self.queue, self.clock, allow_loopback_http=False)
        self.worker = DeliveryWorker(
            self.subs,
            self.deliveries,
            self.queue,
            self.sender,
            self.alerts,
            self.clock,
            RetryPolicy(1.0, disable_after),
            random.Random(1),
        )

    def event(self, event_type: str = "ticket.created", scope: dict[str, str] | None = None) -> WebhookEvent:
        return WebhookEvent(
            "msg_e1", event_type, self.clock.now(), "ticket", "t1", "1", {"id": "t1"}, scope or {}
        )

    def run_due(self) -> list[str]:
        """Hands every queued request to the worker once, moving the clock as SQS would: to when it is due,
        but at most 15 minutes (its longest delay)."""
        outcomes = []
        for request in self.queue.take():
            if request.not_before and request.not_before > self.clock.at:
                self.clock.at = min(request.not_before, self.clock.at + timedelta(seconds=900))
            outcomes.append(self.worker.handle(request))
        return outcomes


def test_500_twice_then_200_is_three_attempts_spaced_by_the_schedule_with_one_webhook_id() -> None:
    w = World([500, 500, 200])
    sub = w.desk.create("https://hooks.example/in", ["ticket.created"], "CRM", {})
    secret = sub.secrets[0].value
    assert fan_out([w.event()], w.subs.all(), w.deliveries, w.queue, w.clock) == 1
    started = w.clock.at
    assert w.run_due() + w.run_due() + w.run_due() == ["retrying", "retrying", "delivered"]
    (delivery,) = w.desk.deliveries(sub.id, None, 10)
    assert [a.status for a in delivery.attempts] == [500, 500, 200] and delivery.state == "delivered"
    waits = [
        (b.at - a.at).total_seconds() for a, b in zip(delivery.attempts, delivery.attempts[1:], strict=False)
    ]
    assert 0.8 * RETRY_SCHEDULE[0] <= waits[0] <= 1.2 * RETRY_SCHEDULE[0]
    assert 0.8 * RETRY_SCHEDULE[1] <= waits[1] <= 1.2 * RETRY_SCHEDULE[1]
    assert delivery.attempts[0].at == started
    ids = {headers["webhook-id"] for _, headers, _ in w.sender.sent}
    assert ids == {"msg_e1"}
    _, headers, body = w.sender.sent[0]  # the later ones carry their (simulated) later timestamps
    Webhook(secret).verify(body, headers)
    assert w.subs.get(sub.id).health() == "healthy"  # type: ignore[union-attr]


def test_the_whole_schedule_spans_about_three_days_then_the_delivery_fails() -> None:
    assert 2.5 * 86400 < sum(RETRY_SCHEDULE) < 3.5 * 86400
    w = World([503], disable_after=timedelta(days=30))
    w.desk.create("https://hooks.example/in", ["ticket.created"], "", {})
    fan_out([w.event()], w.subs.all(), w.deliveries, w.queue, w.clock)
    outcomes: list[str] = []
    while w.queue.requests:
        outcomes += w.run_due()
    assert outcomes.count("retrying") == len(RETRY_SCHEDULE) and outcomes[-1] == "failed"
    assert outcomes.count("waiting") > 0  # waits past 15 minutes came back to the queue first


def test_failing_for_days_disables_the_subscription_and_mails_the_admins_once() -> None:
    w = World([500], disable_after=timedelta(days=1))
    sub = w.desk.create("https://hooks.example/in", ["ticket.created"], "", {})
    fan_out([w.event()], w.subs.all(), w.deliveries, w.queue, w.clock)
    while w.queue.requests:
        w.run_due()
    stored = w.subs.get(sub.id)
    assert stored is not None and not stored.enabled and stored.health() == "disabled"
    assert [s.id for s in w.alerts.disabled] == [sub.id]
    assert fan_out([w.event()], w.subs.all(), w.deliveries, w.queue, w.clock) == 0


def test_replay_sends_the_same_body_and_webhook_id_again_and_is_logged_as_a_replay() -> None:
    w = World([200])
    sub = w.desk.create("https://hooks.example/in", ["ticket.created"], "", {})
    fan_out([w.event()], w.subs.all(), w.deliveries, w.queue, w.clock)
    w.run_due()
    (delivery,) = w.desk.deliveries(sub.id, None, 10)
    w.desk.replay(sub.id, delivery.id)
    assert w.run_due() == ["delivered"]
    (first, second) = w.sender.sent
    assert first[1]["webhook-id"] == second[1]["webhook-id"] and first[2] == second[2]
    assert [a.replay for a in w.deliveries.get(delivery.id).attempts] == [False, True]  # type: ignore[union-attr]
    assert w.desk.replay_since(sub.id, delivery.created_at) == 1


def test_a_foreign_or_unknown_delivery_answers_not_found_alike() -> None:
    w = World([200])
    mine = w.desk.create("https://hooks.example/a", ["ticket.created"], "", {})
    other = w.desk.create("https://hooks.example/b", ["ticket.created"], "", {})
    fan_out([w.event()], w.subs.all(), w.deliveries, w.queue, w.clock)
    foreign = w.desk.deliveries(other.id, None, 10)[0].id
    errors = []
    for delivery_id in (foreign, "dlv_unknown"):
        with pytest.raises(Exception) as raised:
            w.desk.replay(mine.id, delivery_id)
        errors.append((type(raised.value), str(raised.value).replace(delivery_id, "X")))
    assert errors[0] == errors[1]


def test_fan_out_is_once_per_event_and_subscription_and_honours_types_and_filters() -> None:
    w = World([200])
    w.desk.create("https://hooks.example/a", ["ticket.created"], "", {"mailbox": "sales"})
    w.desk.create("https://hooks.example/b", ["ticket.created"], "", {})
    w.desk.create("https://hooks.example/c", ["order.paid"], "", {})
    event = w.event(scope={"mailbox": "support"})
    assert fan_out([event], w.subs.all(), w.deliveries, w.queue, w.clock) == 1
    w.run_due()
    assert fan_out([event], w.subs.all(), w.deliveries, w.queue, w.clock) == 0
    assert [url for url, _, _ in w.sender.sent] == ["https://hooks.example/b"]


def test_a_stale_duplicate_request_is_dropped_and_a_done_delivery_is_not_sent_again() -> None:
    w = World([500, 200])
    w.desk.create("https://hooks.example/in", ["ticket.created"], "", {})
    fan_out([w.event()], w.subs.all(), w.deliveries, w.queue, w.clock)
    (request,) = w.queue.requests
    w.run_due()  # the first attempt fails and a retry is queued
    assert w.worker.handle(request) == "skipped"  # the same message again (SQS at-least-once)
    w.run_due()
    assert w.worker.handle(DeliveryRequest(request.delivery_id, 2)) == "skipped"
    assert len(w.sender.sent) == 2


def test_create_refuses_http_unknown_events_and_filters() -> None:
    w = World([200])
    for url, events, filter_ in [
        ("http://hooks.example/in", ["ticket.created"], {}),
        ("https://hooks.example/in", ["ticket.exploded"], {}),
        ("https://hooks.example/in", ["ticket.created"], {"colour": "red"}),
    ]:
        with pytest.raises(Invalid):
            w.desk.create(url, events, "", filter_)
    assert w.subs.all() == []


def test_send_test_reaches_only_that_subscription() -> None:
    w = World([200])
    sub = w.desk.create("https://hooks.example/a", ["order.paid"], "", {})
    w.desk.create("https://hooks.example/b", ["order.paid"], "", {})
    w.desk.send_test(sub.id)
    assert w.run_due() == ["delivered"] and w.sender.sent[0][0] == "https://hooks.example/a"
