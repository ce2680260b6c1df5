"""A ticket's listing facets: copies of the ticket under gsi1 for the customer, organisation, tag and "all"
lists (the "all" one also under gsi2 `TICKETCHANGES` for the live inbox), written with every save of the
ticket, in a batch or staged in the unit of work with the ticket."""

from __future__ import annotations

from datetime import UTC, datetime

from helpdesk.kernel.adapters.dynamo_codec import dumps
from helpdesk.kernel.adapters.dynamo_staging import Staging
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem
from helpdesk.tickets.model.ticket import Ticket

CHANGES = "TICKETCHANGES"


def stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat()


def activity(ticket: Ticket) -> str:
    return f"{ticket.last_activity_at.isoformat()}#{ticket.id}"


class TicketFacets:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def write(self, ticket: Ticket, previous: Ticket | None = None) -> None:
        with self._m.batch_write() as batch:
            for facet in self.items(ticket):
                batch.save(facet)
            for gone in self.stale(ticket, previous):
                batch.delete(gone)

    def stage(self, staged: Staging, ticket: Ticket, previous: Ticket | None = None) -> None:
        for facet in self.items(ticket):
            staged.stage("Put", facet.get_save_kwargs_from_instance())
        for gone in self.stale(ticket, previous):
            staged.stage("Delete", gone.get_delete_kwargs_from_instance())

    def items(self, ticket: Ticket) -> list[HelpdeskItem]:
        keys = [("FACET#ALL", "TICKETS")]
        if ticket.customer_id:
            keys.append(("FACET#CUSTOMER", f"CUSTOMER#{ticket.customer_id}"))
        if ticket.organisation_id:
            keys.append(("FACET#ORG", f"ORGTICKETS#{ticket.organisation_id}"))
        keys += [(f"FACET#TAG#{tag}", f"TAG#{tag}") for tag in ticket.tags]
        data, listed = dumps(ticket), activity(ticket)
        facets = [
            self._m(f"TICKET#{ticket.id}", sk, entity="ticket_facet", data=data, gsi1pk=gsi, gsi1sk=listed)
            for sk, gsi in keys
        ]
        # the "all" facet also feeds the live inbox, ordered by the ticket's last change
        facets[0].gsi2pk, facets[0].gsi2sk = CHANGES, f"{stamp(ticket.changed_at)}#{ticket.id}"
        return facets

    def stale(self, ticket: Ticket, previous: Ticket | None) -> list[HelpdeskItem]:
        """The facets the previous state had and this one has not."""
        if previous is None:
            return []
        gone = [f"FACET#TAG#{tag}" for tag in set(previous.tags) - set(ticket.tags)]
        if previous.customer_id and previous.customer_id != ticket.customer_id:
            gone.append("FACET#CUSTOMER")
        if previous.organisation_id and not ticket.organisation_id:
            gone.append("FACET#ORG")
        return [self._m(f"TICKET#{ticket.id}", sk) for sk in gone]
