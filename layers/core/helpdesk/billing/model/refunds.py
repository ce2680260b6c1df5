"""The credit note of a card refund of an invoice for services (pure).

A refund gives back part (or all) of the gross amount paid. Its credit note carries one line whose VAT and
accounting amounts are the invoice's in proportion to what has been refunded so far, each cumulative amount
rounded half away from zero and the note taking the difference from the previous ones: however a payment is
refunded in parts, once all of it is back the credit notes add up to exactly the invoice, negated.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from helpdesk.billing.model.invoices import Invoice, InvoiceKind, InvoiceLine, invoice_id_for
from helpdesk.billing.model.receivables import Refund
from helpdesk.kernel.money import round_minor


def refund_credit_note(
    original: Invoice, refund: Refund, refunded_before: int, issued_at: datetime
) -> Invoice:
    """The credit note of `refund`, which follows `refunded_before` minor units already refunded."""
    total = original.total
    if not 0 < refund.amount <= total - refunded_before:
        raise ValueError("a refund credits at most what the invoice has not credited yet")

    def share(amount: int) -> int:  # the part of `amount` that `refund` gives back
        after, before = refunded_before + refund.amount, refunded_before
        return _part(amount, after, total) - _part(amount, before, total)

    tax = share(original.tax_amount)
    line = InvoiceLine(
        f"Card refund {refund.id} of invoice {original.number}",
        "services",
        original.lines[0].edition if original.lines else "time",
        "",
        -(refund.amount - tax),
        -tax,
        -share(original.accounting_net),
        -share(original.accounting_tax),
    )
    return replace(
        original,
        id=invoice_id_for(refund.credit_source, InvoiceKind.CREDIT_NOTE),
        number="",
        kind=InvoiceKind.CREDIT_NOTE,
        source_id=refund.credit_source,
        issued_at=issued_at,
        lines=(line,),
        credits_id=original.id,
        credits_number=original.number,
    )


def _part(amount: int, refunded: int, total: int) -> int:
    return round_minor(Decimal(amount) * refunded / total)
