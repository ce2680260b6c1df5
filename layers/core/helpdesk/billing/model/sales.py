"""Sales by product, customer or manager, summed from invoices in the accounting currency (pure).

Credit notes count with their negative amounts, so a refunded sale nets to zero in its group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from helpdesk.billing.model.invoices import Invoice


class SalesGroup(StrEnum):
    PRODUCT = "product"
    CUSTOMER = "customer"
    MANAGER = "manager"


@dataclass(frozen=True)
class SalesRow:
    key: str
    label: str
    documents: int  # invoices and credit notes that contributed
    net: int  # minor units of the accounting currency
    tax: int

    @property
    def total(self) -> int:
        return self.net + self.tax


def _parts(
    invoice: Invoice, group: SalesGroup, product_name: Callable[[str], str]
) -> Iterator[tuple[str, str, int, int]]:
    if group is SalesGroup.CUSTOMER:
        label = invoice.buyer.company or invoice.buyer.name
        yield invoice.customer_id, label, invoice.accounting_net, invoice.accounting_tax
        return
    for line in invoice.lines:
        if group is SalesGroup.PRODUCT:
            yield line.product, product_name(line.product), line.accounting_net, line.accounting_tax
        else:
            yield line.manager, line.manager, line.accounting_net, line.accounting_tax


def sales_by(
    invoices: list[Invoice], group: SalesGroup, product_name: Callable[[str], str] = str
) -> list[SalesRow]:
    """Rows with the largest total first; `product_name` labels a product's row (the catalogue's name)."""
    sums: dict[str, tuple[str, set[str], int, int]] = {}
    for invoice in invoices:
        for key, label, net, tax in _parts(invoice, group, product_name):
            first, seen, n, t = sums.get(key, (label, set(), 0, 0))  # the first invoice names the row
            sums[key] = (first, seen | {invoice.id}, n + net, t + tax)
    rows = [SalesRow(k, label, len(seen), n, t) for k, (label, seen, n, t) in sums.items()]
    return sorted(rows, key=lambda r: (-r.total, r.key))
