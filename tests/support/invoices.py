"""Orders, rates and a seller for the invoice tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from helpdesk.billing.adapters.exchange_rates import TableRates
from helpdesk.billing.model.exchange import DailyRates, ExchangeRate
from helpdesk.billing.model.invoices import Invoice, invoice_for_order
from helpdesk.commerce.model.orders import Offer, Order, OrderLine
from helpdesk.commerce.model.parties import BillingDetails, Party
from helpdesk.commerce.model.tax import TaxRules
from helpdesk.kernel.calendar import YEAR
from helpdesk.licensing.model.license import Money

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SELLER = Party(
    "Agency GmbH", "Agency GmbH", "DE", "DE123456789", "billing@agency.example", ("Street 1", "Berlin")
)
RULES = TaxRules.with_overrides("DE", {})
RATES = TableRates(
    [
        DailyRates("EUR", date(2026, 11, 20), {"USD": Decimal("1.0500"), "RUB": Decimal("98.5")}),
        DailyRates("EUR", date(2026, 11, 24), {"USD": Decimal("1.1000"), "RUB": Decimal("100")}),
    ]
)
SAME = ExchangeRate("EUR", "EUR", Decimal(1), NOW.date())


def order(
    order_id: str = "co_1",
    amounts: tuple[int, ...] = (11900, 2380),
    currency: str = "EUR",
    organisation_id: str | None = "org-acme",
    customer_id: str = "cus-1",
) -> Order:
    offers = [
        Offer(f"product-{n}", "pro", f"Product {n}", Money(amount, currency), "anna@helpdesk.localhost",
              term=YEAR if n % 2 else None)
        for n, amount in enumerate(amounts, start=1)
    ]  # fmt: skip
    lines = tuple(OrderLine(o, (f"shop{n}.example",)) for n, o in enumerate(offers, start=1))
    return Order(order_id, "cs_1", f"pi_{order_id}", customer_id, "alice@acme.example", lines,
                 Money(sum(amounts), currency), NOW, organisation_id)  # fmt: skip


def invoice(
    billing: BillingDetails | None = None, exchange: ExchangeRate = SAME, the_order: Order | None = None
) -> Invoice:
    return invoice_for_order("inv_1", the_order or order(), billing, SELLER, RULES, exchange, NOW)
