"""A subscription: where to send which events, signed with which secrets, and how healthy it is."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from helpdesk.kernel.errors import NotFound
from helpdesk.webhooks.model.signing import new_secret

FILTER_KEYS = ("mailbox", "organisation", "product")


class WebhookNotFound(NotFound):
    """No such subscription (or delivery of it)."""


@dataclass(frozen=True)
class SigningSecret:
    value: str
    retires_at: datetime | None = None  # set on rotation: signed with until then, so receivers can switch


@dataclass(frozen=True)
class Subscription:
    id: str
    url: str
    events: tuple[str, ...]
    created_at: datetime
    secrets: tuple[SigningSecret, ...]
    description: str = ""
    filter: dict[str, str] = field(default_factory=dict)
    enabled: bool = True
    failing_since: datetime | None = None  # the first failed attempt since the last success
    disabled_reason: str = ""
    last_success_at: datetime | None = None
    last_failure_at: datetime | None = None

    def signing_secrets(self, now: datetime) -> list[str]:
        return [s.value for s in self.secrets if s.retires_at is None or s.retires_at > now]

    def wants(self, event_type: str, scope: dict[str, str]) -> bool:
        if not self.enabled or (event_type not in self.events and event_type != "webhook.test"):
            return False
        return all(scope.get(key) == value for key, value in self.filter.items() if value)

    def rotated(self, now: datetime, overlap: timedelta) -> tuple[Subscription, str]:
        """A new secret first; the current ones keep signing for `overlap` (both signatures are sent)."""
        fresh = new_secret()
        kept = tuple(
            SigningSecret(s.value, min(s.retires_at or now + overlap, now + overlap))
            for s in self.secrets
            if s.retires_at is None or s.retires_at > now
        )
        return replace(self, secrets=(SigningSecret(fresh), *kept)), fresh

    def succeeded(self, now: datetime) -> Subscription:
        return replace(self, failing_since=None, last_success_at=now)

    def failed(self, now: datetime, disable_after: timedelta) -> Subscription:
        """Records a failure; disables the subscription once it has failed without a success for too long."""
        since = self.failing_since or now
        failing = replace(self, failing_since=since, last_failure_at=now)
        if self.enabled and now - since >= disable_after:
            days = disable_after.total_seconds() / 86400
            return replace(failing, enabled=False, disabled_reason=f"failing for {days:g} days")
        return failing

    def health(self) -> str:
        """`healthy`, `failing` or `disabled`: the console's badge."""
        if not self.enabled:
            return "disabled"
        return "failing" if self.failing_since else "healthy"
