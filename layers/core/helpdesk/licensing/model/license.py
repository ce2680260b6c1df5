"""Licenses: what a customer bought for which shop, and how that changes over time (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from helpdesk.kernel.errors import Conflict, Forbidden, Invalid, NotFound
from helpdesk.licensing.model.domains import normalise_domain
from helpdesk.licensing.model.history import CUSTOMER, SYSTEM, LicenseAction, LicenseEvent
from helpdesk.licensing.model.verify import EXPIRING_DAYS, GRACE_DAYS, host_covered

EXPIRING_WINDOW = timedelta(days=EXPIRING_DAYS)
GRACE_PERIOD = timedelta(days=GRACE_DAYS)


class LicenseState(StrEnum):
    ACTIVE = "active"
    EXPIRING = "expiring"
    GRACE = "grace"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    REVOKED = "revoked"

    @property
    def usable(self) -> bool:
        return self in (LicenseState.ACTIVE, LicenseState.EXPIRING, LicenseState.GRACE)


class LicenseNotFound(NotFound):
    """No license with this id (or key) exists."""


class LicenseRevoked(Forbidden):
    """The license was revoked (e.g. refunded) and can no longer change."""


class ActivationLimitReached(Conflict):
    """Every activation slot of the license is taken."""


class DomainNotLicensed(Invalid):
    """The shop domain is not one the license is bound to."""


class EditionUpgradeInvalid(Invalid):
    """The target edition is not an upgrade of the current one."""


@dataclass(frozen=True)
class PlanChoice:
    """An edition on a plan: what a subscription is changed to."""

    edition: str
    plan: str  # monthly | yearly
    max_activations: int

    def describe(self) -> str:
        return f"{self.edition} {self.plan}"


@dataclass(frozen=True)
class License:
    id: str
    product: str
    edition: str
    customer_id: str
    domains: tuple[str, ...]
    issued: datetime
    expires: datetime | None  # None: a lifetime license
    updates_until: datetime | None
    max_activations: int = 5
    organisation_id: str | None = None
    order_id: str | None = None
    serial: int = 1  # bumped whenever the key must change (domain transfer, upgrade)
    suspended: bool = False
    revoked_at: datetime | None = None
    reason: str = ""  # why it was suspended or revoked
    history: tuple[LicenseEvent, ...] = field(default=())
    version: int = 0  # the stored version this copy was read at (optimistic locking)
    grace_until: datetime | None = None  # set by the lifecycle per product; None: expires + GRACE_PERIOD
    plan: str = ""  # monthly | yearly | lifetime as sold ("": sold before plans were recorded)
    currency: str = ""  # the currency it was bought in; renewals are priced in it
    renewal_cancelled: bool = False  # the customer ends it at its period's end: the lifecycle charges nothing
    scheduled_change: PlanChoice | None = None  # a downgrade: the next period is on this plan

    @property
    def choice(self) -> PlanChoice:
        return PlanChoice(self.edition, self.plan, self.max_activations)

    @property
    def next_period_choice(self) -> PlanChoice:
        """What the next period is sold as: the scheduled change, else the current plan."""
        return self.scheduled_change or self.choice

    def state_at(self, now: datetime) -> LicenseState:
        if self.revoked_at is not None:
            return LicenseState.REVOKED
        if self.suspended:
            return LicenseState.SUSPENDED
        if self.expires is None or now < self.expires - EXPIRING_WINDOW:
            return LicenseState.ACTIVE
        if now < self.expires:
            return LicenseState.EXPIRING
        if now < (self.grace_until or self.expires + GRACE_PERIOD):
            return LicenseState.GRACE
        return LicenseState.EXPIRED

    def covers(self, host: str) -> bool:
        """A host is covered when it is a bound domain or one of its subdomains (staging.shop.com)."""
        return host_covered(host, self.domains)

    def transfer_domain(self, old: str, new: str, now: datetime, by: str = "", reason: str = "") -> License:
        self._ensure_changeable()
        old, new = normalise_domain(old), normalise_domain(new)
        if old not in self.domains:
            raise DomainNotLicensed(f"license {self.id} is not bound to {old}")
        if new in self.domains:
            raise Conflict(f"license {self.id} is already bound to {new}")
        domains = tuple(sorted(new if d == old else d for d in self.domains))
        event = LicenseEvent(now, LicenseAction.TRANSFER, by, reason, f"{old} -> {new}")
        return self._changed(domains=domains, event=event)

    def upgrade_edition(
        self, edition: str, now: datetime, max_activations: int | None = None, by: str = CUSTOMER
    ) -> License:
        self._ensure_changeable()
        if edition == self.edition:
            raise EditionUpgradeInvalid(f"license {self.id} already has edition {edition}")
        slots = max(self.max_activations, max_activations or 0)
        event = LicenseEvent(now, LicenseAction.UPGRADE, by, "", f"{self.edition} -> {edition}")
        return self._changed(edition=edition, max_activations=slots, event=event)

    def change_plan(self, to: PlanChoice, period_end: datetime, now: datetime, by: str = CUSTOMER) -> License:
        """A paid plan change takes effect now (a scheduled one is dropped); a new edition means a new key,
        a new interval a new period ending at `period_end`."""
        self._ensure_changeable()
        event = LicenseEvent(
            now, LicenseAction.CHANGE_PLAN, by, "", f"{self.choice.describe()} -> {to.describe()}"
        )
        updates = period_end if self.updates_until is None else max(self.updates_until, period_end)
        changed = replace(
            self, plan=to.plan, expires=period_end, updates_until=updates, scheduled_change=None,
            history=self.history + (event,),
        )  # fmt: skip
        if to.edition == self.edition:
            return changed
        return replace(
            changed, edition=to.edition, max_activations=to.max_activations, serial=self.serial + 1
        )

    def schedule_change(self, to: PlanChoice, now: datetime, by: str = CUSTOMER) -> License:
        """A downgrade waits for the period's end: the renewal charges and applies it."""
        self._ensure_changeable()
        if self.expires is None:
            raise Invalid(f"license {self.id} is sold for life: it has no plan to change")
        event = LicenseEvent(
            now, LicenseAction.SCHEDULE_CHANGE, by, "", f"{self.choice.describe()} -> {to.describe()}"
        )
        return replace(self, scheduled_change=to, history=self.history + (event,))

    def cancel_renewal(self, now: datetime, by: str = CUSTOMER) -> License:
        """Stop renewing: the license runs to its period's end and is not charged again (the key stays)."""
        self._ensure_changeable()
        if self.expires is None:
            raise Invalid(f"license {self.id} is sold for life: it does not renew")
        event = LicenseEvent(now, LicenseAction.CANCEL_RENEWAL, by, "", f"{self.expires:%Y-%m-%d}")
        return replace(self, renewal_cancelled=True, history=self.history + (event,))

    def resume_renewal(self, now: datetime, by: str = CUSTOMER) -> License:
        self._ensure_changeable()
        event = LicenseEvent(now, LicenseAction.RESUME_RENEWAL, by)
        return replace(self, renewal_cancelled=False, history=self.history + (event,))

    def revoke(self, reason: str, now: datetime, by: str = SYSTEM) -> License:
        if self.revoked_at is not None:
            return self  # refunds may be reported more than once
        event = LicenseEvent(now, LicenseAction.REVOKE, by, reason)
        return replace(self, revoked_at=now, reason=reason, history=self.history + (event,))

    def suspend(self, reason: str, now: datetime, by: str = "") -> License:
        self._ensure_changeable()
        event = LicenseEvent(now, LicenseAction.SUSPEND, by, reason)
        return replace(self, suspended=True, reason=reason, history=self.history + (event,))

    def resume(self, now: datetime, by: str = "", reason: str = "") -> License:
        self._ensure_changeable()
        event = LicenseEvent(now, LicenseAction.RESUME, by, reason)
        return replace(self, suspended=False, reason="", history=self.history + (event,))

    def renew(
        self, period_end: datetime, grace_until: datetime, now: datetime, source: str, by: str = SYSTEM
    ) -> License:
        """Move the period end forward (updates follow); the serial stays, so the customer keeps the key.
        `source` says what paid for it or why (an order, a charge, a manager's reason)."""
        self._ensure_changeable()
        if self.expires is None or period_end <= self.expires:
            raise Conflict(f"license {self.id} already runs until {self.expires}")
        updates = self.updates_until if self.updates_until is None else max(self.updates_until, period_end)
        event = LicenseEvent(now, LicenseAction.RENEW, by, source, period_end.isoformat())
        renewed = replace(
            self,
            expires=period_end,
            updates_until=updates,
            grace_until=grace_until,
            history=self.history + (event,),
            scheduled_change=None,
        )
        later = self.scheduled_change  # a downgrade takes effect with the period it was priced for
        if later is None:
            return renewed
        serial = self.serial + (later.edition != self.edition)
        return replace(
            renewed,
            edition=later.edition,
            plan=later.plan,
            max_activations=later.max_activations,
            serial=serial,
        )

    def _ensure_changeable(self) -> None:
        if self.revoked_at is not None:
            raise LicenseRevoked(f"license {self.id} is revoked")

    def _changed(self, event: LicenseEvent, **changes: object) -> License:
        return replace(self, serial=self.serial + 1, history=self.history + (event,), **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Money:
    amount: int  # minor units (cents)
    currency: str


def upgrade_price(current: Money, target: Money) -> Money:
    """The customer pays the difference between the editions' prices, never less than zero."""
    if current.currency != target.currency:
        raise EditionUpgradeInvalid("editions are priced in different currencies")
    if target.amount <= current.amount:
        raise EditionUpgradeInvalid("the target edition does not cost more than the current one")
    return Money(target.amount - current.amount, target.currency)
