"""The ports the licensing service needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from helpdesk.domain.licensing import License


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
