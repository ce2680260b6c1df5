"""What other contexts may use of commerce: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.commerce.model.orders import Order, OrderLine
from helpdesk.commerce.model.parties import BillingDetails, Party
from helpdesk.commerce.model.tax import TaxDecision, TaxRules, TaxTreatment, split_gross

__all__ = [
    "BillingDetails",
    "Order",
    "OrderLine",
    "Party",
    "TaxDecision",
    "TaxRules",
    "TaxTreatment",
    "split_gross",
]
