"""The scheduled SLA sweep: tell people about missed targets (the assignee, then the escalation contacts),
close solved tickets whose waiting time is over, and open snoozed tickets whose time has come."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from helpdesk.kernel.clock import Clock
from helpdesk.sla.model.policy import SlaPolicy
from helpdesk.sla.model.timeline import SYSTEM, TimelineEvent
from helpdesk.sla.ports import OnceClaims, SlaBoard, SlaSetup, StaffNotifier, TicketActions, Timeline
from helpdesk.sla.services.tracker import SlaTracker
from helpdesk.tickets.public import Ticket, TicketStores

BATCH = 200
WINDOW = 1000
LOOKBACK_SLACK = timedelta(hours=6)
LABELS = {"first_response": "first response", "resolution": "resolution"}


@dataclass(frozen=True)
class SweepReport:
    breach_notices: int = 0
    escalations: int = 0
    closed: int = 0
    woken: int = 0
    breaches: Counter[tuple[str, str]] = field(default_factory=Counter)  # (policy, target): missed this run

    def per_policy(self) -> dict[str, dict[str, int]]:
        """Each policy with new breaches this run, by target, named as the sweep logs them (a quiet policy:
        absent, since a Logs Insights sum needs no zeros)."""
        names = {"first_response": "SlaFirstResponseBreaches", "resolution": "SlaResolutionBreaches"}
        policies = sorted({policy for policy, _ in +self.breaches})
        return {p: {names[t]: self.breaches[(p, t)] for t in names} for p in policies}


class SlaSweep:
    def __init__(
        self,
        tracker: SlaTracker,
        setup: SlaSetup,
        board: SlaBoard,
        timeline: Timeline,
        stores: TicketStores,
        notifier: StaffNotifier,
        actions: TicketActions,
        claims: OnceClaims,
        clock: Clock,
        console_url: str,
    ) -> None:
        self._tracker, self._setup, self._board, self._timeline = tracker, setup, board, timeline
        self._stores, self._notifier, self._actions = stores, notifier, actions
        self._claims, self._clock, self._console = claims, clock, console_url

    def run(self) -> SweepReport:
        now = self._clock.now()
        notices = escalations = 0
        breaches: Counter[tuple[str, str]] = Counter()
        policies = {p.id: p for p in self._setup.policies()}
        lookback = timedelta(minutes=max((p.escalate_after_minutes for p in policies.values()), default=0))
        # Breaches older than the longest escalation (plus slack for a stalled schedule) were told already.
        for entry in self._board.due_between(now - lookback - LOOKBACK_SLACK, now, WINDOW):
            ticket = self._stores.tickets.find(entry.ticket_id)
            snapshot = self._tracker.refresh(ticket) if ticket else None
            if ticket is None or snapshot is None or snapshot.policy_id not in policies:
                continue
            policy = policies[snapshot.policy_id]
            for target, clock in snapshot.missed():
                assert clock.due is not None
                key = f"{ticket.id}#{target}#{clock.due.isoformat()}"
                told, new = self._tell_breach(ticket, policy, target, key)
                notices += told
                breaches[(policy.name, target)] += new
                if now >= clock.due + timedelta(minutes=policy.escalate_after_minutes):
                    escalations += self._escalate(ticket, policy, target, key)
        closed = 0
        for ticket_id in self._board.closes_due(now, BATCH):
            ticket = self._stores.tickets.find(ticket_id)
            if ticket is not None and ticket.status.value == "solved":
                self._actions.close(ticket_id)
                closed += 1
            self._board.cancel_close(ticket_id)
        woken = self._wake(now)
        return SweepReport(notices, escalations, closed, woken, breaches)

    def _wake(self, now: datetime) -> int:
        woken = 0
        for ticket_id in self._board.wakes_due(now, BATCH):
            ticket = self._stores.tickets.find(ticket_id)
            if ticket is None or ticket.snoozed_until is None:
                self._board.cancel_wake(ticket_id)
                continue
            self._actions.wake(ticket_id)  # saving the woken ticket takes it off the schedule
            woken += 1
        return woken

    def _tell_breach(self, ticket: Ticket, policy: SlaPolicy, target: str, key: str) -> tuple[int, int]:
        """Notices sent, and 1 the first time this breach is seen (counted and in history once)."""
        people = [ticket.assignee] if ticket.assignee else self._managers(ticket, policy)
        subject = f"SLA missed: {LABELS[target]} on {ticket.number}"
        told = sum(
            self._notifier.notify(
                f"sla-breach#{key}#{p}", p, subject, self._text(ticket, policy), self._link(ticket)
            )
            for p in people
        )
        if self._claims.claim(f"sla-breach#{key}"):  # the history says it once, however often the sweep runs
            event = TimelineEvent(
                ticket.id, self._clock.now(), SYSTEM, "sla", policy.name, f"{target} breached"
            )
            self._timeline.add([event])
            return told, 1
        return told, 0

    def _escalate(self, ticket: Ticket, policy: SlaPolicy, target: str, key: str) -> int:
        people = self._managers(ticket, policy)
        subject = (
            f"SLA escalation: {LABELS[target]} on {ticket.number} is {policy.escalate_after_minutes} min late"
        )
        return sum(
            self._notifier.notify(
                f"sla-escalate#{key}#{p}", p, subject, self._text(ticket, policy), self._link(ticket)
            )
            for p in people
        )

    def _managers(self, ticket: Ticket, policy: SlaPolicy) -> list[str]:
        if policy.escalate_to:
            return list(policy.escalate_to)
        mailbox = self._stores.mailboxes.get(ticket.mailbox)
        return list(mailbox.managers) if mailbox else []

    def _link(self, ticket: Ticket) -> str:
        return f"{self._console}/#/tickets/{ticket.id}"

    def _text(self, ticket: Ticket, policy: SlaPolicy) -> str:
        who = ticket.assignee or "nobody"
        missed = f"{ticket.number} “{ticket.subject}” missed the {policy.name} SLA."
        return f"{missed} Assignee: {who}.\n{self._link(ticket)}"
