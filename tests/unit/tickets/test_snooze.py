"""Snooze: pending until a time, then open by itself; a customer's reply or a status change ends it early."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.tickets.model.ticket import Ticket, TicketStatus

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)
LATER = NOW + timedelta(hours=2)


def a_ticket(status: TicketStatus = TicketStatus.OPEN) -> Ticket:
    return Ticket("t-1", "HD-100001", "Export", "support", NOW, NOW, status=status)


def test_a_snoozed_ticket_is_pending_until_its_time_and_then_open_with_fresh_activity() -> None:
    snoozed = a_ticket().snooze(LATER, NOW)
    assert (snoozed.status, snoozed.snoozed_until) == (TicketStatus.PENDING, LATER)
    assert snoozed.woken(LATER - timedelta(seconds=1)) == snoozed
    woken = snoozed.woken(LATER)
    assert (woken.status, woken.snoozed_until, woken.last_activity_at) == (TicketStatus.OPEN, None, LATER)


def test_a_customer_reply_or_a_status_change_ends_the_snooze() -> None:
    snoozed = a_ticket(TicketStatus.NEW).snooze(LATER, NOW)
    assert snoozed.reopened_by_customer(NOW).snoozed_until is None
    assert snoozed.change_status(TicketStatus.SOLVED, NOW).snoozed_until is None
    assert a_ticket().woken(LATER) == a_ticket()  # never snoozed: nothing to wake


@pytest.mark.parametrize("status", [TicketStatus.SOLVED, TicketStatus.CLOSED])
def test_only_work_in_progress_can_be_snoozed_and_only_into_the_future(status: TicketStatus) -> None:
    with pytest.raises(Invalid):
        a_ticket(status).snooze(LATER, NOW)
    with pytest.raises(Invalid):
        a_ticket().snooze(NOW, NOW)
