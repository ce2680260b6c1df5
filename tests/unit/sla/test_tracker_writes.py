"""Every saved ticket passes through the SLA tracker, so each board write it makes is a DynamoDB request on
every mail (docs/cost.md): it deletes only what can exist (no board entry for a new ticket, an auto-close
only for a ticket that was solved), and still takes away what a save ends."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.clock import FixedClock
from helpdesk.sla.model.snapshot import AutoCloseRule, BoardEntry
from helpdesk.sla.services.tracker import SlaTracker
from helpdesk.tickets.model.ticket import Ticket, TicketStatus

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class RecordingBoard:
    """Setup without policies, an empty timeline, and a board that records what it is asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def calendars(self) -> list:
        return []

    def policies(self) -> list:
        return []

    def auto_close(self) -> AutoCloseRule:
        return AutoCloseRule(default_days=4)

    def add(self, events: list) -> None:
        return None

    def for_ticket(self, ticket_id: str) -> list:
        return []

    def place(self, entry: BoardEntry) -> None:
        self.calls.append(("place", entry.ticket_id))

    def remove(self, ticket_id: str) -> None:
        self.calls.append(("remove", ticket_id))

    def schedule_close(self, ticket_id: str, at: datetime) -> None:
        self.calls.append(("schedule_close", ticket_id))

    def cancel_close(self, ticket_id: str) -> None:
        self.calls.append(("cancel_close", ticket_id))

    def schedule_wake(self, ticket_id: str, at: datetime) -> None:
        self.calls.append(("schedule_wake", ticket_id))

    def cancel_wake(self, ticket_id: str) -> None:
        self.calls.append(("cancel_wake", ticket_id))


@pytest.fixture
def board() -> RecordingBoard:
    return RecordingBoard()


@pytest.fixture
def tracker(board: RecordingBoard) -> SlaTracker:
    return SlaTracker(board, board, board, stores=None, clock=FixedClock(NOW))  # type: ignore[arg-type]


def ticket(status: TicketStatus = TicketStatus.NEW) -> Ticket:
    return replace(Ticket("t-1", "HD-100001", "Broken", "support", NOW, NOW), status=status)


def test_a_new_ticket_deletes_nothing(tracker: SlaTracker, board: RecordingBoard) -> None:
    tracker.saved(None, ticket())
    assert board.calls == []


def test_a_reply_to_an_open_ticket_deletes_only_its_board_entry(
    tracker: SlaTracker, board: RecordingBoard
) -> None:
    before = ticket(TicketStatus.OPEN)
    tracker.saved(before, replace(before, last_activity_at=NOW + timedelta(minutes=5)))
    assert board.calls == [("remove", "t-1")]  # it may have had one under a policy since changed


def test_solving_schedules_the_close_and_reopening_cancels_it(
    tracker: SlaTracker, board: RecordingBoard
) -> None:
    open_ticket = ticket(TicketStatus.OPEN)
    solved = replace(open_ticket, status=TicketStatus.SOLVED)
    tracker.saved(open_ticket, solved)
    assert ("schedule_close", "t-1") in board.calls
    board.calls.clear()
    tracker.saved(solved, replace(solved, status=TicketStatus.OPEN))
    assert ("cancel_close", "t-1") in board.calls
    board.calls.clear()
    tracker.saved(solved, replace(solved, status=TicketStatus.CLOSED))
    assert ("cancel_close", "t-1") in board.calls
