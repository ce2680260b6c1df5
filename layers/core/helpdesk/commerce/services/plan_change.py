"""A subscription's plan change in the cabinet: the choices, the quote shown before confirming, and
the change (an upgrade's proration paid on the payment page, a downgrade scheduled for the end)."""

from __future__ import annotations

from helpdesk.commerce.model.catalogue import CURRENCIES, Plan, ProductNotFound, plan_of
from helpdesk.commerce.model.orders import CartInvalid, Offer
from helpdesk.commerce.model.plan_change import (
    PlanChangeInvalid,
    PlanChangeQuote,
    PlanOption,
    quote_plan_change,
)
from helpdesk.commerce.ports import PaymentSession, ProductStore
from helpdesk.commerce.services.checkout import CheckoutService
from helpdesk.commerce.services.self_service import held_license
from helpdesk.identity.public import Principal, organisation_scope
from helpdesk.kernel.clock import Clock
from helpdesk.licensing.public import License, LicenseAdminService, LicenseRepository

RECURRING = (Plan.MONTHLY, Plan.YEARLY)


class PlanChanges:
    def __init__(
        self,
        licenses: LicenseRepository,
        products: ProductStore,
        checkout: CheckoutService,
        admin: LicenseAdminService,
        clock: Clock,
    ) -> None:
        self._licenses, self._products, self._checkout = licenses, products, checkout
        self._admin, self._clock = admin, clock

    def options(self, caller: Principal, license_id: str) -> tuple[License, list[PlanOption]]:
        """Every monthly and yearly price of the product's editions in the license's currency."""
        license = held_license(self._licenses, caller, license_id)
        product = self._products.get(license.product)
        if product is None:
            raise ProductNotFound(f"{license.product} is no longer in the catalogue")
        found = []
        for edition in product.editions:
            for plan in RECURRING:
                try:
                    offer = product.offer(edition.id, plan, self._currency(license))
                except CartInvalid:
                    continue  # not sold on this plan
                current = (edition.id, plan.value) == (license.edition, plan_of(license).value)
                found.append(PlanOption(offer, current, edition.name))
        return license, found

    def quote(self, caller: Principal, license_id: str, edition: str, plan: str) -> PlanChangeQuote:
        """What the change costs now (or that it waits for the period's end): shown before confirming."""
        license = held_license(self._licenses, caller, license_id)
        return self._quote(license, edition, plan)[0]

    def change(
        self, caller: Principal, license_id: str, edition: str, plan: str, return_url: str
    ) -> tuple[PlanChangeQuote, PaymentSession | None]:
        """An upgrade opens the payment of its proration; a downgrade is scheduled and charges nothing now."""
        license = held_license(self._licenses, caller, license_id)
        quote, target = self._quote(license, edition, plan)
        if not quote.immediate:
            self._admin.schedule_change(license.id, quote.to)
            return quote, None
        email = (caller.email or "").lower()
        session = self._checkout.start_plan_change(
            license, quote, target, email, return_url, organisation_scope(caller)
        )
        return quote, session

    def _quote(self, license: License, edition: str, plan: str) -> tuple[PlanChangeQuote, Offer]:
        product = self._products.get(license.product)
        if product is None or plan not in {p.value for p in RECURRING}:
            raise PlanChangeInvalid(f"{license.product} is not sold {plan}")
        currency, current_plan = self._currency(license), plan_of(license)
        if current_plan is Plan.LIFETIME:
            raise PlanChangeInvalid(f"license {license.id} is sold for life: it has no plan to change")
        current = product.offer(license.edition, current_plan, currency)
        target = product.offer(edition, Plan(plan), currency)
        try:
            reference = product.offer(license.edition, Plan(plan), currency)
        except CartInvalid:
            reference = current  # the current edition is not sold on that plan: compare per month
        return quote_plan_change(license, current, target, reference, self._clock.now()), target

    @staticmethod
    def _currency(license: License) -> str:
        return license.currency or CURRENCIES[0]
