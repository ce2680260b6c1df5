"""Bodies and views of the cabinet's license self-service."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.licensing.public import License


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class MoveDomainRequest(_Body):
    old_domain: str = Field(min_length=1, max_length=255)
    new_domain: str = Field(min_length=1, max_length=255)


class DeactivateRequest(_Body):
    host: str = Field(min_length=1, max_length=255)


class ActivationView(BaseModel):
    host: str
    activated_at: datetime


class LicenseActivationsView(BaseModel):
    license_id: str
    domains: list[str]
    max_activations: int
    moves_left: int  # domain moves the customer may still make this year
    activations: list[ActivationView]

    @classmethod
    def of(
        cls, license: License, found: list[tuple[str, datetime]], moves_left: int
    ) -> LicenseActivationsView:
        return cls(
            license_id=license.id,
            domains=list(license.domains),
            max_activations=license.max_activations,
            moves_left=moves_left,
            activations=[ActivationView(host=h, activated_at=at) for h, at in found],
        )


class RenewalView(BaseModel):
    license_id: str
    renews: bool  # False: it ends at `ends`, nothing more is charged
    ends: datetime | None

    @classmethod
    def of(cls, license: License) -> RenewalView:
        return cls(license_id=license.id, renews=not license.renewal_cancelled, ends=license.expires)


class MovedLicenseView(BaseModel):
    license_id: str
    domains: list[str]
    key: str  # the new key: the old one stops validating online


class SavedCardView(BaseModel):
    card: str | None  # "Visa ending 4242"; None: no card is saved for renewals
