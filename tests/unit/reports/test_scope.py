"""Who sees what: revenue for accountants and managers, hours without revenue for HR, own figures for an
employee. Each test asks as the wrong person."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.adapters.dynamo_codec import dumps
from helpdesk.kernel.errors import Forbidden
from helpdesk.reports.model.facts import Fact, ReportKind
from helpdesk.reports.services.reports import Reports
from helpdesk.reports.services.rollup import ReportRollup
from helpdesk.reports.views import ReportQuery
from helpdesk.tickets.model.desk import TimeEntry

from tests.fakes.reports.memory_facts import MemoryFactStore, MemorySourceLookup
from tests.unit.reports.callers import ACCOUNTANT, DEVELOPER, HR, MANAGER
from tests.unit.reports.test_rollup import FixedClock

T0 = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
PERIOD = {"from": "2026-11-01", "to": "2026-11-30"}


@pytest.fixture
def reports() -> Reports:
    store = MemoryFactStore()
    rollup = ReportRollup(store, MemorySourceLookup())
    entries = [TimeEntry(f"e-{who}", "t1", who, 60, True, T0, "cus-1") for who in ("dev@x", "anna@x")]
    rollup.apply_stream_records([({"entity": "time_entry", "data": dumps(e)}, None) for e in entries])
    sale = Fact(
        ReportKind.SALES,
        "invoice#i1#0",
        (T0 + timedelta(days=1)).date(),
        {"product": "seo-pro", "client_id": "cus-1"},
        {"net": 10000, "new": 10000, "lines": 1},
    )
    store.put([sale])
    return Reports(store, "EUR", FixedClock())


def ask(reports: Reports, who, kind: ReportKind, **query: str):  # type: ignore[no-untyped-def]
    return reports.report(who, kind, ReportQuery.model_validate({**PERIOD, **query}))


def test_a_developer_asking_for_anothers_hours_is_refused(reports: Reports) -> None:
    with pytest.raises(Forbidden):
        ask(reports, DEVELOPER, ReportKind.WORK, employee="anna@x")
    with pytest.raises(Forbidden):
        ask(reports, DEVELOPER, ReportKind.SUPPORT, employee="anna@x")


def test_a_developer_sees_only_their_own_rows_and_no_revenue(reports: Reports) -> None:
    for asked in ({}, {"employee": "DEV@x"}):
        report = ask(reports, DEVELOPER, ReportKind.WORK, **asked)
        assert [r.key for r in report.rows] == ["dev@x"] and report.totals["minutes"] == 60
        assert "revenue" not in report.totals and "revenue_per_hour" not in {c.name for c in report.columns}


def test_hr_sees_everyones_hours_but_never_revenue(reports: Reports) -> None:
    report = ask(reports, HR, ReportKind.WORK, group_by="client")
    assert report.totals["minutes"] == 120
    assert not {"revenue", "revenue_per_hour"} & ({c.name for c in report.columns} | set(report.totals))
    for kind in (ReportKind.SALES, ReportKind.LICENSES):
        with pytest.raises(Forbidden):
            ask(reports, HR, kind)
    with pytest.raises(Forbidden):
        ask(reports, DEVELOPER, ReportKind.SALES)


def test_accountants_and_managers_see_revenue_and_revenue_per_hour(reports: Reports) -> None:
    for who in (ACCOUNTANT, MANAGER):
        work = ask(reports, who, ReportKind.WORK, group_by="client")
        (row,) = work.rows
        assert (row.values["revenue"], row.values["revenue_per_hour"]) == (10000, 5000)  # 100.00 over 2 h
        assert ask(reports, who, ReportKind.SALES).totals["net"] == 10000
