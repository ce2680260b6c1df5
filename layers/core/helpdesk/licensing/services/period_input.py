"""Builds a period's execution input: the plan's instants become wall-clock waits through a Timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from helpdesk.licensing.model.lifecycle import LicenseRenewal, PeriodPlan, RenewalState
from helpdesk.licensing.ports import Timeline
from helpdesk.licensing.views.lifecycle import (
    ChargeStep,
    DynamoKey,
    GraceStep,
    IndexEntry,
    PeriodInput,
    ReminderStep,
    stored_time,
    wait_time,
)
from helpdesk.licensing.views.queue import ChargeRequest, LapseTicketRequested, ReminderMail
from helpdesk.notices.views import NotifyRequested


class RealTimeline:
    def wall(self, instant: datetime, now: datetime) -> datetime:
        return instant


@dataclass(frozen=True)
class CompressedTimeline:
    """A day lasts `seconds_per_day` (tests, demos): a 30-day reminder is seconds away, in the same order."""

    seconds_per_day: float

    def wall(self, instant: datetime, now: datetime) -> datetime:
        days = (instant - now) / timedelta(days=1)
        return now + timedelta(seconds=max(days, 0) * self.seconds_per_day)


def license_key(license_id: str, sk: str) -> DynamoKey:
    return DynamoKey(pk={"S": f"LICENSE#{license_id}"}, sk={"S": sk})


def period_input(
    plan: PeriodPlan,
    renewal: LicenseRenewal,
    title: str,
    timeline: Timeline,
    now: datetime,
    cabinet_url: str,
    charge_timeout: timedelta,
) -> PeriodInput:
    """`title`: what people read for the license ("Payments Plus — Standard"), never its slugs or id."""
    lid, end, period = plan.license_id, plan.period_end, f"{plan.license_id}:{plan.period_end:%Y%m%d}"
    renew_url = f"{cabinet_url}/licenses/{lid}/renew"
    reminders = [
        ReminderStep(
            at=wait_time(timeline.wall(when, now)),
            mail=ReminderMail(
                idempotency_key=f"license-reminder:{period}:{days}",
                license_id=lid,
                customer_id=renewal.customer_id,
                product=renewal.product,
                days_left=days,
                period_end=end,
                renew_url=renew_url,
            ),
            notice=NotifyRequested(
                notice_id=f"license-reminder:{period}:{days}",
                audience="customer",
                recipient=renewal.customer_id,
                subject=f"Your {title} license ends in {days} days",
                text=_reminder_text(renewal, end),
                link=renew_url,
            ),
        )
        for days, when in plan.reminders
    ]
    charges = [
        ChargeStep(
            at=wait_time(timeline.wall(when, now)),
            request=ChargeRequest(
                license_id=lid,
                customer_id=renewal.customer_id,
                period_end=end,
                new_period_end=plan.next_period_end,
                amount=renewal.price.amount,
                currency=renewal.price.currency,
                attempt=n,
                idempotency_key=f"license-charge:{period}:{n}",
            ),
        )
        for n, when in enumerate(plan.charges, start=1)
    ]
    grace_pk, grace_sk = renewal.at(RenewalState.GRACE).index_key()
    lost_pk, lost_sk = renewal.at(RenewalState.EXPIRED).index_key()
    return PeriodInput(
        license_id=lid,
        license_key=license_key(lid, "LICENSE"),
        renewal_key=license_key(lid, "RENEWAL"),
        period_end=stored_time(end),
        reminders=reminders,
        reminder_count=len(reminders),
        expiry_at=wait_time(timeline.wall(end, now)),
        charges=charges,
        charge_count=len(charges),
        charge_timeout_seconds=max(1, int(charge_timeout.total_seconds())),
        grace=GraceStep(
            ends_at=wait_time(timeline.wall(plan.grace_until, now)), gsi1pk=grace_pk, gsi1sk=grace_sk
        ),
        lost=IndexEntry(gsi1pk=lost_pk, gsi1sk=lost_sk),
        ticket=LapseTicketRequested(
            idempotency_key=f"license-lapse:{period}",
            license_id=lid,
            customer_id=renewal.customer_id,
            manager=renewal.manager,
            product=renewal.product,
            subject=f"Call the customer: their {title} license is in grace",
            body=f"The period ended {end:%Y-%m-%d} unpaid; the license expires {plan.grace_until:%Y-%m-%d}.",
            grace_until=plan.grace_until,
        ),
        expired_notice=NotifyRequested(
            notice_id=f"license-expired:{period}",
            audience="customer",
            recipient=renewal.customer_id,
            subject=f"Your {title} license has expired",
            text="Renew it in the cabinet to get updates and support again.",
            link=renew_url,
        ),
    )


def _reminder_text(renewal: LicenseRenewal, end: datetime) -> str:
    if renewal.subscription:
        return f"It renews automatically on {end:%Y-%m-%d}; check your payment method in the cabinet."
    return f"Renew it before {end:%Y-%m-%d} to keep updates and support."
