"""Sales summed from invoices in the accounting currency, by product, customer and manager."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from helpdesk.billing.model.exchange import ExchangeRate
from helpdesk.billing.model.invoices import credit_note_for
from helpdesk.billing.model.sales import SalesGroup, sales_by
from helpdesk.commerce.model.parties import BillingDetails

from tests.support.invoices import NOW, invoice, order

pytestmark = pytest.mark.unit
USD_EUR = ExchangeRate("USD", "EUR", Decimal("0.9"), date(2026, 11, 24))


def test_groups_sum_the_lines_in_the_accounting_currency_and_credits_net_out() -> None:
    euro = invoice(BillingDetails("Alice", "Acme", "DE"))  # product-1 119.00 gross, product-2 23.80
    dollars = replace(
        invoice(BillingDetails(country="US"), USD_EUR, order("co_2", (10000,), "USD", customer_id="cus-2")),
        id="inv_2",
    )
    refunded = replace(invoice(the_order=order("co_3", (5950,))), id="inv_3")
    credit = credit_note_for(refunded, "inv_4", NOW)
    documents = [euro, dollars, refunded, credit]

    rows = sales_by(documents, SalesGroup.PRODUCT)
    by_product = {r.key: (r.documents, r.net, r.tax, r.total) for r in rows}
    assert by_product == {
        "product-1": (4, 10000 + 9000 + 5000 - 5000, 1900 + 950 - 950, 20900),
        "product-2": (1, 2000, 380, 2380),
    }
    by_customer = sales_by(documents, SalesGroup.CUSTOMER)
    assert [(r.key, r.label, r.total) for r in by_customer] == [
        ("cus-1", "Acme", 14280),  # the refunded sale's pair adds nothing
        ("cus-2", "alice@acme.example", 9000),
    ]
    (manager,) = sales_by(documents, SalesGroup.MANAGER)
    assert (manager.key, manager.total) == ("anna@helpdesk.localhost", 14280 + 9000)
    assert sales_by([], SalesGroup.PRODUCT) == []


def test_product_rows_read_the_catalogues_name_and_keep_the_slug_as_key() -> None:
    names = {"product-1": "Payments Plus", "product-2": "Export Pro"}
    rows = sales_by([invoice(BillingDetails("Alice", "Acme", "DE"))], SalesGroup.PRODUCT, names.__getitem__)
    assert [(r.key, r.label) for r in rows] == [("product-1", "Payments Plus"), ("product-2", "Export Pro")]
