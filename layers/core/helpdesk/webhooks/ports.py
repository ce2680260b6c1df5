"""What the webhooks services need from the outside world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from helpdesk.webhooks.model.delivery import Delivery
from helpdesk.webhooks.model.subscription import Subscription


class SubscriptionStore(Protocol):
    """Subscriptions by id; the list is small (admins add a handful), read whole."""

    def save(self, subscription: Subscription) -> None: ...

    def get(self, subscription_id: str) -> Subscription | None: ...

    def all(self) -> list[Subscription]: ...

    def delete(self, subscription_id: str) -> None: ...

    def save_health(self, subscription: Subscription) -> None:
        """Write only the health fields (enabled, failing since, last success/failure), so a worker never
        overwrites an admin's concurrent edit of the URL or events."""


class DeliveryStore(Protocol):
    """Deliveries by id and per subscription, newest first."""

    def add_new(self, delivery: Delivery) -> bool:
        """Store it unless one with its id exists; False when it did (a repeated fan-out)."""

    def get(self, delivery_id: str) -> Delivery | None: ...

    def save(self, delivery: Delivery) -> None: ...

    def for_subscription(
        self, subscription_id: str, since: datetime | None, limit: int
    ) -> list[Delivery]: ...


@dataclass(frozen=True)
class DeliveryRequest:
    delivery_id: str
    attempts_seen: int  # the delivery's attempt count when asked: a stale duplicate request is dropped
    not_before: datetime | None = None
    replay: bool = False


class DeliveryQueue(Protocol):
    def enqueue(self, request: DeliveryRequest) -> None:
        """Ask the worker to attempt it (not before `not_before`: waits beyond the queue's cap come back)."""


@dataclass(frozen=True)
class SendResult:
    status: int | None
    latency_ms: int
    excerpt: str


class WebhookSender(Protocol):
    def post(self, url: str, headers: dict[str, str], body: bytes) -> SendResult:
        """POST once: a time limit, no redirects followed, only to addresses the safety rules allow."""


class AdminAlerts(Protocol):
    def subscription_disabled(self, subscription: Subscription) -> None:
        """Tell the admins a subscription was switched off after failing for days."""
