"""License periods on Step Functions: start a period's workflow, renew, answer charge tasks, show risk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Conflict
from helpdesk.licensing.model.history import SYSTEM
from helpdesk.licensing.model.license import License
from helpdesk.licensing.model.lifecycle import AtRisk, LicenseRenewal, execution_name, plan_period
from helpdesk.licensing.ports import (
    LicenseRepository,
    ProductNames,
    RenewalStore,
    RenewalTermsSource,
    SlugNames,
    SubscriptionPayments,
    TaskClosed,
    Timeline,
    Workflows,
)
from helpdesk.licensing.services.period_input import period_input
from helpdesk.licensing.views.queue import ChargeTask

SAVE_ATTEMPTS = 5


RENEWAL_CHARGE = "paid by the saved card"  # the charge's id is in the payment log, not for people


class LicenseLifecycle:
    def __init__(
        self,
        licenses: LicenseRepository,
        renewals: RenewalStore,
        workflows: Workflows,
        payments: SubscriptionPayments,
        terms: RenewalTermsSource,
        timeline: Timeline,
        clock: Clock,
        cabinet_url: str,
        charge_timeout: timedelta = timedelta(hours=6),
        names: ProductNames | None = None,
    ) -> None:
        """`names`: the catalogue's titles for what customers and staff read (notices, tickets, charges)."""
        self._names = names or SlugNames()
        self._licenses, self._renewals, self._workflows = licenses, renewals, workflows
        self._payments, self._terms, self._timeline, self._clock = payments, terms, timeline, clock
        self._cabinet_url, self._charge_timeout = cabinet_url, charge_timeout

    def start_period(self, license: License, now: datetime) -> str:
        """Record the period and start its workflow; starting the same period again changes nothing."""
        terms = self._terms.terms_for(license)
        plan = plan_period(license, terms, now)
        if license.grace_until != plan.grace_until:
            license, _ = self._save(
                license.id,
                lambda lic: (
                    replace(lic, grace_until=plan.grace_until) if lic.expires == plan.period_end else None
                ),
            )
        renewal = LicenseRenewal(
            license.id,
            license.customer_id,
            license.product,
            license.edition,
            terms.manager,
            plan.period_end,
            plan.grace_until,
            terms.price,
            terms.subscription,
        )
        self._renewals.put(renewal)
        title = self._names.title(license.product, license.edition)
        payload = period_input(
            plan, renewal, title, self._timeline, now, self._cabinet_url, self._charge_timeout
        )
        return self._workflows.start(
            execution_name(license.id, plan.period_end), payload.model_dump(mode="json")
        )

    def renew(self, license_id: str, new_period_end: datetime, source: str, by: str = SYSTEM) -> bool:
        """Extend to `new_period_end` once (a duplicated webhook finds it done) and start the next period.
        `source` is what paid for it or why; `by` who did it (history)."""
        now = self._clock.now()

        def extend(lic: License) -> License | None:
            if lic.expires is None or lic.expires >= new_period_end:
                return None
            grace = self._terms.terms_for(lic).grace
            return lic.renew(new_period_end, new_period_end + grace, now, source, by)

        current, extended = self._save(license_id, extend)
        if current.expires == new_period_end:
            self.start_period(current, now)  # also completes a renewal whose start failed last time
        return extended

    def handle_charge_task(self, task: ChargeTask) -> str:
        """Charge one dunning attempt and answer the workflow; returns what happened."""
        request = task.charge
        license = self._licenses.get(request.license_id)
        if license.expires is not None and license.expires > request.period_end:
            return self._answer(task, outcome="already_renewed")  # paid otherwise, or its plan changed
        if license.renewal_cancelled:  # the customer ends it at the period's end: no charge, it lapses
            try:
                self._workflows.fail_task(task.task_token, "RenewalCancelled", "cancelled by the customer")
            except TaskClosed:
                pass
            return "cancelled"
        # Priced when charged, as the next period is sold: a plan changed or scheduled since the period
        # started (the workflow's input) is what the customer now pays for.
        terms = self._terms.terms_for(license)
        new_end = terms.period.next_end(request.period_end, license.issued)
        edition = license.next_period_choice.edition
        charged = self._payments.charge(
            request.customer_id,
            terms.price,
            request.idempotency_key,
            f"{self._names.title(license.product, edition)} license ({', '.join(license.domains)}) "
            f"until {new_end:%Y-%m-%d}",
        )
        if not charged.paid:
            try:
                self._workflows.fail_task(task.task_token, "PaymentDeclined", charged.reason or "declined")
            except TaskClosed:
                pass  # the attempt timed out meanwhile: the workflow has moved on
            return "declined"
        self.renew(request.license_id, new_end, RENEWAL_CHARGE)
        return self._answer(task, outcome="paid", reference=charged.reference)

    def licenses_at_risk(
        self, now: datetime, days: tuple[int, ...] = (30, 60, 90), lost_days: int = 30
    ) -> AtRisk:
        upcoming = self._renewals.ending_between(now, now + timedelta(days=max(days)))
        expiring = {d: [r for r in upcoming if r.period_end < now + timedelta(days=d)] for d in days}
        in_grace = self._renewals.in_grace()
        revenue: dict[str, int] = {}
        for r in [*upcoming, *in_grace]:
            revenue[r.price.currency] = revenue.get(r.price.currency, 0) + r.price.amount
        lost = self._renewals.lost_between(now - timedelta(days=lost_days), now + timedelta(seconds=1))
        return AtRisk(expiring, in_grace, lost, revenue)

    def renewal_of(self, license_id: str) -> LicenseRenewal | None:
        """The cabinet's renewal date and state of one license."""
        return self._renewals.get(license_id)

    def renewals_for_customer(self, customer_id: str) -> list[LicenseRenewal]:
        """The cabinet's renewal dates: every renewable license of the customer, soonest first."""
        found = [self._renewals.get(lic.id) for lic in self._licenses.list_for_customer(customer_id)]
        return sorted((r for r in found if r is not None), key=lambda r: r.period_end)

    def _answer(self, task: ChargeTask, **output: str) -> str:
        try:
            self._workflows.succeed_task(task.task_token, output)
        except TaskClosed:
            pass  # a redelivered message: the first delivery answered already
        return output["outcome"]

    def _save(self, license_id: str, change: Callable[[License], License | None]) -> tuple[License, bool]:
        """Apply `change` to the stored license under optimistic locking; None from it means nothing to do."""
        for _ in range(SAVE_ATTEMPTS):
            current = self._licenses.get(license_id)
            changed = change(current)
            if changed is None:
                return current, False
            try:
                return self._licenses.save(changed), True
            except Conflict:
                continue
        raise Conflict(f"license {license_id} kept changing; try again")
