"""The parties on an invoice: the seller, and the buyer's billing details given at checkout (pure)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from helpdesk.commerce.model.tax import checked_vat_id
from helpdesk.kernel.errors import Invalid


class BillingDetailsInvalid(Invalid):
    """The buyer's billing details cannot go on an invoice."""


@dataclass(frozen=True)
class Party:
    name: str
    company: str = ""
    country: str = ""  # ISO 3166 alpha-2
    vat_id: str = ""
    email: str = ""
    address: tuple[str, ...] = ()


@dataclass(frozen=True)
class BillingDetails:
    """What the buyer gave at checkout; every field optional."""

    name: str = ""
    company: str = ""
    country: str = ""
    vat_id: str = ""
    address: tuple[str, ...] = ()

    def checked(self) -> BillingDetails:
        country = self.country.strip().upper()
        if country and (len(country) != 2 or not country.isalpha()):
            raise BillingDetailsInvalid(f"{self.country!r} is not a two-letter country code")
        if self.vat_id and not country:
            raise BillingDetailsInvalid("a VAT id needs the buyer's country")
        vat_id = checked_vat_id(self.vat_id, country) if self.vat_id.strip() else ""
        return replace(self, country=country, vat_id=vat_id)
