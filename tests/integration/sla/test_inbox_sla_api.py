"""The inbox's rows carry the ticket page's SLA (issue 17): the same clocks, running, paused in pending and
breached, read for a whole page from the clock inputs kept at each save in one batched read, never from each
ticket's history and messages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from helpdesk.bootstrap import container
from helpdesk.kernel.clock import FixedClock
from helpdesk.tickets.model.ticket import Ticket

from tests.integration.commerce.conftest import shop  # noqa: F401 - the fixture
from tests.integration.sla.test_sla_staff_api import desk, staff  # noqa: F401 - the fixture

pytestmark = pytest.mark.integration
MORE = ("t-row1", "t-row2", "t-row3")


@pytest.fixture
def sla_requests(desk: FixedClock) -> Iterator[Counter[str]]:  # noqa: F811
    """The DynamoDB operations the SLA store makes, by name."""
    seen: Counter[str] = Counter()
    events = container().sla_store._db.meta.events

    def count(model: Any, **_: Any) -> None:
        seen[model.name] += 1

    events.register("before-call.dynamodb", count)
    yield seen
    events.unregister("before-call.dynamodb", count)


def open_tickets(clock: FixedClock) -> None:
    for n, ticket_id in enumerate(MORE):
        now = clock.now() + timedelta(minutes=n)
        ticket = Ticket(
            ticket_id, f"HD-20000{n}", f"Row {n}", "support", now, now, participants=("x@c.example",)
        )
        container().ticket_repository.create(ticket)


def rows() -> dict[str, Any]:
    answer = staff("GET", "/tickets", "anna")
    assert answer.status == 200, answer.body
    return {row["id"]: row["sla"] for row in answer.body["items"]}


def ticket_page_sla(ticket_id: str) -> Any:
    return staff("GET", "/tickets/{ticket_id}", "anna", ticket_id=ticket_id).body["sla"]


def test_each_row_shows_the_ticket_pages_clocks_running_paused_and_breached(desk: FixedClock) -> None:  # noqa: F811
    open_tickets(desk)
    desk.current += timedelta(minutes=20)
    listed = rows()
    assert listed["t-sla"]["first_response"] == {
        "state": "running",
        "due": "2026-12-07T09:00:00Z",
        "remaining_minutes": 40,
    }
    assert all(listed[t] == ticket_page_sla(t) for t in ("t-sla", *MORE))

    staff("PATCH", "/tickets/{ticket_id}", "anna", {"status": "pending"}, ticket_id="t-sla")
    desk.current += timedelta(hours=2)  # pending: the clocks stand still
    paused = rows()["t-sla"]
    assert paused["first_response"] == {"state": "paused", "due": None, "remaining_minutes": 40}
    assert paused == ticket_page_sla("t-sla")

    staff("PATCH", "/tickets/{ticket_id}", "anna", {"status": "open"}, ticket_id="t-sla")
    desk.current += timedelta(minutes=41)
    breached = rows()["t-sla"]
    assert breached["breached"] is True and breached["first_response"]["state"] == "breached"
    assert breached == ticket_page_sla("t-sla")
    changed = staff("GET", "/tickets", "anna", query={"updated_since": "2026-12-07T08:00:00Z"}).body["items"]
    assert {r["id"]: r["sla"] for r in changed}["t-sla"] == breached  # the live inbox's answer too


def test_a_page_of_rows_costs_the_same_few_requests_however_many_rows(
    desk: FixedClock,  # noqa: F811
    sla_requests: Counter[str],
) -> None:
    rows()
    one_row = sum(sla_requests.values())
    open_tickets(desk)
    sla_requests.clear()
    assert len(rows()) == 4
    assert sla_requests == {"Query": 1, "BatchGetItem": 1} and sum(sla_requests.values()) == one_row


def test_a_row_saved_before_its_policy_is_measured_once_then_read_from_the_cache(
    desk: FixedClock,  # noqa: F811
    sla_requests: Counter[str],
) -> None:
    open_tickets(desk)
    store = container().sla_store
    store._db.delete_item(  # as if saved while no policy covered it
        TableName=store._table, Key={"pk": {"S": "TICKET#t-row2"}, "sk": {"S": "SLACLOCK"}}
    )
    sla_requests.clear()
    first = rows()
    assert sla_requests["Query"] == 2  # the setup, and this ticket's history once
    assert first["t-row2"] == ticket_page_sla("t-row2") and first["t-row2"]["policy"] == "Standard"
    sla_requests.clear()
    assert rows() == first
    assert sla_requests == {"Query": 1, "BatchGetItem": 1}
