"""Reports as the API serves them: the caller's scope, the period and the previous one, rows and summaries."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from helpdesk.identity.public import Principal, Role
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Forbidden, Invalid
from helpdesk.reports.model.definitions import DEFINITIONS, Column, Definition
from helpdesk.reports.model.facts import STANDING, Fact, ReportKind, months
from helpdesk.reports.model.standing import backlog, licenses_in, recurring_revenue, subscription_churn
from helpdesk.reports.model.tables import Number, Row, group, total
from helpdesk.reports.ports import FactStore
from helpdesk.reports.services.exports import export
from helpdesk.reports.views import ColumnView, ReportFile, ReportQuery, ReportView, RowView

REVENUE_ROLES = frozenset({Role.ADMIN, Role.MANAGER, Role.ACCOUNTANT})
HOURS_ROLES = frozenset({Role.HR, Role.DEVELOPER})
HOURS_REPORTS = (ReportKind.SUPPORT, ReportKind.WORK)


class ReportForbidden(Forbidden):
    """The caller's role may not see this report or these figures."""


class Scope:
    """What a caller may see: revenue or not, everyone's figures or only their own."""

    def __init__(self, caller: Principal, kind: ReportKind, employee: str | None) -> None:
        self.revenue = caller.has_any(REVENUE_ROLES)
        if not self.revenue and not (caller.has_any(HOURS_ROLES) and kind in HOURS_REPORTS):
            raise ReportForbidden("this report shows revenue")
        own = (caller.email or "").lower()
        self.only = employee.lower() if employee else None
        if not self.revenue and not caller.has_any({Role.HR}):  # an employee: their own figures only
            if self.only not in (None, own):
                raise ReportForbidden("you may see your own figures only")
            self.only = own

    def columns(self, d: Definition) -> list[Column]:
        return [c for c in d.columns if self.revenue or not c.revenue]

    def keep(self, d: Definition, fact: Fact) -> bool:
        if self.only is None or d.employee_dimension is None:
            return True
        return fact.dims.get(d.employee_dimension, "").lower() == self.only


def previous_period(start: date, end: date) -> tuple[date, date]:
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)


class Reports:
    def __init__(self, store: FactStore, currency: str, clock: Clock) -> None:
        self._store, self._currency, self._clock = store, currency, clock

    def report(self, caller: Principal, kind: ReportKind, query: ReportQuery) -> ReportView:
        d = DEFINITIONS[kind]
        group_by = query.group_by or d.group_by[0]
        if group_by not in d.group_by:
            raise Invalid(f"group_by is one of {', '.join(d.group_by)}")
        scope = Scope(caller, kind, query.employee)
        start, end = query.period()
        before = previous_period(start, end)
        facts = [f for f in self._facts(kind, before[0], end, scope) if scope.keep(d, f)]
        rows, totals, summary = self._period(d, facts, start, end, group_by)
        old_rows, old_totals, old_summary = self._period(d, facts, *before, group_by)
        names = [c.name for c in scope.columns(d)]
        previous = {_aligned(r.key, group_by, start - before[0]): r.values for r in old_rows}
        return ReportView(
            report=kind,
            start=start,
            end=end,
            previous_start=before[0],
            previous_end=before[1],
            group_by=group_by,
            currency=self._currency,
            columns=[ColumnView(name=c.name, unit=c.unit) for c in scope.columns(d)],
            rows=[
                RowView(
                    key=r.key, values=_only(r.values, names), previous=_only(previous.get(r.key, {}), names)
                )
                for r in rows
            ],
            totals=_only(totals, names),
            previous_totals=_only(old_totals, names),
            summary=_visible(summary, scope),
            previous_summary=_visible(old_summary, scope),
            source="stream roll-up",
        )

    def export(self, report: ReportView, fmt: str) -> ReportFile:
        """The report as a CSV or XLSX file (the same rows and totals as the JSON answer)."""
        return export(report, fmt)

    def _facts(self, kind: ReportKind, start: date, end: date, scope: Scope) -> list[Fact]:
        if kind is ReportKind.LICENSES:
            return self._store.facts(kind, [STANDING])
        if kind is ReportKind.SALES:  # a year back for recurring revenue
            return self._store.facts(kind, months(start - timedelta(days=366), end)) + self._store.facts(
                ReportKind.LICENSES, [STANDING]
            )
        found = self._store.facts(
            kind, [*months(start, end), STANDING] if kind is ReportKind.SUPPORT else months(start, end)
        )
        if kind is ReportKind.WORK and scope.revenue:
            sales = self._store.facts(ReportKind.SALES, months(start, end))
            found += [
                Fact(
                    ReportKind.WORK,
                    f.source,
                    f.day,
                    {"client": f.dims.get("client_id", "-")},
                    {"revenue": f.values.get("net", 0)},
                )
                for f in sales
            ]
        return found

    def _period(
        self, d: Definition, facts: list[Fact], start: date, end: date, group_by: str
    ) -> tuple[list[Row], dict[str, Number], dict[str, Number]]:
        summary: dict[str, Number] = {}
        if d.kind is ReportKind.LICENSES:
            inside = licenses_in(facts, start, end)
        else:
            inside = [f for f in facts if f.report is d.kind and f.day is not None and start <= f.day <= end]
        if d.kind is ReportKind.SALES:
            licenses = [f for f in facts if f.report is ReportKind.LICENSES]
            summary = {
                **recurring_revenue([f for f in facts if f.report is ReportKind.SALES], end),
                **subscription_churn(licenses, start, end),
            }
        if d.kind is ReportKind.SUPPORT:
            summary = backlog([f for f in facts if f.day is None], self._now(end))
        grouped = [
            f
            for f in inside
            if not (d.kind is ReportKind.WORK and group_by != "client" and "revenue" in f.values)
        ]
        rows = group(grouped, group_by, list(d.sums), list(d.samples), d.derive)
        if d.kind is ReportKind.WORK and group_by != "client":  # revenue is known per client only
            rows = [Row(r.key, {**r.values, "revenue": None, "revenue_per_hour": None}) for r in rows]
        return rows, total(inside, list(d.sums), list(d.samples), d.derive), summary

    def _now(self, end: date) -> datetime:
        now = self._clock.now()
        return min(now, datetime.combine(end + timedelta(days=1), now.timetz()))


def _aligned(key: str, group_by: str, shift: timedelta) -> str:
    """A previous period's row key as the row it compares with: by day, the day one period later."""
    return (date.fromisoformat(key) + shift).isoformat() if group_by == "day" and key != "-" else key


def _only(values: dict[str, Number], names: list[str]) -> dict[str, Number]:
    return {n: values.get(n) for n in names}


def _visible(summary: dict[str, Number], scope: Scope) -> dict[str, Number]:
    money = ("mrr", "arr")
    return {k: v for k, v in summary.items() if scope.revenue or k not in money}
