"""Reports through the staff API on a month of demo activity: the figures match what the demo created, a
redelivered stream changes nothing, exports read back, and each role sees only what it may."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from helpdesk.bootstrap import container
from helpdesk_local.demo_reports import ORDERS, SLA_TARGETS, TASKS, DemoTicket, tickets

from tests.support.streams import deliver_stream

from .conftest import ROLLUP, csv_rows, exported, period, report, today, xlsx_rows

pytestmark = pytest.mark.integration


def in_period() -> list[DemoTicket]:
    start, end = (today() - timedelta(days=30)), today() - timedelta(days=1)
    return [t for t in tickets(today()) if start <= t.created.date() <= end]


def planned_minutes() -> dict[str, int]:
    minutes: dict[str, int] = defaultdict(int)
    for t in in_period():
        minutes[t.agent] += t.minutes
    for n, (_, _, logged) in enumerate(TASKS, start=1):
        who = ("anna@helpdesk.localhost", "boris@helpdesk.localhost", "dev@helpdesk.localhost")[2 - n % 2]
        minutes[who] += sum(m for days_ago, m in logged if 1 <= days_ago <= 30)
    return dict(minutes)


def test_support_counts_what_the_demo_created_and_a_redelivered_stream_changes_nothing(month) -> None:  # type: ignore[no-untyped-def]
    first = report("support", group_by="agent")
    assert first.status == 200, first.body
    planned = in_period()
    assert first.body["totals"]["in"] == len(planned) == 60
    assert first.body["previous_totals"]["in"] == len(tickets(today())) - 60  # the quieter month before
    assert first.body["totals"]["solved"] == sum(1 for t in planned if t.solved_after)
    by_agent = {r["key"]: r["values"] for r in first.body["rows"]}
    dev = sorted(t.reply_after for t in planned if t.agent == "dev@helpdesk.localhost")
    assert by_agent["dev@helpdesk.localhost"]["first_response_median"] == dev[(len(dev) + 1) // 2 - 1]
    ratings = Counter(t.rating for t in planned if t.rating)
    assert (first.body["totals"]["csat_good"], first.body["totals"]["csat_bad"]) == (
        ratings["good"],
        ratings["bad"],
    )
    assert first.body["summary"]["backlog"] == sum(1 for t in tickets(today()) if not t.solved_after)
    billing = [t for t in planned if t.mailbox == "billing"]
    response_target, resolution_target = SLA_TARGETS
    met = sum(t.reply_after <= response_target for t in billing) + sum(
        t.solved_after <= resolution_target for t in billing if t.solved_after
    )
    due = len(billing) + sum(1 for t in billing if t.solved_after)
    by_mailbox = {r["key"]: r["values"] for r in report("support", group_by="mailbox").body["rows"]}
    assert by_mailbox["billing"]["sla_compliance"] == round(met / due, 4) and 0 < met < due
    assert by_mailbox["support"]["sla_compliance"] is None  # no policy covers it
    assert deliver_stream(month, ROLLUP) > 0  # everything again, as after a crashed poller
    assert report("support", group_by="agent").body == first.body


def test_work_hours_per_employee_match_the_logged_time(month) -> None:  # type: ignore[no-untyped-def]
    answer = report("work", group_by="employee")
    assert answer.status == 200, answer.body
    assert {r["key"]: r["values"]["minutes"] for r in answer.body["rows"]} == planned_minutes()
    by_project = {r["key"]: r["values"] for r in report("work", group_by="project").body["rows"]}
    assert by_project["HOST"]["estimate_minutes"] == sum(e for _, e, _ in TASKS)


def test_sales_sum_the_issued_invoices_with_the_refund_and_recurring_revenue(month) -> None:  # type: ignore[no-untyped-def]
    answer = report("sales", group_by="plan")
    assert answer.status == 200, answer.body
    start, end = (today() - timedelta(days=30)), today() - timedelta(days=1)
    issued = container().invoices._store.issued_between(start, end)  # billing's own path to the same invoices
    assert answer.body["totals"]["net"] == sum(i.accounting_net for i in issued)
    credit = [i for i in issued if i.kind.value == "credit_note"]
    assert len(credit) == 1 and answer.body["totals"]["refunds"] == -credit[0].accounting_net
    renewals = {r["key"]: r for r in report("sales", group_by="kind").body["rows"]}
    assert set(renewals) == {"new", "renewal"} and len(ORDERS) == 7
    assert answer.body["summary"]["mrr"] > 0 and answer.body["summary"]["churned_subscriptions"] >= 1


def test_licenses_by_product(month) -> None:  # type: ignore[no-untyped-def]
    rows = {r["key"]: r["values"] for r in report("licenses").body["rows"]}
    assert rows["backup"]["churned"] == 1 and rows["backup"]["renewed"] == 1  # rpt-old-0 lapsed, -1 renewed
    assert rows["seo-pro"]["renewed"] == 1 and rows["seo-pro"]["active"] == 4


def test_csv_and_xlsx_read_back_with_the_numbers_of_the_json_answer(month) -> None:  # type: ignore[no-untyped-def]
    planned = planned_minutes()
    status, headers, data = exported("work", "xlsx", group_by="employee")
    assert status == 200 and headers["Content-Type"].startswith("application/vnd.openxml")
    rows = {r["employee"]: r for r in xlsx_rows(data)}
    assert {k: rows[k]["minutes"] for k in planned} == planned
    assert rows["total"]["minutes"] == sum(planned.values())
    status, headers, data = exported("sales", "csv", token="accountant", group_by="product")
    assert status == 200 and "attachment" in headers["Content-Disposition"]
    json_rows = {r["key"]: r["values"]["net"] for r in report("sales", group_by="product").body["rows"]}
    assert {r["product"]: int(r["net"]) for r in csv_rows(data) if r["product"] != "total"} == json_rows


def test_each_role_sees_only_what_it_may(month) -> None:  # type: ignore[no-untyped-def]
    assert report("work", token="dmitri", employee="anna@helpdesk.localhost").status == 403
    own = report("work", token="dmitri", group_by="employee")
    assert [r["key"] for r in own.body["rows"]] == ["dev@helpdesk.localhost"]
    assert "revenue" not in own.body["totals"]
    assert report("sales", token="hanna", group_by="product").status == 403
    assert report("licenses", token="hanna").status == 403
    hours = report("work", token="hanna", group_by="client")
    assert hours.status == 200 and not {"revenue", "revenue_per_hour"} & set(hours.body["totals"])
    status, _, data = exported("work", "csv", token="hanna", group_by="client")
    assert status == 200 and "revenue" not in data.decode("utf-8-sig").splitlines()[0]
    assert report("support", token="dmitri").body["totals"]["in"] == sum(
        1 for t in in_period() if t.agent == "dev@helpdesk.localhost"
    )
    assert report("no-such-report").status == 404
    assert report("work", **{"from": period()["to"], "to": period()["from"]}).status == 422
