"""What each report groups by, sums and derives, and which of its columns are revenue (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.reports.model.facts import ReportKind
from helpdesk.reports.model.tables import Derive, Number, percentile, ratio


@dataclass(frozen=True)
class Column:
    name: str
    unit: str  # count | minutes | money | ratio
    revenue: bool = False  # hidden from roles that may not see revenue


@dataclass(frozen=True)
class Definition:
    kind: ReportKind
    group_by: tuple[str, ...]  # the first is the default
    columns: tuple[Column, ...]
    sums: tuple[str, ...]
    samples: tuple[str, ...]
    derive: Derive
    employee_dimension: str | None  # whose figures a row is, for "own figures only"


def _sales(t: dict[str, int], _: dict[str, list[int]]) -> dict[str, Number]:
    return {}


def _support(t: dict[str, int], s: dict[str, list[int]]) -> dict[str, Number]:
    met, due = t["sla_met"], t["sla_due"]
    return {
        "first_response_median": percentile(s["first_response"], 0.5),
        "first_response_p90": percentile(s["first_response"], 0.9),
        "resolution_median": percentile(s["resolution"], 0.5),
        "resolution_p90": percentile(s["resolution"], 0.9),
        "sla_compliance": ratio(met, due),
        "csat_score": ratio(t["csat_good"], t["csat_good"] + t["csat_bad"]),
    }


def _work(t: dict[str, int], _: dict[str, list[int]]) -> dict[str, Number]:
    hours = t["minutes"] / 60 if t["minutes"] else 0
    return {
        "hours": round(hours, 2),
        "billable_ratio": ratio(t["billable_minutes"], t["minutes"]),
        "estimate_ratio": ratio(t["task_minutes"], t["estimate_minutes"]),
        "revenue_per_hour": round(t["revenue"] / hours) if hours and t["revenue"] else None,
    }


def _licenses(t: dict[str, int], _: dict[str, list[int]]) -> dict[str, Number]:
    return {"renewal_rate": ratio(t["renewed"], t["renewed"] + t["churned"])}


C = Column
DEFINITIONS = {
    ReportKind.SALES: Definition(
        ReportKind.SALES,
        ("product", "plan", "client", "manager", "country", "currency", "month", "kind"),
        (
            C("net", "money", True),
            C("new", "money", True),
            C("renewal", "money", True),
            C("refunds", "money", True),
            C("lines", "count"),
        ),
        ("net", "new", "renewal", "refunds", "lines"),
        (),
        _sales,
        None,
    ),
    ReportKind.SUPPORT: Definition(
        ReportKind.SUPPORT,
        ("day", "agent", "mailbox", "priority", "month"),
        (
            C("in", "count"),
            C("solved", "count"),
            C("first_response_median", "minutes"),
            C("first_response_p90", "minutes"),
            C("resolution_median", "minutes"),
            C("resolution_p90", "minutes"),
            C("sla_compliance", "ratio"),
            C("csat_good", "count"),
            C("csat_bad", "count"),
            C("csat_score", "ratio"),
        ),
        ("in", "solved", "sla_met", "sla_due", "csat_good", "csat_bad"),
        ("first_response", "resolution"),
        _support,
        "agent",
    ),
    ReportKind.WORK: Definition(
        ReportKind.WORK,
        ("employee", "client", "project", "day", "month"),
        (
            C("hours", "count"),
            C("minutes", "minutes"),
            C("billable_minutes", "minutes"),
            C("billable_ratio", "ratio"),
            C("estimate_minutes", "minutes"),
            C("task_minutes", "minutes"),
            C("estimate_ratio", "ratio"),
            C("revenue", "money", True),
            C("revenue_per_hour", "money", True),
        ),
        ("minutes", "billable_minutes", "estimate_minutes", "task_minutes", "revenue"),
        (),
        _work,
        "employee",
    ),
    ReportKind.LICENSES: Definition(
        ReportKind.LICENSES,
        ("product", "plan"),
        (
            C("active", "count"),
            C("expiring", "count"),
            C("churned", "count"),
            C("renewed", "count"),
            C("renewal_rate", "ratio"),
        ),
        ("active", "expiring", "churned", "renewed"),
        (),
        _licenses,
        None,
    ),
}
