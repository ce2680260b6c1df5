"""The parties on an invoice: the seller, and the buyer's billing details given at checkout (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from helpdesk.commerce.model.tax import checked_vat_id, vat_country
from helpdesk.kernel.errors import Invalid


class BillingDetailsInvalid(Invalid):
    """The buyer's billing details cannot go on an invoice."""


class BuyerEmailInvalid(Invalid):
    """A guest's address for the receipt is missing or is not an e-mail address."""


_LOCAL_PART = r"[^\s@<>()\[\],;:\"]{1,64}"
_DOMAIN = r"([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
_EMAIL = re.compile(f"^{_LOCAL_PART}@{_DOMAIN}$")


def checked_email(address: str) -> str:
    """A guest's receipt address, lower-case; the receipt and the license keys go there."""
    cleaned = address.strip().lower()
    if not cleaned:
        raise BuyerEmailInvalid("an e-mail address for the receipt is needed")
    if len(cleaned) > 254 or not _EMAIL.match(cleaned):
        raise BuyerEmailInvalid(f"{address.strip()!r} is not an e-mail address")
    return cleaned


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
        country = self.country.strip().upper() or vat_country(self.vat_id)
        if country and (len(country) != 2 or not country.isalpha()):
            raise BillingDetailsInvalid(f"{self.country!r} is not a two-letter country code")
        if self.vat_id.strip() and not country:
            raise BillingDetailsInvalid("a VAT id needs the buyer's country")
        vat_id = checked_vat_id(self.vat_id, country) if self.vat_id.strip() else ""
        return replace(self, country=country, vat_id=vat_id)
