"""The webhooks' staff API bodies and answers."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from helpdesk.webhooks.model.delivery import Delivery
from helpdesk.webhooks.model.subscription import Subscription


class CreateWebhookRequest(BaseModel):
    url: str = Field(max_length=2000)
    events: list[str] = Field(min_length=1, max_length=50)
    description: str = Field(default="", max_length=500)
    filter: dict[str, str] = Field(default_factory=dict)


class UpdateWebhookRequest(BaseModel):
    url: str | None = Field(default=None, max_length=2000)
    events: list[str] | None = Field(default=None, min_length=1, max_length=50)
    description: str | None = Field(default=None, max_length=500)
    filter: dict[str, str] | None = None
    enabled: bool | None = None


class DeliveryListQuery(BaseModel):
    since: datetime | None = None
    limit: int = Field(default=50, ge=1, le=200)


class ReplaySinceRequest(BaseModel):
    since: datetime


class WebhookView(BaseModel):
    id: str
    url: str
    events: list[str]
    description: str
    filter: dict[str, str]
    enabled: bool
    health: str
    created_at: datetime
    failing_since: datetime | None
    disabled_reason: str
    last_success_at: datetime | None
    last_failure_at: datetime | None

    @classmethod
    def of(cls, s: Subscription) -> WebhookView:
        return cls(
            id=s.id, url=s.url, events=list(s.events), description=s.description, filter=dict(s.filter),
            enabled=s.enabled, health=s.health(), created_at=s.created_at, failing_since=s.failing_since,
            disabled_reason=s.disabled_reason, last_success_at=s.last_success_at,
            last_failure_at=s.last_failure_at,
        )  # fmt: skip


class WebhookCreatedView(WebhookView):
    secret: str  # shown once, here and on rotation


class WebhookListView(BaseModel):
    items: list[WebhookView]


class SecretRotatedView(BaseModel):
    secret: str
    previous_retire_at: datetime


class AttemptView(BaseModel):
    at: datetime
    status: int | None
    latency_ms: int
    excerpt: str
    replay: bool


class DeliveryView(BaseModel):
    id: str
    event_id: str
    event_type: str
    state: str
    created_at: datetime
    next_attempt_at: datetime | None
    attempts: list[AttemptView]

    @classmethod
    def of(cls, d: Delivery) -> DeliveryView:
        attempts = [AttemptView(at=a.at, status=a.status, latency_ms=a.latency_ms, excerpt=a.excerpt,
                                replay=a.replay) for a in d.attempts]  # fmt: skip
        return cls(id=d.id, event_id=d.event_id, event_type=d.event_type, state=d.state,
                   created_at=d.created_at, next_attempt_at=d.next_attempt_at, attempts=attempts)  # fmt: skip


class DeliveryListView(BaseModel):
    items: list[DeliveryView]


class ReplayedView(BaseModel):
    replayed: int


class EventTypeView(BaseModel):
    type: str
    version: int
    summary: str
