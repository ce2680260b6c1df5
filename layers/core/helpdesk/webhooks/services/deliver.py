"""The delivery worker's use case: one signed attempt, its record, the next attempt or the give-up."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import timedelta

from helpdesk.kernel.clock import Clock
from helpdesk.webhooks.model.delivery import Attempt
from helpdesk.webhooks.model.signing import signed_headers
from helpdesk.webhooks.ports import (
    AdminAlerts,
    DeliveryQueue,
    DeliveryRequest,
    DeliveryStore,
    SubscriptionStore,
    WebhookSender,
)
from helpdesk.webhooks.views.queue import DeliveryRequested

EARLY_TOLERANCE = timedelta(seconds=1)


@dataclass(frozen=True)
class RetryPolicy:
    scale: float = 1.0  # < 1 compresses the ~3-day schedule (the local stack, tests, the benchmark)
    disable_after: timedelta = timedelta(days=5)


class DeliveryWorker:
    def __init__(
        self,
        subscriptions: SubscriptionStore,
        deliveries: DeliveryStore,
        queue: DeliveryQueue,
        sender: WebhookSender,
        alerts: AdminAlerts,
        clock: Clock,
        policy: RetryPolicy,
        rng: random.Random | None = None,
    ) -> None:
        self._subs, self._deliveries, self._queue = subscriptions, deliveries, queue
        self._sender, self._alerts, self._clock, self._policy = sender, alerts, clock, policy
        self._rng = rng or random.Random()

    def handle_message(self, message: DeliveryRequested) -> str:
        return self.handle(
            DeliveryRequest(message.delivery_id, message.attempts_seen, message.not_before, message.replay)
        )

    def handle(self, request: DeliveryRequest) -> str:
        """`delivered`, `retrying`, `failed`, `waiting` (re-queued until due) or `skipped` (stale or done)."""
        delivery = self._deliveries.get(request.delivery_id)
        now = self._clock.now()
        if delivery is None or delivery.state != "pending" or len(delivery.attempts) != request.attempts_seen:
            return "skipped"
        due = request.not_before or delivery.next_attempt_at
        if due is not None and due - now > EARLY_TOLERANCE:
            self._queue.enqueue(replace(request, not_before=due))
            return "waiting"
        sub = self._subs.get(delivery.subscription_id)
        if sub is None or not sub.enabled:
            self._deliveries.save(replace(delivery, state="failed", next_attempt_at=None))
            return "failed"
        body = delivery.body.encode()
        headers = signed_headers(sub.signing_secrets(now), delivery.event_id, int(now.timestamp()), body)
        result = self._sender.post(sub.url, headers | {"content-type": "application/json"}, body)
        attempt = Attempt(now, result.status, result.latency_ms, result.excerpt, replay=request.replay)
        delivery = delivery.recorded(attempt, self._clock.now(), self._policy.scale, self._rng)
        self._deliveries.save(delivery)
        if attempt.ok:
            self._subs.save_health(sub.succeeded(now))
            return "delivered"
        after = sub.failed(now, self._policy.disable_after)
        self._subs.save_health(after)
        if sub.enabled and not after.enabled:
            self._alerts.subscription_disabled(after)
        if delivery.state == "pending":
            self._queue.enqueue(
                DeliveryRequest(delivery.id, len(delivery.attempts), delivery.next_attempt_at)
            )
            return "retrying"
        return "failed"
