"""What the CRM connectors share: parties found by e-mail or domain, won deals from paid orders, and the
customer's CRM profile the vendors' webhooks keep current."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class CrmParty:
    """A person (and their organisation, if any) in the CRM."""

    person_id: str
    org_id: str | None = None
    name: str = ""


@dataclass(frozen=True)
class WonDeal:
    title: str
    value: Decimal  # major units, as the CRMs take them
    currency: str
    won_at: datetime
    party: CrmParty
    reference: str  # our order id, kept on the deal where the CRM allows


@dataclass(frozen=True)
class CrmDeal:
    deal_id: str
    title: str = ""
    status: str = "open"  # open | won | lost | deleted
    value: str = ""
    currency: str = ""


@dataclass(frozen=True)
class CrmProfile:
    """A customer as one CRM sees them; kept current by its webhooks, shown in the customer panel."""

    connector: str
    customer_id: str
    person_id: str = ""
    org_id: str = ""
    name: str = ""
    phones: tuple[str, ...] = ()
    deals: tuple[CrmDeal, ...] = field(default=())
    updated_at: datetime | None = None

    def with_deal(self, deal: CrmDeal, at: datetime) -> CrmProfile:
        others = tuple(d for d in self.deals if d.deal_id != deal.deal_id)
        return replace(self, deals=(*others, deal), updated_at=at)

    def open_deal(self) -> CrmDeal | None:
        return next((d for d in self.deals if d.status == "open"), None)


def deal_title(order_label: str, customer: str) -> str:
    return f"{order_label} - {customer}"[:255]
