"""Staff API bodies and views of licenses in the console: search, one license's page, the actions on it."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from helpdesk.licensing.public import License, LicenseEvent, LicenseState
from helpdesk.licensing.views.licensing import LicenseView
from helpdesk.licensing.views.renewals import RenewalView


class LicenseSearch(BaseModel):
    """GET /licenses query: every filter optional, combined with AND."""

    customer: str | None = Field(None, min_length=1, max_length=320)  # an e-mail address, or a customer id
    key: str | None = Field(
        None, min_length=12, max_length=4096
    )  # a license key, or its first ~60 characters
    product: str | None = Field(None, min_length=1, max_length=100)
    state: LicenseState | None = None
    domain: str | None = Field(None, min_length=1, max_length=253)
    limit: int = Field(25, ge=1, le=100)
    cursor: str | None = Field(None, max_length=1000)


class LicenseRowView(BaseModel):
    """A license in a list: no key, no activations (they cost a read each)."""

    id: str
    product: str
    edition: str
    title: str  # "Payments Plus — Standard"
    state: str
    customer_id: str
    customer: str = ""  # "Ann Lee <ann@acme.example>": what staff read instead of the id
    domains: list[str]
    issued: datetime
    expires: datetime | None

    @classmethod
    def of(cls, lic: License, now: datetime, title: str, customer: str = "") -> LicenseRowView:
        return cls(
            customer=customer,
            id=lic.id,
            product=lic.product,
            edition=lic.edition,
            title=title,
            state=lic.state_at(now).value,
            customer_id=lic.customer_id,
            domains=list(lic.domains),
            issued=lic.issued,
            expires=lic.expires,
        )


class LicenseListPageView(BaseModel):
    items: list[LicenseRowView]
    cursor: str | None  # more may follow: pass it back to continue the search


class UpgradeQuoteView(BaseModel):
    """An edition the license can move to, and the price difference a paid upgrade would cost."""

    edition: str
    name: str
    amount: int
    currency: str


class LicenseEventView(BaseModel):
    """One history entry: the phrase people read, and its parts."""

    at: datetime
    action: str
    actor: str
    reason: str
    text: str  # "Resumed by Anna Petrova: payment received"

    @classmethod
    def of(cls, event: LicenseEvent) -> LicenseEventView:
        return cls(
            at=event.at, action=event.action, actor=event.actor, reason=event.reason, text=event.phrase()
        )


class LicensePageView(BaseModel):
    """One license for staff: key, activations, why it is suspended or revoked, its history and period."""

    license: LicenseView
    holder: str  # "Ann Lee <ann@acme.example>": who the license belongs to, as people read it
    reason: str
    history: list[LicenseEventView]
    renewal: RenewalView | None
    upgrades: list[UpgradeQuoteView]


class TransferRequest(BaseModel):
    old_domain: str = Field(min_length=1, max_length=253)
    new_domain: str = Field(min_length=1, max_length=253)
    reason: str = Field("", max_length=500)


class UpgradeRequest(BaseModel):
    edition: str = Field(min_length=1, max_length=100)


class ReasonRequest(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


class ResumeRequest(BaseModel):
    reason: str = Field("", max_length=500)


class ExtendRequest(BaseModel):
    """A manager extending by hand: the new period end, as agreed with the customer."""

    until: datetime
    reason: str = Field("", max_length=500)
