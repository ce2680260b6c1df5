"""Events -> one delivery per matching subscription, stored once and queued."""

from __future__ import annotations

from collections.abc import Iterable

from helpdesk.kernel.clock import Clock
from helpdesk.webhooks.model.delivery import Delivery, delivery_id
from helpdesk.webhooks.model.events import WebhookEvent
from helpdesk.webhooks.model.subscription import Subscription
from helpdesk.webhooks.ports import DeliveryQueue, DeliveryRequest, DeliveryStore


def fan_out(
    events: Iterable[WebhookEvent],
    subscriptions: list[Subscription],
    deliveries: DeliveryStore,
    queue: DeliveryQueue,
    clock: Clock,
) -> int:
    """Queues each new (event, subscription) pair once; returns how many were queued. A pair stored before
    but never attempted is queued again: the earlier run may have stopped between storing and queueing."""
    queued = 0
    for event in events:
        body = event.body().decode()
        for sub in subscriptions:
            if not sub.wants(event.type, event.scope):
                continue
            delivery = Delivery(
                delivery_id(event.id, sub.id), sub.id, event.id, event.type, body, clock.now()
            )
            if not deliveries.add_new(delivery):
                stored = deliveries.get(delivery.id)
                if stored is None or stored.attempts or stored.state != "pending":
                    continue
            queue.enqueue(DeliveryRequest(delivery.id, 0))
            queued += 1
    return queued
