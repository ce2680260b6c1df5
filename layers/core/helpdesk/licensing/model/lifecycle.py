"""The lifecycle of one license period: when to remind, charge, give grace and expire (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from helpdesk.kernel.calendar import Term
from helpdesk.kernel.errors import Invalid
from helpdesk.licensing.model.license import License, Money

DEFAULT_REMINDERS = (30, 7)  # days before the period ends
DEFAULT_DUNNING = (timedelta(0), timedelta(days=3), timedelta(days=5))  # after the period ends


class RenewalTermsInvalid(Invalid):
    """The product's renewal terms contradict themselves (e.g. a charge after grace has ended)."""


class RenewalState(StrEnum):
    ACTIVE = "active"
    GRACE = "grace"
    EXPIRED = "expired"


@dataclass(frozen=True)
class RenewalTerms:
    """How a product renews: charged automatically (subscription) or by the customer; how long grace is."""

    period: Term  # calendar months: a yearly period ends on the same day next year
    price: Money
    manager: str  # who gets the ticket when a customer is about to be lost
    subscription: bool = True
    grace: timedelta = timedelta(days=14)
    reminders: tuple[int, ...] = DEFAULT_REMINDERS
    dunning: tuple[timedelta, ...] = DEFAULT_DUNNING

    def __post_init__(self) -> None:
        if self.subscription and any(not timedelta(0) <= d < self.grace for d in self.dunning):
            raise RenewalTermsInvalid("every charge attempt must fall inside the grace period")


@dataclass(frozen=True)
class PeriodPlan:
    """The instants of one period; reminders already past when the plan is made are left out."""

    license_id: str
    period_end: datetime
    reminders: tuple[tuple[int, datetime], ...]  # (days left, when)
    charges: tuple[datetime, ...]
    grace_until: datetime
    next_period_end: datetime


def plan_period(license: License, terms: RenewalTerms, now: datetime) -> PeriodPlan:
    if license.expires is None:
        raise Invalid(f"license {license.id} is a lifetime license: it has no periods")
    end = license.expires
    reminders = tuple(
        (days, end - timedelta(days=days))
        for days in sorted(terms.reminders, reverse=True)
        if end - timedelta(days=days) > now
    )
    charges = tuple(end + d for d in terms.dunning) if terms.subscription else ()
    next_end = terms.period.next_end(end, license.issued)
    return PeriodPlan(license.id, end, reminders, charges, end + terms.grace, next_end)


def execution_name(license_id: str, period_end: datetime) -> str:
    """One execution per license period: the name makes a second start of the same period harmless."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", license_id)[:60]
    return f"lic-{safe}-{period_end:%Y%m%d}"


@dataclass(frozen=True)
class LicenseRenewal:
    """Where a license stands in its current period, as the console and the cabinet show it."""

    license_id: str
    customer_id: str
    product: str
    edition: str
    manager: str
    period_end: datetime
    grace_until: datetime
    price: Money
    subscription: bool
    state: RenewalState = RenewalState.ACTIVE

    def index_key(self) -> tuple[str, str]:
        """The GSI entry of the state: expiring licenses by month of their end, grace, lost by month."""
        if self.state is RenewalState.ACTIVE:
            return month_bucket("RENEWAL", self.period_end), f"{sortable(self.period_end)}#{self.license_id}"
        if self.state is RenewalState.GRACE:
            return "RENEWAL#GRACE", f"{sortable(self.grace_until)}#{self.license_id}"
        lost_month = month_bucket("RENEWAL#LOST", self.grace_until)
        return lost_month, f"{sortable(self.grace_until)}#{self.license_id}"

    def at(self, state: RenewalState) -> LicenseRenewal:
        return LicenseRenewal(**{**self.__dict__, "state": state})


@dataclass(frozen=True)
class AtRisk:
    """The console's view: who renews soon, who is in grace, who was lost, and what it is worth."""

    expiring: dict[int, list[LicenseRenewal]]  # by window in days (30, 60, 90): ends within it
    in_grace: list[LicenseRenewal]
    lost: list[LicenseRenewal]
    # currency -> minor units of everything expiring within the widest window or in grace
    revenue_at_risk: dict[str, int]


def sortable(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def month_bucket(prefix: str, when: datetime) -> str:
    return f"{prefix}#{when.astimezone(UTC):%Y-%m}"


def months_between(start: datetime, end: datetime) -> list[datetime]:
    """The first instant of every month that [start, end] touches (the buckets to query)."""
    month = start.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    months = []
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months
