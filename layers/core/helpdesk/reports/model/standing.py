"""Reports of standing state (licenses, the open backlog, recurring revenue) evaluated for a period (pure).

A license fact carries its current dates, so a past period is judged by what the license looks like now: a
license that lapsed then and was renewed since no longer counts as churned then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from helpdesk.reports.model.facts import Fact
from helpdesk.reports.model.tables import Number, percentile

EXPIRING_DAYS = 30
RECURRING = ("monthly", "yearly")


def day_number(d: date) -> int:
    return d.toordinal()


def _license_state(fact: Fact, start: date, end: date) -> dict[str, int]:
    issued, expires, revoked = (fact.values.get(k) for k in ("issued", "expires", "revoked"))
    first, last = day_number(start), day_number(end)
    renewals = [date.fromisoformat(d) for d in fact.dims.get("renewed", "").split(",") if d]
    live = issued is not None and issued <= last and (revoked is None or revoked > last)
    active = live and (expires is None or expires > last)
    lapsed = expires is not None and first <= expires <= last
    return {
        "active": int(active),
        "expiring": int(active and expires is not None and expires <= last + EXPIRING_DAYS),
        "churned": int(lapsed or (revoked is not None and first <= revoked <= last)),
        "renewed": int(any(start <= r <= end for r in renewals)),
    }


def licenses_in(facts: Iterable[Fact], start: date, end: date) -> list[Fact]:
    """Each license fact with its counts for the period; the period's last day names its `day`."""
    return [replace(f, day=end, values=_license_state(f, start, end)) for f in facts]


def subscription_churn(facts: Iterable[Fact], start: date, end: date) -> dict[str, Number]:
    subscriptions = [f for f in facts if f.dims.get("plan") in RECURRING]
    before = start - timedelta(days=1)
    at_start = sum(_license_state(f, before, before)["active"] for f in subscriptions)
    churned = sum(_license_state(f, start, end)["churned"] for f in subscriptions)
    return {
        "subscriptions_at_start": at_start,
        "churned_subscriptions": churned,
        "churn_rate": round(churned / at_start, 4) if at_start else None,
    }


def recurring_revenue(sales: Iterable[Fact], end: date) -> dict[str, Number]:
    """MRR: monthly plans invoiced in the 30 days to `end`, plus a twelfth of the year's yearly ones."""
    monthly = yearly = 0
    for fact in sales:
        if fact.day is None or fact.day > end:
            continue
        age = (end - fact.day).days
        if fact.dims.get("plan") == "monthly" and age < 30:
            monthly += fact.values.get("net", 0)
        elif fact.dims.get("plan") == "yearly" and age < 365:
            yearly += fact.values.get("net", 0)
    mrr = monthly + round(yearly / 12)
    return {"mrr": mrr, "arr": mrr * 12}


def backlog(facts: Iterable[Fact], now: datetime) -> dict[str, Number]:
    """Tickets open now that were opened by `now`: how many and how old (hours), in age buckets."""
    minute = int(now.timestamp() // 60)
    ages = [
        (minute - f.values["opened"]) // 60 for f in facts if f.values.get("opened", minute + 1) <= minute
    ]
    buckets = {"backlog_under_1d": 0, "backlog_1_3d": 0, "backlog_3_7d": 0, "backlog_over_7d": 0}
    for hours in ages:
        name = (
            "backlog_under_1d"
            if hours < 24
            else "backlog_1_3d"
            if hours < 72
            else "backlog_3_7d"
            if hours < 168
            else "backlog_over_7d"
        )
        buckets[name] += 1
    return {"backlog": len(ages), "backlog_median_age_hours": percentile(ages, 0.5), **buckets}
