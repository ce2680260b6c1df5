"""SLA policies: which tickets a policy covers, and the targets it sets in business minutes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from helpdesk.kernel.errors import Invalid
from helpdesk.tickets.public import Ticket


@dataclass(frozen=True)
class SlaPolicy:
    id: str
    name: str
    calendar: str
    first_response_minutes: int
    resolution_minutes: int
    escalate_after_minutes: int = 60  # past the breach by this much, the escalation contacts hear of it
    escalate_to: tuple[str, ...] = ()  # empty: the mailbox's managers
    mailbox: str | None = None
    priority: str | None = None
    organisation_id: str | None = None

    def __post_init__(self) -> None:
        if min(self.first_response_minutes, self.resolution_minutes) <= 0 or self.escalate_after_minutes < 0:
            raise Invalid("SLA targets are positive numbers of business minutes")

    def covers(self, ticket: Ticket) -> bool:
        return (
            (self.mailbox is None or self.mailbox == ticket.mailbox)
            and (self.priority is None or self.priority == ticket.priority.value)
            and (self.organisation_id is None or self.organisation_id == ticket.organisation_id)
        )

    @property
    def specificity(self) -> int:
        return sum(x is not None for x in (self.mailbox, self.priority, self.organisation_id))


def policy_for(policies: Iterable[SlaPolicy], ticket: Ticket) -> SlaPolicy | None:
    """The most specific policy covering the ticket (an organisation's contract beats a mailbox default);
    among equals the first by name, so the choice never depends on storage order."""
    covering = [p for p in policies if p.covers(ticket)]
    if not covering:
        return None
    return min(covering, key=lambda p: (-p.specificity, p.name, p.id))
