"""API views of the lifecycle: the console's licenses at risk, the cabinet's renewal of one license."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pydantic import BaseModel

from helpdesk.licensing.model.lifecycle import AtRisk, LicenseRenewal


class RenewalView(BaseModel):
    license_id: str
    customer_id: str
    product: str
    edition: str
    manager: str
    state: str  # active | grace | expired
    renews_on: datetime  # the period end: the cabinet's "renewal date"
    grace_until: datetime
    automatic: bool  # a subscription charged on its own; otherwise the customer renews in the cabinet
    amount: int
    currency: str
    title: str = ""  # "Payments Plus — Standard" where the caller knows the catalogue
    customer: str = ""  # the holder's name or e-mail where the caller knows the people

    @classmethod
    def of(cls, r: LicenseRenewal, title: str = "", customer: str = "") -> RenewalView:
        return cls(
            title=title,
            customer=customer,
            license_id=r.license_id,
            customer_id=r.customer_id,
            product=r.product,
            edition=r.edition,
            manager=r.manager,
            state=r.state.value,
            renews_on=r.period_end,
            grace_until=r.grace_until,
            automatic=r.subscription,
            amount=r.price.amount,
            currency=r.price.currency,
        )


class AtRiskView(BaseModel):
    expiring: dict[int, list[RenewalView]]  # window in days -> licenses ending within it
    in_grace: list[RenewalView]
    lost: list[RenewalView]
    revenue_at_risk: dict[str, int]

    @classmethod
    def of(cls, risk: AtRisk, named: Callable[[LicenseRenewal], RenewalView] = RenewalView.of) -> AtRiskView:
        """`named`: the row of a renewal with the product's and the holder's names."""
        return cls(
            expiring={days: [named(r) for r in rs] for days, rs in risk.expiring.items()},
            in_grace=[named(r) for r in risk.in_grace],
            lost=[named(r) for r in risk.lost],
            revenue_at_risk=risk.revenue_at_risk,
        )
