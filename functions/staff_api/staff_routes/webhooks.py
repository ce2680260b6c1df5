"""Outgoing webhooks (admins only): subscriptions, the delivery log, replay and test events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpdesk.api.access import Principal, route
from helpdesk.api.errors import as_response, created
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.webhooks.views.api import (
        DeliveryListView,
        EventTypeView,
        SecretRotatedView,
        WebhookListView,
        WebhookView,
    )


from .common import ADMIN, app, body, query, verifier


@route(app, "/webhooks", access=ADMIN, verifier=verifier, methods=["POST"])
def create_webhook(caller: Principal) -> Any:
    from helpdesk.webhooks.views.api import CreateWebhookRequest, WebhookCreatedView, WebhookView

    request = CreateWebhookRequest.model_validate(body())
    sub = container().webhook_desk.create(request.url, request.events, request.description, request.filter)
    return created(WebhookCreatedView(**WebhookView.of(sub).model_dump(), secret=sub.secrets[0].value))


@route(app, "/webhooks", access=ADMIN, verifier=verifier)
def list_webhooks(caller: Principal) -> WebhookListView:
    from helpdesk.webhooks.views.api import WebhookListView, WebhookView

    return WebhookListView(items=[WebhookView.of(s) for s in container().webhook_desk.all()])


@route(app, "/webhooks/events", access=ADMIN, verifier=verifier)
def webhook_event_types(caller: Principal) -> list[EventTypeView]:
    return container().webhook_desk.catalogue()


@route(app, "/webhooks/{webhook_id}", access=ADMIN, verifier=verifier)
def get_webhook(caller: Principal, webhook_id: str) -> WebhookView:
    from helpdesk.webhooks.views.api import WebhookView

    return WebhookView.of(container().webhook_desk.get(webhook_id))


@route(app, "/webhooks/{webhook_id}", access=ADMIN, verifier=verifier, methods=["PATCH"])
def update_webhook(caller: Principal, webhook_id: str) -> WebhookView:
    from helpdesk.webhooks.views.api import UpdateWebhookRequest, WebhookView

    changes = UpdateWebhookRequest.model_validate(body()).model_dump(exclude_none=True)
    return WebhookView.of(container().webhook_desk.update(webhook_id, changes))


@route(app, "/webhooks/{webhook_id}", access=ADMIN, verifier=verifier, methods=["DELETE"])
def delete_webhook(caller: Principal, webhook_id: str) -> Any:
    container().webhook_desk.delete(webhook_id)
    return as_response({"deleted": webhook_id})


@route(app, "/webhooks/{webhook_id}/rotate", access=ADMIN, verifier=verifier, methods=["POST"])
def rotate_webhook_secret(caller: Principal, webhook_id: str) -> SecretRotatedView:
    from helpdesk.webhooks.views.api import SecretRotatedView

    secret, retire_at = container().webhook_desk.rotate(webhook_id)
    return SecretRotatedView(secret=secret, previous_retire_at=retire_at)


@route(app, "/webhooks/{webhook_id}/test", access=ADMIN, verifier=verifier, methods=["POST"])
def send_test_event(caller: Principal, webhook_id: str) -> Any:
    return as_response({"event_id": container().webhook_desk.send_test(webhook_id)}, 202)


@route(app, "/webhooks/{webhook_id}/deliveries", access=ADMIN, verifier=verifier)
def list_deliveries(caller: Principal, webhook_id: str) -> DeliveryListView:
    from helpdesk.webhooks.views.api import DeliveryListQuery, DeliveryListView, DeliveryView

    asked = DeliveryListQuery.model_validate(query())
    found = container().webhook_desk.deliveries(webhook_id, asked.since, asked.limit)
    return DeliveryListView(items=[DeliveryView.of(d) for d in found])


@route(
    app, "/webhooks/{webhook_id}/deliveries/{delivery_id}/replay", access=ADMIN, verifier=verifier,
    methods=["POST"],
)  # fmt: skip
def replay_delivery(caller: Principal, webhook_id: str, delivery_id: str) -> Any:
    from helpdesk.webhooks.views.api import DeliveryView

    return as_response(DeliveryView.of(container().webhook_desk.replay(webhook_id, delivery_id)), 202)


@route(app, "/webhooks/{webhook_id}/replay", access=ADMIN, verifier=verifier, methods=["POST"])
def replay_since(caller: Principal, webhook_id: str) -> Any:
    from helpdesk.webhooks.views.api import ReplayedView, ReplaySinceRequest

    request = ReplaySinceRequest.model_validate(body())
    return as_response(
        ReplayedView(replayed=container().webhook_desk.replay_since(webhook_id, request.since)), 202
    )
