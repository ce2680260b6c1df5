"""SLAs through the staff API in-process under moto: an admin sets a calendar and a policy, a ticket shows
its due times, pending pauses the clocks, the board lists what is about to breach and what breached, the
sweep tells the assignee and then the escalation contact, and a solved ticket closes by itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from helpdesk.bootstrap import container
from helpdesk.identity.model import Principal, Role
from helpdesk.kernel.clock import FixedClock
from helpdesk.tickets.model.ticket import Ticket

from tests.integration.commerce.conftest import TOKENS, Answer, call, shop  # noqa: F401 - the fixture
from tests.support.template_stack import TemplateStack

pytestmark = pytest.mark.integration

ADA = Principal("sub-ada", "ada@helpdesk.localhost", frozenset({Role.ADMIN}), name="Ada Admin")
ANNA = "anna@helpdesk.localhost"
MONDAY_9_BERLIN = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
WEEKDAYS = [{"day": d, "open": "09:00", "close": "17:00"} for d in ("mon", "tue", "wed", "thu", "fri")]


def staff(method: str, resource: str, token: str, body: object = None, **params: Any) -> Answer:
    return call("StaffApiFunction", method, resource, body, token=token, **params)


@pytest.fixture
def desk(shop: TemplateStack, monkeypatch: pytest.MonkeyPatch) -> FixedClock:  # noqa: F811
    monkeypatch.setitem(TOKENS, "ada", ADA)
    clock = FixedClock(MONDAY_9_BERLIN)
    container().clock = clock
    assert staff("GET", "/me", "anna").status == 200  # anna becomes a pool user, so she is staff
    calendar = {
        "name": "Berlin office",
        "timezone": "Europe/Berlin",
        "hours": WEEKDAYS,
        "holidays": ["2026-12-24"],
    }
    assert staff("POST", "/sla/calendars", "ada", calendar).status == 200
    policy = {
        "name": "Standard",
        "calendar": "Berlin office",
        "first_response_minutes": 60,
        "resolution_minutes": 480,
        "escalate_after_minutes": 30,
        "escalate_to": [ANNA.upper()],
    }
    made = staff("POST", "/sla/policies", "ada", policy)
    assert made.status == 200 and made.body["escalate_to"] == [ANNA] and made.body["id"]
    assert staff("POST", "/sla/policies", "anna", policy).status == 403  # managers read, admins set
    ticket = Ticket(
        "t-sla",
        "HD-100007",
        "Invoice wrong",
        "support",
        clock.now(),
        clock.now(),
        participants=("boris@customer.example",),
    )
    container().ticket_repository.create(ticket)
    return clock


def page(token: str = "anna") -> dict:
    answer = staff("GET", "/tickets/{ticket_id}", token, ticket_id="t-sla")
    assert answer.status == 200, answer.body
    return answer.body


def board(state: str) -> list[str]:
    answer = staff("GET", "/sla/tickets", "anna", query={"state": state})
    assert answer.status == 200, answer.body
    return [item["ticket"]["number"] for item in answer.body["items"]]


def test_due_times_pause_in_pending_and_breaches_are_told_once(desk: FixedClock) -> None:
    sla = page()["sla"]
    assert sla["policy"] == "Standard" and sla["breached"] is False
    assert sla["first_response_due"] == "2026-12-07T09:00:00Z"  # 10:00 in Berlin
    assert sla["resolution_due"] == "2026-12-07T16:00:00Z"  # 17:00 in Berlin, a full business day

    desk.current += timedelta(minutes=1)
    assert staff("PATCH", "/tickets/{ticket_id}", "anna", {"assignee": ANNA}, ticket_id="t-sla").status == 200
    desk.current += timedelta(minutes=29)
    staff("PATCH", "/tickets/{ticket_id}", "anna", {"status": "pending"}, ticket_id="t-sla")
    paused = page()["sla"]
    assert paused["first_response"] == {"state": "paused", "due": None, "remaining_minutes": 30}
    assert paused["resolution"]["state"] == "paused" and paused["resolution"]["remaining_minutes"] == 450
    assert board("breaching") == [] and board("breached") == []

    desk.current += timedelta(hours=3)  # 12:30 in Berlin: the customer answered
    staff("PATCH", "/tickets/{ticket_id}", "anna", {"status": "open"}, ticket_id="t-sla")
    sla = page()["sla"]
    assert sla["first_response_due"] == "2026-12-07T12:00:00Z"  # the 30 minutes left, from 12:30
    assert sla["resolution_due"] == "2026-12-08T11:00:00Z"  # 4.5 h on Monday, 3 h on Tuesday
    assert board("breaching") == ["HD-100007"] and board("breached") == []

    desk.current = datetime(2026, 12, 7, 12, 5, tzinfo=UTC)
    assert page()["sla"]["breached"] is True
    assert board("breached") == ["HD-100007"] and board("breaching") == []
    sweep = container().sla_sweep
    first, again = sweep.run(), sweep.run()
    assert (first.breach_notices, again.breach_notices) == (1, 0)  # told once, however often the sweep runs
    assert first.per_policy() == {"Standard": {"SlaFirstResponseBreaches": 1, "SlaResolutionBreaches": 0}}
    assert again.per_policy() == {}  # nothing new: no line for the policy
    desk.current += timedelta(minutes=30)
    assert sweep.run().escalations == 1
    subjects = sorted(n.subject for n in container().notice_store.latest(ANNA, 10))
    assert subjects == [
        "SLA escalation: first response on HD-100007 is 30 min late",
        "SLA missed: first response on HD-100007",
    ]

    history = page()["timeline"]
    changes = [(e["field"], e["old"], e["new"], e["actor"]) for e in history]
    assert changes[0] == ("created", "", "new", "system")
    assert ("assignee", "", ANNA, ANNA) in changes
    assert ("status", "new", "pending", ANNA) in changes and ("status", "pending", "open", ANNA) in changes
    assert ("sla", "Standard", "first_response breached", "system") in changes
    assert staff("GET", "/tickets/{ticket_id}/timeline", "anna", ticket_id="t-sla").body["items"] == history


def test_a_solved_ticket_closes_after_the_mailbox_days(desk: FixedClock) -> None:
    rule = {"default_days": 4, "mailboxes": {"support": 2}}
    assert staff("PUT", "/sla/auto-close", "ada", rule).body == rule
    staff("PATCH", "/tickets/{ticket_id}", "anna", {"status": "solved"}, ticket_id="t-sla")
    assert page()["sla"]["resolution"]["state"] == "met"
    desk.current += timedelta(days=2) - timedelta(minutes=1)
    assert container().sla_sweep.run().closed == 0
    desk.current += timedelta(minutes=2)
    assert container().sla_sweep.run().closed == 1
    assert page()["ticket"]["status"] == "closed"
    assert page()["timeline"][-1] | {"at": None} == {
        "at": None,
        "actor": "system",
        "field": "status",
        "old": "solved",
        "new": "closed",
    }


def test_unknown_tickets_and_policies_answer_not_found(desk: FixedClock) -> None:
    assert staff("GET", "/tickets/{ticket_id}/timeline", "anna", ticket_id="nope").status == 404
    missing = staff(
        "PUT",
        "/sla/policies/{policy_id}",
        "ada",
        {"name": "x", "calendar": "Berlin office", "first_response_minutes": 1, "resolution_minutes": 1},
        policy_id="nope",
    )
    assert missing.status == 404
    assert staff("DELETE", "/sla/policies/{policy_id}", "ada", policy_id="nope").status == 404
    bad = {"name": "Mars", "timezone": "Mars/Olympus", "hours": WEEKDAYS}
    assert staff("POST", "/sla/calendars", "ada", bad).status in (400, 422)


def test_a_snoozed_ticket_waits_pending_with_its_clocks_paused_and_opens_by_itself(desk: FixedClock) -> None:
    until = (desk.current + timedelta(hours=3)).isoformat()
    snoozed = staff("POST", "/tickets/{ticket_id}/snooze", "anna", {"until": until}, ticket_id="t-sla")
    assert snoozed.status == 200
    assert (snoozed.body["status"], snoozed.body["snoozed_until"]) == (
        "pending",
        until.replace("+00:00", "Z"),
    )
    assert page()["sla"]["resolution"]["state"] == "paused"
    open_ids = [t["id"] for t in staff("GET", "/tickets", "anna", query={"status": "open"}).body["items"]]
    assert "t-sla" not in open_ids
    desk.current += timedelta(hours=3) - timedelta(minutes=1)
    assert container().sla_sweep.run().woken == 0
    desk.current += timedelta(minutes=1)
    assert container().sla_sweep.run().woken == 1
    assert container().sla_sweep.run().woken == 0  # woken once
    ticket = page()["ticket"]
    assert (ticket["status"], ticket["snoozed_until"]) == ("open", None)
    assert ticket["last_activity_at"].startswith(desk.current.isoformat()[:16])
    open_ids = [t["id"] for t in staff("GET", "/tickets", "anna", query={"status": "open"}).body["items"]]
    assert "t-sla" in open_ids


def test_a_snooze_needs_a_future_time_an_open_ticket_and_a_known_id(desk: FixedClock) -> None:
    past = {"until": (desk.current - timedelta(minutes=1)).isoformat()}
    future = {"until": (desk.current + timedelta(days=1)).isoformat()}
    snooze = "/tickets/{ticket_id}/snooze"
    assert staff("POST", snooze, "anna", past, ticket_id="t-sla").status == 422
    assert staff("POST", snooze, "anna", {"until": "2026-12-08T09:00:00"}, ticket_id="t-sla").status == 422
    assert staff("POST", snooze, "anna", future, ticket_id="nope").status == 404
    staff("PATCH", "/tickets/{ticket_id}", "anna", {"status": "solved"}, ticket_id="t-sla")
    assert staff("POST", snooze, "anna", future, ticket_id="t-sla").status == 422


def test_changing_a_snoozed_tickets_status_ends_the_snooze(desk: FixedClock) -> None:
    future = {"until": (desk.current + timedelta(hours=1)).isoformat()}
    staff("POST", "/tickets/{ticket_id}/snooze", "anna", future, ticket_id="t-sla")
    staff("PATCH", "/tickets/{ticket_id}", "anna", {"status": "open"}, ticket_id="t-sla")
    assert page()["ticket"]["snoozed_until"] is None
    staff("PATCH", "/tickets/{ticket_id}", "anna", {"status": "pending"}, ticket_id="t-sla")
    desk.current += timedelta(hours=2)
    assert container().sla_sweep.run().woken == 0
    assert page()["ticket"]["status"] == "pending"  # a plain pending ticket waits for the customer


def test_escalation_contacts_are_colleagues_who_can_open_the_ticket(
    desk: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    oleg = Principal("sub-oleg", "oleg@helpdesk.localhost", frozenset({Role.OPS}), name="Oleg Ops")
    monkeypatch.setitem(TOKENS, "oleg", oleg)
    assert staff("GET", "/me", "oleg").status == 200  # a pool user of the ops group: staff, but no tickets
    policy = {
        "name": "Ops told",
        "calendar": "Berlin office",
        "first_response_minutes": 60,
        "resolution_minutes": 480,
        "escalate_to": ["oleg@helpdesk.localhost"],
    }
    refused = staff("POST", "/sla/policies", "ada", policy)
    assert refused.status == 422 and "cannot open tickets" in refused.body["detail"]
    assert [p["name"] for p in staff("GET", "/sla/policies", "anna").body["items"]] == ["Standard"]
