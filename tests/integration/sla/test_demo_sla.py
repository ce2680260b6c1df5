"""The demo's SLA setup, loaded on the template's resources under moto: every priority has a policy in the
office-hours calendar, so a demo ticket shows due times that skip nights, weekends and Christmas; a second
start changes nothing, and policies an admin changed stay as they are."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from helpdesk.bootstrap import container
from helpdesk.kernel.clock import FixedClock
from helpdesk.tickets.model.ticket import Priority, Ticket

from tests.integration.commerce.conftest import shop  # noqa: F401 - the fixture

pytestmark = pytest.mark.integration


def due_times(
    ticket_id: str, priority: Priority, created: datetime
) -> tuple[datetime | None, datetime | None]:
    container().clock = FixedClock(created)
    ticket = Ticket(
        ticket_id, f"HD-3{ticket_id[-5:]}", "Help", "support", created, created, priority=priority
    )
    container().ticket_repository.create(ticket)
    snapshot = container().sla_desk.for_ticket(ticket_id).snapshot
    assert snapshot is not None and snapshot.policy_name == f"Office hours · {priority.value}"
    return snapshot.first_response.due, snapshot.resolution.due


def test_demo_tickets_of_every_priority_get_office_hours_due_times(shop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from helpdesk_local.demo_sla import load_demo_sla

    load_demo_sla(date(2026, 12, 7))
    admin = container().sla_admin
    normal = next(p for p in admin.policies() if p.priority == "normal")
    admin.save_policy(replace(normal, first_response_minutes=120))
    load_demo_sla(date(2026, 12, 7))  # a second start: nothing added, the admin's change stays
    policies = {p.priority: (p.first_response_minutes, p.resolution_minutes) for p in admin.policies()}
    assert policies == {"urgent": (60, 480), "high": (120, 960), "normal": (120, 1440), "low": (480, 2400)}

    monday_10_berlin = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    assert due_times("t-00001", Priority.URGENT, monday_10_berlin) == (
        datetime(2026, 12, 7, 10, 0, tzinfo=UTC),  # an hour later
        datetime(2026, 12, 8, 9, 0, tzinfo=UTC),  # 7 h on Monday, the eighth on Tuesday morning
    )
    friday_16_berlin = datetime(2026, 12, 11, 15, 0, tzinfo=UTC)
    first, _ = due_times("t-00002", Priority.NORMAL, friday_16_berlin)
    assert first == datetime(2026, 12, 14, 9, 0, tzinfo=UTC)  # 1 h on Friday, 1 h on Monday after the weekend
    before_christmas = datetime(2026, 12, 23, 15, 0, tzinfo=UTC)  # Wednesday 16:00 in Berlin
    first, _ = due_times("t-00003", Priority.HIGH, before_christmas)
    assert first == datetime(2026, 12, 28, 9, 0, tzinfo=UTC)  # 24, 25 and the weekend are closed
    low, _ = due_times("t-00004", Priority.LOW, monday_10_berlin)
    assert low == datetime(2026, 12, 8, 9, 0, tzinfo=UTC)  # one business day: Tuesday 10:00 in Berlin
