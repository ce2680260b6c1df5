"""What every access use case works with: the stores, the ticket desk, the clock, the window's unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from helpdesk.access.model.audit import AuditAction, AuditEntry
from helpdesk.access.model.grant import AccessRequest
from helpdesk.access.ports import ApprovalLinks, AuditLog, HostingPanel, RequestStore, ServerStore, TicketDesk
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Unavailable


@dataclass(frozen=True)
class AccessStores:
    servers: ServerStore
    requests: RequestStore
    audit: AuditLog
    tickets: TicketDesk
    panel: HostingPanel
    links: ApprovalLinks
    clock: Clock
    seconds_per_hour: float = 3600  # < 3600 compresses windows (local demos and tests)

    def window(self, hours: int) -> timedelta:
        return timedelta(seconds=hours * self.seconds_per_hour)

    def delete_panel_account(self, request: AccessRequest) -> None:
        """Best effort: a panel that fails or forgot the account leaves an audit row to act on, and the
        revocation or expiry stands."""
        server = self.servers.get(request.server_id)
        if server is None or not request.panel_login:
            return
        try:
            self.panel.delete_account(server, request.panel_login)
        except Unavailable as error:
            self.audit.append(
                AuditEntry(
                    request.organisation_id,
                    self.clock.now(),
                    AuditAction.REVOKED,
                    "the hosting panel",
                    request.id,
                    request.ticket_id,
                    f"deleting {request.panel_login} failed: {error}",
                )
            )

    def record(self, request: AccessRequest, action: AuditAction, actor: str, detail: str) -> None:
        """The audit log and the ticket's timeline, together."""
        entry = AuditEntry(
            organisation_id=request.organisation_id,
            at=self.clock.now(),
            action=action,
            actor=actor,
            request_id=request.id,
            ticket_id=request.ticket_id,
            detail=detail,
        )
        self.audit.append(entry)
        self.tickets.note(request.ticket_id, f"Server access {action.value} by {actor}: {detail}")
