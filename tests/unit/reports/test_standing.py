"""Licenses and recurring revenue evaluated for a period, from facts as the roll-up writes them."""

from __future__ import annotations

from datetime import date

from helpdesk.reports.model.facts import Fact, ReportKind
from helpdesk.reports.model.standing import licenses_in, recurring_revenue, subscription_churn

END = date(2026, 11, 30)


def lic(
    n: int, plan: str, issued: date, expires: date | None, renewed: str = "", revoked: date | None = None
) -> Fact:
    values = {"issued": issued.toordinal()}
    if expires:
        values["expires"] = expires.toordinal()
    if revoked:
        values["revoked"] = revoked.toordinal()
    return Fact(
        ReportKind.LICENSES, f"license#{n}", None, {"product": "p", "plan": plan, "renewed": renewed}, values
    )


def sale(day: date, plan: str, net: int) -> Fact:
    return Fact(ReportKind.SALES, f"invoice#{day}#{plan}", day, {"plan": plan}, {"net": net})


def test_a_license_is_active_expiring_churned_or_renewed_in_the_period() -> None:
    facts = [
        lic(1, "yearly", date(2026, 1, 5), date(2027, 1, 5)),  # active
        lic(2, "monthly", date(2026, 10, 20), date(2026, 12, 20)),  # active, expiring within 30 days
        lic(3, "monthly", date(2026, 10, 1), date(2026, 11, 1)),  # lapsed in the period: churned
        lic(4, "monthly", date(2026, 9, 1), date(2026, 12, 29), renewed="2026-11-29"),  # renewed in it
        lic(5, "lifetime", date(2026, 2, 1), None, revoked=date(2026, 11, 15)),  # revoked: churned
    ]
    states = {f.source: f.values for f in licenses_in(facts, date(2026, 11, 1), END)}
    assert states["license#1"] == {"active": 1, "expiring": 0, "churned": 0, "renewed": 0}
    assert states["license#2"] == {"active": 1, "expiring": 1, "churned": 0, "renewed": 0}
    assert states["license#3"]["churned"] == 1 and states["license#3"]["active"] == 0
    assert states["license#4"] == {"active": 1, "expiring": 1, "churned": 0, "renewed": 1}
    assert states["license#5"] == {"active": 0, "expiring": 0, "churned": 1, "renewed": 0}
    churn = subscription_churn(facts, date(2026, 11, 1), END)
    assert churn == {"subscriptions_at_start": 4, "churned_subscriptions": 1, "churn_rate": 0.25}


def test_mrr_counts_monthly_plans_of_the_last_30_days_and_a_twelfth_of_yearly_ones() -> None:
    sales = [
        sale(date(2026, 11, 20), "monthly", 1900),
        sale(date(2026, 10, 15), "monthly", 1900),  # older than 30 days: not this month's revenue
        sale(date(2026, 3, 1), "yearly", 12000),
        sale(date(2026, 11, 25), "yearly", -12000),  # a refunded yearly plan
        sale(date(2026, 11, 2), "yearly", 24000),
        sale(date(2026, 11, 10), "lifetime", 30000),
    ]
    assert recurring_revenue(sales, END) == {"mrr": 1900 + 2000, "arr": (1900 + 2000) * 12}
