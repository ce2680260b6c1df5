"""The admins' use cases: manage subscriptions, read the delivery log, replay, send a test event."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timedelta

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Conflict, Invalid
from helpdesk.webhooks.model.catalogue import CATALOGUE, check_event_types
from helpdesk.webhooks.model.delivery import Delivery
from helpdesk.webhooks.model.events import WebhookEvent, event_id
from helpdesk.webhooks.model.signing import new_secret
from helpdesk.webhooks.model.subscription import FILTER_KEYS, SigningSecret, Subscription, WebhookNotFound
from helpdesk.webhooks.model.targets import check_url
from helpdesk.webhooks.ports import DeliveryQueue, DeliveryRequest, DeliveryStore, SubscriptionStore
from helpdesk.webhooks.services.fanout import fan_out
from helpdesk.webhooks.views.api import EventTypeView

ROTATION_OVERLAP = timedelta(hours=24)
REPLAY_SINCE_LIMIT = 1000


class WebhookDesk:
    def __init__(
        self,
        subscriptions: SubscriptionStore,
        deliveries: DeliveryStore,
        queue: DeliveryQueue,
        clock: Clock,
        allow_loopback_http: bool,
    ) -> None:
        self._subs, self._deliveries, self._queue, self._clock = subscriptions, deliveries, queue, clock
        self._loopback = allow_loopback_http

    def create(self, url: str, events: list[str], description: str, filter_: dict[str, str]) -> Subscription:
        check_url(url, self._loopback)
        sub = Subscription(
            "wh_" + uuid.uuid4().hex[:20], url, check_event_types(events), self._clock.now(),
            (SigningSecret(new_secret()),), description.strip(), _checked_filter(filter_),
        )  # fmt: skip
        self._subs.save(sub)
        return sub

    def all(self) -> list[Subscription]:
        return sorted(self._subs.all(), key=lambda s: s.created_at)

    def catalogue(self) -> list[EventTypeView]:
        return [EventTypeView(type=e.type, version=e.version, summary=e.summary) for e in CATALOGUE.values()]

    def get(self, subscription_id: str) -> Subscription:
        sub = self._subs.get(subscription_id)
        if sub is None:
            raise WebhookNotFound(f"webhook {subscription_id} not found")
        return sub

    def update(self, subscription_id: str, changes: dict[str, object]) -> Subscription:
        sub = self.get(subscription_id)
        if isinstance(changes.get("url"), str):
            check_url(str(changes["url"]), self._loopback)
            sub = replace(sub, url=str(changes["url"]))
        events = changes.get("events")
        if isinstance(events, list):
            sub = replace(sub, events=check_event_types([str(e) for e in events]))
        if isinstance(changes.get("description"), str):
            sub = replace(sub, description=str(changes["description"]).strip())
        filter_ = changes.get("filter")
        if isinstance(filter_, dict):
            sub = replace(sub, filter=_checked_filter({str(k): str(v) for k, v in filter_.items()}))
        if isinstance(changes.get("enabled"), bool):
            enabled = bool(changes["enabled"])  # re-enabling starts a fresh failure clock
            sub = replace(sub, enabled=enabled, disabled_reason="" if enabled else "disabled by an admin",
                          failing_since=None if enabled else sub.failing_since)  # fmt: skip
        self._subs.save(sub)
        return sub

    def delete(self, subscription_id: str) -> None:
        self.get(subscription_id)
        self._subs.delete(subscription_id)

    def rotate(self, subscription_id: str) -> tuple[str, datetime]:
        """A new secret; the old one keeps signing (both signatures are sent) for the overlap."""
        now = self._clock.now()
        sub, secret = self.get(subscription_id).rotated(now, ROTATION_OVERLAP)
        self._subs.save(sub)
        return secret, now + ROTATION_OVERLAP

    def deliveries(self, subscription_id: str, since: datetime | None, limit: int) -> list[Delivery]:
        self.get(subscription_id)
        return self._deliveries.for_subscription(subscription_id, since, max(1, min(limit, 200)))

    def replay(self, subscription_id: str, delivery_id: str) -> Delivery:
        """Send it again as it was (same `webhook-id` and body), freshly signed."""
        delivery = self._deliveries.get(delivery_id)
        if delivery is None or delivery.subscription_id != self.get(subscription_id).id:
            raise WebhookNotFound(f"delivery {delivery_id} not found")
        self._replay(delivery)
        return delivery

    def replay_since(self, subscription_id: str, since: datetime) -> int:
        self.get(subscription_id)
        found = self._deliveries.for_subscription(subscription_id, since, REPLAY_SINCE_LIMIT)
        for delivery in found:
            self._replay(delivery)
        return len(found)

    def send_test(self, subscription_id: str) -> str:
        """A `webhook.test` event to this subscription only; returns its delivery's event id."""
        sub = self.get(subscription_id)
        if not sub.enabled:
            raise Conflict("enable the webhook before sending it a test event")
        now = self._clock.now()
        source = f"test:{uuid.uuid4().hex}"
        event = WebhookEvent(event_id(source, "webhook.test"), "webhook.test", now, "webhook", sub.id, "0",
                             {"message": "A test event from the helpdesk console."})  # fmt: skip
        fan_out([event], [sub], self._deliveries, self._queue, self._clock)
        return event.id

    def _replay(self, delivery: Delivery) -> None:
        replayed = delivery.replayed()
        self._deliveries.save(replayed)
        self._queue.enqueue(DeliveryRequest(delivery.id, len(replayed.attempts), None, replay=True))


def _checked_filter(filter_: dict[str, str]) -> dict[str, str]:
    unknown = set(filter_) - set(FILTER_KEYS)
    if unknown:
        raise Invalid(f"unknown filter keys: {', '.join(sorted(unknown))}; use {', '.join(FILTER_KEYS)}")
    return {k: str(v).strip() for k, v in filter_.items() if str(v).strip()}
