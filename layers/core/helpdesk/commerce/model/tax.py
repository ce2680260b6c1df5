"""VAT on the agency's digital services: the rate that applies to a buyer, a tax-inclusive price split (pure).

Prices in the catalogue are what the customer pays; the invoice splits that amount into net and VAT.
The rules and their limits are in docs/invoices.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from helpdesk.kernel.errors import Invalid
from helpdesk.kernel.money import round_minor

# EU standard VAT rates (percent), a starting point: settings override or extend them (TAX_RATES).
EU_STANDARD_RATES: dict[str, str] = {
    "AT": "20", "BE": "21", "BG": "20", "CY": "19", "CZ": "21", "DE": "19", "DK": "25", "EE": "24",
    "ES": "21", "FI": "25.5", "FR": "20", "GR": "24", "HR": "25", "HU": "27", "IE": "23", "IT": "22",
    "LT": "21", "LU": "17", "LV": "21", "MT": "18", "NL": "21", "PL": "23", "PT": "23", "RO": "21",
    "SE": "25", "SI": "22", "SK": "23",
}  # fmt: skip
EU_COUNTRIES = frozenset(EU_STANDARD_RATES)
_VAT_PREFIX = {"GR": "EL"}  # Greece's VAT ids start with EL
_VAT_ID = re.compile(r"^[A-Z]{2}[0-9A-Z+*.]{2,13}$")

REVERSE_CHARGE_NOTE = (
    "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)."
)
OUTSIDE_EU_NOTE = "Not subject to EU VAT: services supplied to a customer outside the EU."


class VatIdInvalid(Invalid):
    """A VAT id that does not have the shape of one, or names another country than the buyer's."""


class TaxTreatment(StrEnum):
    DOMESTIC = "domestic"  # the seller's country's rate
    DESTINATION = "destination"  # EU consumer elsewhere: the buyer's country's rate (OSS)
    REVERSE_CHARGE = "reverse_charge"  # EU business elsewhere with a VAT id: 0 %, the buyer accounts for VAT
    OUTSIDE_EU = "outside_eu"  # 0 %, outside the scope of EU VAT


@dataclass(frozen=True)
class TaxDecision:
    treatment: TaxTreatment
    rate: Decimal  # percent
    country: str  # whose rate
    note: str = ""


def checked_vat_id(vat_id: str, country: str) -> str:
    """The VAT id without spaces and dots, upper-case; its prefix must be the buyer's country. Format only."""
    cleaned = re.sub(r"[\s.\-]", "", vat_id).upper()
    if not _VAT_ID.match(cleaned):
        raise VatIdInvalid(f"{vat_id!r} is not a VAT identification number")
    if country and cleaned[:2] != _VAT_PREFIX.get(country, country):
        raise VatIdInvalid(f"VAT id {cleaned} is not from {country}")
    return cleaned


def vat_country(vat_id: str) -> str:
    """The EU country a VAT id's prefix names ("" for none): a buyer who typed only the id is from there."""
    prefix = re.sub(r"[\s.\-]", "", vat_id).upper()[:2]
    country = {v: k for k, v in _VAT_PREFIX.items()}.get(prefix, prefix)
    return country if country in EU_COUNTRIES else ""


@dataclass(frozen=True)
class TaxRules:
    seller_country: str
    rates: dict[str, Decimal]  # country -> percent

    @classmethod
    def with_overrides(cls, seller_country: str, overrides: dict[str, str]) -> TaxRules:
        table = {k: Decimal(v) for k, v in {**EU_STANDARD_RATES, **overrides}.items()}
        if seller_country not in table:
            raise Invalid(f"no VAT rate for the seller's country {seller_country}")
        return cls(seller_country, table)

    def decide(self, buyer_country: str, vat_id: str = "") -> TaxDecision:
        """Unknown country: the seller's own rate (the safe side when the buyer gave no country)."""
        country = (buyer_country or self.seller_country).upper()
        if country == self.seller_country:
            return TaxDecision(TaxTreatment.DOMESTIC, self.rates[country], country)
        if country not in EU_COUNTRIES:
            return TaxDecision(TaxTreatment.OUTSIDE_EU, Decimal(0), country, OUTSIDE_EU_NOTE)
        if vat_id:
            return TaxDecision(TaxTreatment.REVERSE_CHARGE, Decimal(0), country, REVERSE_CHARGE_NOTE)
        return TaxDecision(TaxTreatment.DESTINATION, self.rates[country], country)


def split_gross(gross: int, rate: Decimal) -> tuple[int, int]:
    """(net, tax) of a tax-inclusive amount: tax = gross * rate / (100 + rate), half away from zero."""
    tax = round_minor(Decimal(gross) * rate / (Decimal(100) + rate))
    return gross - tax, tax
