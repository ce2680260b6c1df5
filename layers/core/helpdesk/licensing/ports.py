"""The ports the licensing service needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from helpdesk.kernel.errors import Conflict
from helpdesk.licensing.model.license import License, Money
from helpdesk.licensing.model.lifecycle import LicenseRenewal, RenewalTerms
from helpdesk.licensing.views.queue import LapseTicketRequested


class Signer(Protocol):
    """Signs with the product's Ed25519 license key; the private key never leaves the adapter."""

    @property
    def key_id(self) -> str: ...

    def public_key(self) -> bytes: ...

    def sign(self, message: bytes) -> bytes: ...


@dataclass(frozen=True)
class Activation:
    license_id: str
    host: str
    activated_at: datetime


@dataclass(frozen=True)
class LicenseScan:
    """One step of a scan over every license: each license found with the position just after it."""

    found: list[tuple[License, str]]
    end: str | None  # where the next step starts; None when nothing is left


class LicenseRepository(Protocol):
    """Licenses and their activations (one DynamoDB item collection per license)."""

    def add(self, license: License) -> bool:
        """Store a new license at version 1; False (and no change) when one with this id exists already."""

    def get(self, license_id: str) -> License:
        """The license, or LicenseNotFound."""

    def save(self, license: License) -> License:
        """Replace a license still at `license.version`, else Conflict; returns it at its new version."""

    def list_for_customer(self, customer_id: str) -> list[License]: ...

    def list_for_organisation(self, organisation_id: str) -> list[License]: ...

    def list_for_order(self, order_id: str) -> list[License]: ...

    def scan(self, start: str | None, size: int) -> LicenseScan:
        """Read at most `size` stored items from `start` (a position this scan gave); the console's search."""

    def activate(self, license_id: str, host: str, at: datetime, limit: int) -> Activation:
        """Take one of `limit` slots for host (idempotent per host), else ActivationLimitReached."""

    def deactivate(self, license_id: str, host: str) -> bool:
        """Free the host's slot; False when it held none."""

    def activations(self, license_id: str) -> list[Activation]: ...


class TaskClosed(Conflict):
    """The task token is no longer waiting (answered already, timed out, or its execution ended)."""


@dataclass(frozen=True)
class ExecutionInfo:
    name: str
    status: str  # RUNNING | SUCCEEDED | FAILED | TIMED_OUT | ABORTED
    input: dict[str, Any]


class Workflows(Protocol):
    """Step Functions executions of one state machine, and the answers to its task tokens."""

    def start(self, name: str, input: dict[str, Any]) -> str:
        """Start the execution `name` unless it exists (running or done); returns its id either way."""

    def describe(self, name: str) -> ExecutionInfo | None: ...

    def succeed_task(self, token: str, output: dict[str, Any]) -> None:
        """Answer a waiting task; TaskClosed when it no longer waits."""

    def fail_task(self, token: str, error: str, cause: str) -> None:
        """Fail a waiting task (the Catch sees `error`); TaskClosed when it no longer waits."""


@dataclass(frozen=True)
class ChargeOutcome:
    paid: bool
    reference: str = ""  # the payment's id when paid
    reason: str = ""  # why not, when declined


class SubscriptionPayments(Protocol):
    def charge(
        self, customer_id: str, amount: Money, idempotency_key: str, description: str
    ) -> ChargeOutcome:
        """Charge the customer's saved payment method off-session; the same key never charges twice."""


class RenewalTermsSource(Protocol):
    def terms_for(self, license: License) -> RenewalTerms:
        """How this license's product and edition renew (price, period, grace, manager)."""


class LapseTicketOpener(Protocol):
    """The tickets context: open the manager's ticket for a customer in grace."""

    def open_lapse_ticket(self, request: LapseTicketRequested) -> str:
        """Open it once per `request.idempotency_key` (a redelivery returns the first ticket's id)."""


class RenewalStore(Protocol):
    """One renewal record per license (its current period), indexed by state and date for the console."""

    def put(self, renewal: LicenseRenewal) -> bool:
        """Store the record unless one for the same or a later period exists; True when written."""

    def get(self, license_id: str) -> LicenseRenewal | None: ...

    def ending_between(self, start: datetime, end: datetime) -> list[LicenseRenewal]:
        """Active records whose period ends in [start, end), soonest first."""

    def in_grace(self) -> list[LicenseRenewal]: ...

    def lost_between(self, start: datetime, end: datetime) -> list[LicenseRenewal]:
        """Expired records whose grace ended in [start, end), latest first."""


class Timeline(Protocol):
    """Maps an instant of the license's life to when the state machine should wake for it."""

    def wall(self, instant: datetime, now: datetime) -> datetime: ...


class OnceClaims(Protocol):
    def claim(self, key: str) -> bool:
        """True for exactly one caller per key: that caller performs the effect."""

    def release(self, key: str) -> None:
        """Give the claim back after the effect failed, so a redelivery performs it."""


class ProductNames(Protocol):
    """What people read for a product and edition: the catalogue's names (commerce implements it)."""

    def title(self, product: str, edition: str) -> str:
        """`Payments Plus — Standard`; the slugs themselves for a product no longer sold."""


class SlugNames:
    """ProductNames where no catalogue is wired (tests, tools): the slugs, readable."""

    def title(self, product: str, edition: str) -> str:
        return f"{product} — {edition}"
