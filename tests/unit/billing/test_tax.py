"""Which VAT applies to whom, VAT ids, and the split of a tax-inclusive price."""

from __future__ import annotations

from decimal import Decimal

import pytest
from helpdesk.commerce.model.parties import BillingDetails, BillingDetailsInvalid
from helpdesk.commerce.model.tax import TaxRules, TaxTreatment, VatIdInvalid, checked_vat_id, split_gross
from helpdesk.kernel.errors import Invalid

pytestmark = pytest.mark.unit
RULES = TaxRules.with_overrides("DE", {"FR": "20", "CH": "8.1"})


@pytest.mark.parametrize(
    ("country", "vat_id", "treatment", "rate", "note"),
    [
        ("DE", "", TaxTreatment.DOMESTIC, "19", ""),
        ("DE", "DE999999999", TaxTreatment.DOMESTIC, "19", ""),  # a domestic business pays VAT too
        ("FR", "", TaxTreatment.DESTINATION, "20", ""),
        ("FR", "FR12345678901", TaxTreatment.REVERSE_CHARGE, "0", "Reverse charge"),
        ("US", "", TaxTreatment.OUTSIDE_EU, "0", "outside the EU"),
        (
            "CH",
            "",
            TaxTreatment.OUTSIDE_EU,
            "0",
            "outside the EU",
        ),  # a rate in the table is not EU membership
        ("", "", TaxTreatment.DOMESTIC, "19", ""),  # no country given: the seller's own rate
    ],
)
def test_the_treatment_follows_the_buyer(country, vat_id, treatment, rate, note) -> None:  # type: ignore[no-untyped-def]
    decision = RULES.decide(country, vat_id)
    assert (decision.treatment, decision.rate) == (treatment, Decimal(rate))
    assert note in decision.note and bool(decision.note) == bool(note)


def test_settings_override_the_built_in_table_and_the_seller_country_must_have_a_rate() -> None:
    assert TaxRules.with_overrides("DE", {"DE": "7"}).decide("DE").rate == Decimal(7)
    with pytest.raises(Invalid):
        TaxRules.with_overrides("US", {})


@pytest.mark.parametrize(
    ("gross", "rate", "net", "tax"),
    [
        (11900, "19", 10000, 1900),
        (1000, "19", 840, 160),  # 159.66 -> 160
        (4900, "25.5", 3904, 996),  # 995.6 -> 996
        (1, "19", 1, 0),  # 0.16 -> 0
        (3, "20", 2, 1),  # exactly 0.5 rounds up
        (-3, "20", -2, -1),  # and a credit's half rounds away from zero: the mirror image
        (2380, "0", 2380, 0),
    ],
)
def test_split_gross_rounds_half_away_from_zero(gross: int, rate: str, net: int, tax: int) -> None:
    assert split_gross(gross, Decimal(rate)) == (net, tax)


def test_vat_ids_are_normalised_and_must_match_the_country() -> None:
    assert checked_vat_id("fr 12.345-678 901", "FR") == "FR12345678901"
    assert checked_vat_id("EL123456789", "GR") == "EL123456789"
    for bad, country in (("12345", "FR"), ("DE123456789", "FR"), ("FR!", "FR")):
        with pytest.raises(VatIdInvalid):
            checked_vat_id(bad, country)


def test_billing_details_are_checked() -> None:
    checked = BillingDetails("Alice", "Acme SARL", "fr", "fr12345678901").checked()
    assert (checked.country, checked.vat_id) == ("FR", "FR12345678901")
    alone = BillingDetails(vat_id="el 123456789").checked()  # the country the id names
    assert (alone.country, alone.vat_id) == ("GR", "EL123456789")
    with pytest.raises(BillingDetailsInvalid):
        BillingDetails(vat_id="XX12345678901").checked()  # no country, and the id names none
    with pytest.raises(BillingDetailsInvalid):
        BillingDetails(country="France").checked()
