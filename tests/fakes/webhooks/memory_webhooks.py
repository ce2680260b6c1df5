"""In-memory webhooks adapters, held to the same contract suite as the DynamoDB ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from helpdesk.webhooks.model.delivery import Delivery, excerpt
from helpdesk.webhooks.model.subscription import Subscription
from helpdesk.webhooks.ports import DeliveryRequest, SendResult

HEALTH = ("enabled", "failing_since", "disabled_reason", "last_success_at", "last_failure_at")


class MemorySubscriptions:
    def __init__(self) -> None:
        self.items: dict[str, Subscription] = {}

    def save(self, subscription: Subscription) -> None:
        self.items[subscription.id] = subscription

    def save_health(self, subscription: Subscription) -> None:
        stored = self.items.get(subscription.id)
        if stored is not None:
            self.items[stored.id] = replace(stored, **{k: getattr(subscription, k) for k in HEALTH})

    def get(self, subscription_id: str) -> Subscription | None:
        return self.items.get(subscription_id)

    def all(self) -> list[Subscription]:
        return list(self.items.values())

    def delete(self, subscription_id: str) -> None:
        self.items.pop(subscription_id, None)


class MemoryDeliveries:
    def __init__(self) -> None:
        self.items: dict[str, Delivery] = {}

    def add_new(self, delivery: Delivery) -> bool:
        if delivery.id in self.items:
            return False
        self.items[delivery.id] = delivery
        return True

    def save(self, delivery: Delivery) -> None:
        self.items[delivery.id] = delivery

    def get(self, delivery_id: str) -> Delivery | None:
        return self.items.get(delivery_id)

    def for_subscription(self, subscription_id: str, since: datetime | None, limit: int) -> list[Delivery]:
        mine = [d for d in self.items.values() if d.subscription_id == subscription_id]
        mine = [d for d in mine if since is None or d.created_at >= since]
        return sorted(mine, key=lambda d: (d.created_at, d.id), reverse=True)[:limit]


@dataclass
class MemoryQueue:
    requests: list[DeliveryRequest] = field(default_factory=list)

    def enqueue(self, request: DeliveryRequest) -> None:
        self.requests.append(request)

    def take(self) -> list[DeliveryRequest]:
        taken, self.requests = self.requests, []
        return taken


@dataclass
class ScriptedSender:
    """Answers with the given statuses in turn (then the last one), recording what it was sent."""

    statuses: list[int | None] = field(default_factory=lambda: [200])
    sent: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)
    answer: Callable[[int | None], bytes] = lambda status: f"status {status}".encode()

    def post(self, url: str, headers: dict[str, str], body: bytes) -> SendResult:
        self.sent.append((url, headers, body))
        status = self.statuses[min(len(self.sent), len(self.statuses)) - 1]
        return SendResult(status, 3, excerpt(self.answer(status)))


@dataclass
class RecordingAlerts:
    disabled: list[Subscription] = field(default_factory=list)

    def subscription_disabled(self, subscription: Subscription) -> None:
        self.disabled.append(subscription)
