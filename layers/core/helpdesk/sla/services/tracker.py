"""Keeps each ticket's SLA and history current: every saved ticket passes through `saved`."""

from __future__ import annotations

from datetime import timedelta

from helpdesk.kernel.actor import current_actor
from helpdesk.kernel.clock import Clock
from helpdesk.sla.model.clocks import ClockInputs, StatusSpan, target_clock
from helpdesk.sla.model.hours import ALWAYS_OPEN, BusinessCalendar
from helpdesk.sla.model.policy import SlaPolicy, policy_for
from helpdesk.sla.model.snapshot import BoardEntry, SlaSnapshot
from helpdesk.sla.model.timeline import TimelineEvent, changes
from helpdesk.sla.ports import ClockCache, SlaBoard, SlaSetup, Timeline
from helpdesk.tickets.public import Direction, Ticket, TicketStores


class SlaTracker:
    def __init__(
        self,
        setup: SlaSetup,
        timeline: Timeline,
        board: SlaBoard,
        stores: TicketStores,
        clock: Clock,
        cache: ClockCache | None = None,
    ) -> None:
        self._setup, self._timeline, self._board = setup, timeline, board
        self._stores, self._clock, self._cache = stores, clock, cache

    def saved(self, before: Ticket | None, after: Ticket) -> None:
        """Record what changed, then re-place the ticket on the SLA board and the auto-close schedule."""
        now = self._clock.now()
        recorded = changes(before, after, current_actor(), now)
        self._timeline.add(recorded)
        # A new ticket has no board entry to take away (each delete is a request on every mail).
        self.refresh(after, placed_before=before is not None, saved=True, recorded=recorded)
        if after.status.value == "solved" and (before is None or before.status != after.status):
            days = self._setup.auto_close().days_for(after.mailbox)
            if days > 0:
                self._board.schedule_close(after.id, now + timedelta(days=days))
        elif before is not None and before.status.value == "solved" and after.status.value != "solved":
            # Only a solved ticket has an auto-close; one left by a failed save is harmless, as the
            # sweep closes only tickets that are still solved.
            self._board.cancel_close(after.id)
        if after.snoozed_until is not None:
            self._board.schedule_wake(after.id, after.snoozed_until)
        elif before is not None and before.snoozed_until is not None:
            self._board.cancel_wake(after.id)

    def refresh(
        self,
        ticket: Ticket,
        placed_before: bool = True,
        saved: bool = False,
        recorded: list[TimelineEvent] | None = None,
    ) -> SlaSnapshot | None:
        """Re-place the ticket on the board; a newly `saved` ticket's clock inputs are kept for the inbox
        (the sweep's refresh of an unchanged ticket would write the same again). `recorded`: the events
        just added, which a history read inside a unit of work (mail ingest) does not see yet."""
        snapshot = None
        policy = self.policy(ticket)
        if policy is not None:
            history = self._timeline.for_ticket(ticket.id)
            history += [event for event in recorded or [] if event not in history]
            inputs = self.inputs(ticket, history)
            if saved and self._cache is not None:
                self._cache.keep(inputs)
            snapshot = self.measure(ticket, policy, inputs)
        watch_at = snapshot.watch_at if snapshot else None
        if watch_at is None or ticket.merged_into:
            if placed_before:
                self._board.remove(ticket.id)
        else:
            self._board.place(BoardEntry(ticket.id, watch_at))
        return snapshot

    def snapshot(self, ticket: Ticket, history: list[TimelineEvent] | None = None) -> SlaSnapshot | None:
        policy = self.policy(ticket)
        return self.measure(ticket, policy, self.inputs(ticket, history)) if policy else None

    def policy(self, ticket: Ticket, policies: list[SlaPolicy] | None = None) -> SlaPolicy | None:
        if ticket.internal:
            return None  # staff's own tickets promise nobody an answer
        return policy_for(self._setup.policies() if policies is None else policies, ticket)

    def inputs(self, ticket: Ticket, history: list[TimelineEvent] | None = None) -> ClockInputs:
        """Reads the ticket's history (unless given) and its messages."""
        history = self._timeline.for_ticket(ticket.id) if history is None else history
        replies = [
            m.created_at
            for m in self._stores.messages.for_ticket(ticket.id)
            if m.direction is Direction.OUTBOUND and m.kind == "reply"
        ]
        spans = tuple(status_spans(ticket, history))
        return ClockInputs(ticket.id, ticket.version, spans, min(replies, default=None))

    def measure(
        self,
        ticket: Ticket,
        policy: SlaPolicy,
        inputs: ClockInputs,
        calendars: list[BusinessCalendar] | None = None,
    ) -> SlaSnapshot:
        calendars = self._setup.calendars() if calendars is None else calendars
        calendar = next((c for c in calendars if c.name == policy.calendar), ALWAYS_OPEN)
        now, spans = self._clock.now(), list(inputs.spans)
        first = target_clock(calendar, policy.first_response_minutes * 60, spans, now, inputs.first_reply_at)
        resolution = target_clock(calendar, policy.resolution_minutes * 60, spans, now)
        return SlaSnapshot(ticket.id, policy.id, policy.name, first, resolution)


def status_spans(ticket: Ticket, history: list[TimelineEvent]) -> list[StatusSpan]:
    """The statuses a ticket went through; a ticket older than its history starts as it is now."""
    moves = [e for e in history if e.field == "status"]
    created = next((e.new for e in history if e.field == "created"), None)
    first = created or (moves[0].old if moves else ticket.status.value)
    return [StatusSpan(first, ticket.created_at), *(StatusSpan(e.new, e.at) for e in moves)]
