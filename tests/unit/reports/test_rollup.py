"""The stream roll-up on in-memory facts: items serialised by the real codecs, records applied as Lambda
delivers them (at least once, in order per item)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from helpdesk.kernel.adapters.dynamo_codec import dumps
from helpdesk.reports.model.facts import ReportKind
from helpdesk.reports.services.reports import Reports
from helpdesk.reports.services.rollup import ReportRollup
from helpdesk.reports.views import ReportQuery
from helpdesk.tickets.model.desk import TimeEntry
from helpdesk.tickets.model.message import Direction, Message
from helpdesk.tickets.model.ticket import Priority, Ticket, TicketStatus

from tests.fakes.reports.memory_facts import MemoryFactStore, MemorySourceLookup
from tests.unit.reports.callers import MANAGER

T0 = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def ticket_item(t: Ticket) -> dict[str, object]:
    return {"pk": f"TICKET#{t.id}", "sk": "TICKET", "entity": "ticket", "data": dumps(t)}


def ticket(n: int, **changes: object) -> Ticket:
    base = Ticket(f"t{n}", f"HD-{n}", "s", "support", T0, T0, assignee="anna@x", priority=Priority.HIGH)
    return replace(base, **changes)  # type: ignore[arg-type]


def setup(**lookup: object) -> tuple[MemoryFactStore, ReportRollup, Reports]:
    store = MemoryFactStore()
    return store, ReportRollup(store, MemorySourceLookup(**lookup)), Reports(store, "EUR", FixedClock())


def support(reports: Reports, **query: str) -> dict[str, object]:
    wanted = ReportQuery.model_validate({"from": "2026-11-01", "to": "2026-11-30", **query})
    return reports.report(MANAGER, ReportKind.SUPPORT, wanted).model_dump(by_alias=True)


def test_a_redelivered_batch_counts_each_ticket_once() -> None:
    _, rollup, reports = setup()
    opened = ticket_item(ticket(1))
    solved = ticket_item(ticket(1, status=TicketStatus.SOLVED, closed_at=T0 + timedelta(minutes=90)))
    batch = [(opened, None), (solved, opened)]
    rollup.apply_stream_records(batch)
    rollup.apply_stream_records(batch)  # Lambda retries a batch after a timeout: same records again
    rollup.apply_stream_records([(solved, opened)])
    report = support(reports)
    assert report["totals"]["in"] == 1 and report["totals"]["solved"] == 1
    assert report["totals"]["resolution_median"] == 90.0
    assert report["summary"]["backlog"] == 0  # the solved ticket left the backlog


def test_a_reopened_ticket_leaves_the_solved_count_and_returns_to_the_backlog() -> None:
    _, rollup, reports = setup()
    solved = ticket_item(ticket(2, status=TicketStatus.SOLVED, closed_at=T0 + timedelta(hours=2)))
    reopened = ticket_item(ticket(2, status=TicketStatus.OPEN))
    rollup.apply_stream_records([(solved, None), (reopened, solved)])
    report = support(reports)
    assert (report["totals"]["in"], report["totals"]["solved"], report["summary"]["backlog"]) == (1, 0, 1)


def test_the_first_staff_reply_counts_whatever_order_replies_arrive_in() -> None:
    t = ticket(3)
    _, rollup, reports = setup(tickets={"t3": {**_plain(t)}})

    def reply(minutes: int) -> dict[str, object]:
        m = Message(
            f"m{minutes}",
            "t3",
            Direction.OUTBOUND,
            T0 + timedelta(minutes=minutes),
            "anna@x",
            author="anna@x",
        )
        return {"pk": "TICKET#t3", "sk": f"MSG#{minutes}", "entity": "message", "data": dumps(m)}

    inbound = Message("m0", "t3", Direction.INBOUND, T0, "customer@y")
    rollup.apply_stream_records([(ticket_item(t), None)])
    rollup.apply_stream_records([(reply(45), None), (reply(20), None), (reply(45), None)])
    rollup.apply_stream_records([({"entity": "message", "data": dumps(inbound)}, None)])
    rows = {r["key"]: r["values"] for r in support(reports, group_by="agent")["rows"]}
    assert rows["anna@x"]["first_response_median"] == 20.0


def test_hours_are_summed_per_employee_and_a_redelivered_entry_counts_once() -> None:
    store, rollup, reports = setup(tickets={"t4": _plain(ticket(4, organisation_id="org-acme"))})
    entries = [
        TimeEntry(f"e{n}", "t4", "dev@x", 30 * n, n % 2 == 1, T0 + timedelta(days=n)) for n in (1, 2, 3)
    ]
    items = [({"entity": "time_entry", "data": dumps(e)}, None) for e in entries]
    rollup.apply_stream_records(items + items[:1])
    wanted = ReportQuery.model_validate({"from": "2026-11-01", "to": "2026-11-30", "group_by": "client"})
    report = reports.report(MANAGER, ReportKind.WORK, wanted)
    (row,) = report.rows
    assert (row.key, row.values["minutes"], row.values["billable_minutes"]) == ("org-acme", 180, 120)
    assert row.values["billable_ratio"] == round(120 / 180, 4)


def test_the_previous_period_is_as_long_as_the_asked_one_and_just_before_it() -> None:
    _, rollup, reports = setup()
    rollup.apply_stream_records([(ticket_item(ticket(5, created_at=T0 - timedelta(days=5))), None)])
    wanted = ReportQuery.model_validate({"from": "2026-11-10", "to": "2026-11-19"})
    report = reports.report(MANAGER, ReportKind.SUPPORT, wanted)
    assert (report.previous_start, report.previous_end) == (date(2026, 10, 31), date(2026, 11, 9))
    assert (report.totals["in"], report.previous_totals["in"]) == (0, 1)


def _plain(t: Ticket) -> dict[str, object]:
    import json

    return dict(json.loads(dumps(t)))


def test_by_day_each_day_is_compared_with_the_same_day_of_the_previous_period() -> None:
    _, rollup, reports = setup()
    days = [T0 - timedelta(days=10), T0]  # 31 Oct and 10 Nov: the same place in two 10-day periods
    rollup.apply_stream_records(
        [(ticket_item(ticket(n, created_at=d)), None) for n, d in enumerate(days, start=6)]
    )
    wanted = ReportQuery.model_validate({"from": "2026-11-01", "to": "2026-11-10", "group_by": "day"})
    (row,) = reports.report(MANAGER, ReportKind.SUPPORT, wanted).rows
    assert (row.key, row.values["in"], row.previous["in"]) == ("2026-11-10", 1, 1)


def test_the_previous_backlog_counts_only_tickets_open_by_then() -> None:
    _, rollup, reports = setup()
    rollup.apply_stream_records([(ticket_item(ticket(8, created_at=T0)), None)])
    wanted = ReportQuery.model_validate({"from": "2026-11-01", "to": "2026-11-30"})
    report = reports.report(MANAGER, ReportKind.SUPPORT, wanted)
    assert (report.summary["backlog"], report.previous_summary["backlog"]) == (1, 0)
