"""What other contexts may use of commerce: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.commerce.model.orders import CardRefund, Checkout, Offer, Order, OrderLine, PaymentEvent
from helpdesk.commerce.model.parties import BillingDetails, Party
from helpdesk.commerce.model.tax import TaxDecision, TaxRules, TaxTreatment, split_gross
from helpdesk.commerce.ports import PaymentSession, ServicePayments

__all__ = [
    "BillingDetails",
    "CardRefund",
    "Checkout",
    "Offer",
    "Order",
    "OrderLine",
    "PaymentEvent",
    "PaymentSession",
    "ServicePayments",
    "Party",
    "TaxDecision",
    "TaxRules",
    "TaxTreatment",
    "split_gross",
]
