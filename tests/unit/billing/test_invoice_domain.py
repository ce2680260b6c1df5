"""An order's invoice: lines, VAT, totals in both currencies, numbering and the credit note."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from helpdesk.billing.model.exchange import ExchangeRate
from helpdesk.billing.model.invoice_html import invoice_html, money, party_lines
from helpdesk.billing.model.invoices import InvoiceKind, credit_note_for, invoice_number
from helpdesk.commerce.model.parties import BillingDetails
from helpdesk.commerce.model.tax import TaxTreatment

from tests.support.invoices import NOW, invoice, order

pytestmark = pytest.mark.unit
USD_EUR = ExchangeRate("USD", "EUR", Decimal("0.9090909091"), date(2026, 11, 24))


def test_numbers_are_per_kind_and_year_and_zero_padded() -> None:
    assert invoice_number(InvoiceKind.INVOICE, 2026, 7) == "INV-2026-000007"
    assert invoice_number(InvoiceKind.CREDIT_NOTE, 2027, 123456) == "CN-2027-123456"
    assert invoice().numbered(42).number == "INV-2026-000042"


def test_a_domestic_consumer_pays_german_vat_out_of_the_price() -> None:
    i = invoice()
    assert [(x.net, x.tax, x.gross) for x in i.lines] == [(10000, 1900, 11900), (2000, 380, 2380)]
    assert (
        (i.net, i.tax_amount, i.total) == (12000, 2280, 14280) == (i.accounting_net, i.accounting_tax, 14280)
    )
    assert i.total == order().total.amount  # the invoice total is what was charged
    assert i.buyer.name == "alice@acme.example" and i.kind is InvoiceKind.INVOICE and i.number == ""


def test_an_eu_business_with_a_vat_id_gets_reverse_charge() -> None:
    billing = BillingDetails("Jean", "Acme SARL", "FR", "FR12345678901").checked()
    i = invoice(billing)
    assert i.tax.treatment is TaxTreatment.REVERSE_CHARGE and i.tax_amount == 0 and i.net == 14280
    assert (i.buyer.company, i.buyer.vat_id, i.buyer.country) == ("Acme SARL", "FR12345678901", "FR")
    assert "Reverse charge" in invoice_html(i.numbered(1))


def test_totals_are_converted_line_by_line_at_the_invoice_date_rate() -> None:
    i = invoice(BillingDetails(country="US"), USD_EUR, order(amounts=(4300, 3200), currency="USD"))
    assert (i.currency, i.tax_amount, i.total) == ("USD", 0, 7500)
    assert [x.accounting_net for x in i.lines] == [3909, 2909]  # 39.0909 and 29.0909 EUR
    assert i.accounting_total == 6818  # the sum of the lines (a direct 75.00 USD would be 68.18 too)
    finnish = invoice(BillingDetails(country="FI"), USD_EUR, order(amounts=(4900,), currency="USD"))
    (line,) = finnish.lines
    assert (line.net, line.tax) == (3904, 996)  # 25.5 % inside 49.00
    assert (line.accounting_net, line.accounting_tax) == (3549, 905)


def test_a_credit_note_mirrors_its_invoice_and_nets_to_zero() -> None:
    original = invoice(BillingDetails(country="US"), USD_EUR, order(currency="USD")).numbered(5)
    credit = credit_note_for(original, "inv_2", NOW)
    assert credit.kind is InvoiceKind.CREDIT_NOTE and credit.credits_number == "INV-2026-000005"
    assert credit.credits_id == original.id and credit.source_id == original.source_id
    assert (credit.total, credit.accounting_total) == (-original.total, -original.accounting_total)
    assert credit.exchange == original.exchange and credit.tax == original.tax
    html = invoice_html(credit.numbered(1))
    assert "Credit note" in html and "CN-2026-000001" in html and "INV-2026-000005" in html


def test_the_document_shows_both_parties_lines_totals_and_escapes_what_buyers_typed() -> None:
    billing = BillingDetails("<script>x</script>", "Acme & Co", "DE", "", ("Main St 5",)).checked()
    html = invoice_html(invoice(billing).numbered(3))
    assert "<script>x" not in html and "&lt;script&gt;" in html and "Acme &amp; Co" in html
    for text in ("INV-2026-000003", "Agency GmbH", "DE123456789", "Main St 5", "119.00 EUR", "142.80 EUR"):
        assert text in html
    assert "19 %" in html and "22.80 EUR" in html and "@media print" in html
    converted = invoice_html(invoice(None, USD_EUR, order(currency="USD")).numbered(1))
    assert "In EUR at 0.9090909091 (2026-11-24)" in converted


def test_money_formats_minor_units_per_currency() -> None:
    assert (money(123456, "EUR"), money(-500, "USD"), money(1000, "JPY")) == (
        "1,234.56 EUR",
        "-5.00 USD",
        "1,000 JPY",
    )


def test_bill_to_prints_name_company_address_vat_id_and_email_once_each() -> None:
    billing = BillingDetails("Alice Martin", "Acme SARL", "FR", "FR12345678901", ("1 Rue X", "75001 Paris"))
    buyer = invoice(billing.checked()).buyer
    assert party_lines(buyer) == [
        "Alice Martin", "Acme SARL", "1 Rue X", "75001 Paris", "FR", "VAT id FR12345678901",
        "alice@acme.example",
    ]  # fmt: skip
    anonymous = invoice(None).buyer  # nobody gave a name: the address appears once, not as a name too
    assert party_lines(anonymous) == ["alice@acme.example"]
    html = invoice_html(invoice(billing.checked()).numbered(1))
    bill_to = html[html.index("Bill to") :]
    assert bill_to.count("alice@acme.example") == 1 and "Alice Martin<br>Acme SARL<br>1 Rue X" in bill_to
