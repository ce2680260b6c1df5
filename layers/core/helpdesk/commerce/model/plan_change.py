"""Changing a subscription's plan (pure): an upgrade (a better edition, or a longer interval) is prorated and
paid now, a downgrade (a cheaper edition, or a shorter interval) waits for the period's end, as Stripe's
customer portal does it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from helpdesk.commerce.model.orders import Offer
from helpdesk.commerce.model.proration import Proration, period_start, prorate
from helpdesk.kernel.errors import Invalid
from helpdesk.licensing.public import License, Money, PlanChoice


class PlanChangeInvalid(Invalid):
    """Not a plan this license can change to (sold for life, not in use, the same plan, no such price)."""


@dataclass(frozen=True)
class PlanChangeQuote:
    license_id: str
    to: PlanChoice
    proration: Proration | None  # None: a downgrade, nothing is charged before the period's end
    effective: datetime  # now, or the period's end
    next_price: Money  # what each period costs on the new plan

    @property
    def immediate(self) -> bool:
        return self.proration is not None

    @property
    def due(self) -> Money:
        return Money(self.proration.due if self.proration else 0, self.next_price.currency)


@dataclass(frozen=True)
class PlanOption:
    offer: Offer  # an edition on a plan, priced in the license's currency
    current: bool
    edition_name: str = ""


def offer_title(offer: Offer) -> str:
    return f"{offer.name} {offer.edition} ({offer.plan})"


def quote_plan_change(
    license: License, current: Offer, target: Offer, reference: Offer, now: datetime
) -> PlanChangeQuote:
    """`reference`: the license's edition priced on the target's plan (or its current offer), to tell a
    cheaper edition from a better one whatever the interval."""
    if license.expires is None or current.term is None:
        raise PlanChangeInvalid(f"license {license.id} is sold for life: it has no plan to change")
    if target.term is None:
        raise PlanChangeInvalid("a subscription changes to a monthly or yearly plan")
    if not license.state_at(now).usable or license.renewal_cancelled:
        raise PlanChangeInvalid(f"license {license.id} does not renew: resume it before changing its plan")
    if (target.edition, target.plan) == (license.edition, current.plan):
        raise PlanChangeInvalid(f"license {license.id} is on {target.edition} {target.plan} already")
    to = PlanChoice(target.edition, target.plan, target.max_activations)
    per_month = target.price.amount * reference.term.months if reference.term else 0
    cheaper = per_month < reference.price.amount * target.term.months
    if target.term.months < current.term.months or (target.edition != license.edition and cheaper):
        return PlanChangeQuote(license.id, to, None, license.expires, target.price)
    start = period_start(license.expires, current.term, license.issued)
    new_term = None if target.term == current.term else target.term
    change = prorate(current.price, target.price, start, license.expires, now, new_term,
                     offer_title(current), offer_title(target))  # fmt: skip
    return PlanChangeQuote(license.id, to, change, now, target.price)
