"""Bodies and views of a subscription's plan change in the cabinet."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.commerce.model.plan_change import PlanChangeQuote, PlanOption
from helpdesk.licensing.public import License


class PlanChangeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    edition: str = Field(min_length=1, max_length=64)
    plan: str = Field(pattern="^(monthly|yearly)$")


class PlanOptionView(BaseModel):
    edition: str
    name: str  # the edition's name, as the shop shows it
    plan: str
    amount: int  # each period, minor units
    currency: str
    current: bool


class PlanOptionsView(BaseModel):
    license_id: str
    scheduled: PlanChangeRequest | None  # a downgrade waiting for the period's end
    options: list[PlanOptionView]

    @classmethod
    def of(cls, license: License, options: list[PlanOption]) -> PlanOptionsView:
        later = license.scheduled_change
        return cls(
            license_id=license.id,
            scheduled=PlanChangeRequest(edition=later.edition, plan=later.plan) if later else None,
            options=[
                PlanOptionView(
                    edition=o.offer.edition,
                    name=o.edition_name,
                    plan=o.offer.plan,
                    amount=o.offer.price.amount,
                    currency=o.offer.price.currency,
                    current=o.current,
                )
                for o in options
            ],
        )


class ProrationLineView(BaseModel):
    description: str
    amount: int  # a credit is negative


class PlanChangeView(BaseModel):
    """The quote shown before confirming; after confirming, `url` is the payment page of an upgrade."""

    license_id: str
    edition: str
    plan: str
    immediate: bool  # False: a downgrade, it takes effect at `effective` and nothing is charged now
    effective: datetime
    due: int  # charged now, minor units
    currency: str
    next_price: int  # each period on the new plan
    period_end: datetime | None  # the period's end after the change
    lines: list[ProrationLineView]
    url: str | None = None
    session_id: str | None = None

    @classmethod
    def of(
        cls, quote: PlanChangeQuote, url: str | None = None, session_id: str | None = None
    ) -> PlanChangeView:
        proration = quote.proration
        return cls(
            license_id=quote.license_id,
            edition=quote.to.edition,
            plan=quote.to.plan,
            immediate=quote.immediate,
            effective=quote.effective,
            due=quote.due.amount,
            currency=quote.due.currency,
            next_price=quote.next_price.amount,
            period_end=proration.ends if proration else None,
            lines=[ProrationLineView(description=x.description, amount=x.amount) for x in proration.lines]
            if proration
            else [],
            url=url,
            session_id=session_id,
        )
