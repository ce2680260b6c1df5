"""What other contexts may use of billing: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.billing.model.invoices import Invoice

__all__ = [
    "Invoice",
]
