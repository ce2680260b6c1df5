"""Access requests from a ticket: request, approve, issue the certificate, revoke."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace

from helpdesk.access.model.audit import AuditAction
from helpdesk.access.model.grant import (
    AccessRequest,
    AccessRequestInvalid,
    AccessRequestNotFound,
    GrantStatus,
)
from helpdesk.access.model.keys import checked_public_key
from helpdesk.access.model.requests import NewAccessRequest
from helpdesk.access.model.server import Approver, Server, ServerNotFound
from helpdesk.access.ports import CertificateAuthority, CertificateSpec
from helpdesk.access.services.context import AccessStores
from helpdesk.kernel.errors import Forbidden, NotFound, Unavailable


@dataclass(frozen=True)
class Issued:
    request: AccessRequest
    panel_password: str | None = None  # only in the answer that created the panel account


class AccessForbidden(Forbidden):
    """The caller sees the request but may not change it."""


@dataclass(frozen=True)
class TicketAccess:
    servers: list[Server]
    requests: list[AccessRequest]


class AccessGrants:
    def __init__(self, stores: AccessStores, ca: CertificateAuthority | None) -> None:
        """`ca` is None where the CA must not be readable (the cabinet): approval there signs nothing."""
        self._s, self._ca = stores, ca

    def request(self, ticket_id: str, new: NewAccessRequest, requester: str) -> AccessRequest:
        owner = self._s.tickets.organisation_of(ticket_id)
        if owner is None:
            raise NotFound("no such ticket, or the ticket has no client organisation")
        organisation_id, number = owner
        server = self._s.servers.get(new.server_id)
        if server is None or server.organisation_id != organisation_id:
            raise ServerNotFound("no such server for this ticket's organisation")
        if not server.confirmed:
            raise AccessRequestInvalid("the client has not confirmed this server yet")
        if new.principal not in server.principals:
            raise AccessRequestInvalid(f"principal must be one of {', '.join(server.principals)}")
        limit = self._s.servers.policy(organisation_id).max_hours
        if not 1 <= new.hours <= limit:
            raise AccessRequestInvalid(f"hours must be 1..{limit} for this organisation")
        if not new.reason.strip():
            raise AccessRequestInvalid("a reason is required")
        request = AccessRequest(
            id=secrets.token_hex(8),
            ticket_id=ticket_id,
            ticket_number=number,
            organisation_id=organisation_id,
            server_id=server.id,
            principal=new.principal,
            hours=new.hours,
            public_key=checked_public_key(new.public_key),
            reason=new.reason.strip()[:500],
            requester=requester,
            created_at=self._s.clock.now(),
            serial=secrets.randbits(63) or 1,
            port_forwarding=new.port_forwarding,
        )
        self._s.requests.add(request)
        detail = f"{new.principal}@{server.host} for {new.hours} h: {request.reason}"
        self._s.record(request, AuditAction.REQUESTED, requester, detail)
        expires = request.created_at + self._s.window(24)
        link = self._s.links.link(request.id, expires)
        self._s.tickets.tell_client(
            organisation_id,
            f"Access requested to {server.name} (ticket {number})",
            f"{requester} asks for {detail}.\n\nApprove: {link}\n",
            f"access-request:{request.id}",
        )
        return request

    def approve(self, request_id: str, by: str, side: Approver, organisation_id: str | None = None) -> Issued:
        """A manager approves any request; a client (organisation_id given) only their organisation's."""
        request = self._get(request_id, organisation_id)
        policy = self._s.servers.policy(request.organisation_id)
        now = self._s.clock.now()
        approved = request.approve(by, side, policy, now, self._s.window(request.hours))
        self._s.requests.save(approved, request)
        self._s.record(approved, AuditAction.APPROVED, by, f"as {side.value}")
        if approved.status is GrantStatus.APPROVED:
            valid_before = approved.valid_before.isoformat() if approved.valid_before else ""
            self._s.tickets.tell_client(
                approved.organisation_id,
                f"Access granted: ticket {approved.ticket_number}",
                f"{approved.requester} may log in as {approved.principal} until {valid_before} (UTC).\n"
                f"Revoke it any time in the cabinet's servers page.\n",
                f"access-granted:{approved.id}",
            )
        return self.fetch(request_id, by) if self._ca else Issued(approved)

    def by_link(self, token: str) -> AccessRequest:
        """The request a mailed approval link names (an expired or forged link answers like an unknown id)."""
        request_id = self._s.links.request_id(token, self._s.clock.now())
        if request_id is None:
            raise AccessRequestNotFound("no such access request")
        return self._get(request_id, None)

    def link_details(self, token: str) -> tuple[AccessRequest, Server | None]:
        request = self.by_link(token)
        return request, self._s.servers.get(request.server_id)

    def approve_by_link(self, token: str) -> Issued:
        request = self.by_link(token)
        return self.approve(request.id, "client (mailed link)", Approver.CLIENT, request.organisation_id)

    def fetch(self, request_id: str, caller: str) -> Issued:
        """The request as staff see it; signs the certificate once it is approved, and at the requester's
        first fetch creates the panel account whose password this one answer carries."""
        request = self._get(request_id, None)
        if request.status in (GrantStatus.APPROVED, GrantStatus.ISSUED) and request.has_ended(
            self._s.clock.now()
        ):
            return Issued(request)  # the sweep marks it expired; nothing more is signed
        if request.status is GrantStatus.APPROVED and self._ca is not None:
            issued = request.issued(self._ca.sign(self._spec(request)), None)
            self._s.requests.save(issued, request)
            self._s.record(
                issued, AuditAction.ISSUED, "the agency's CA", f"certificate serial {issued.serial}"
            )
            request = issued
        if request.status is GrantStatus.ISSUED and caller == request.requester:
            return self._panel_account(request)
        return Issued(request)

    def revoke(
        self, request_id: str, by: str, organisation_id: str | None = None, own_only: bool = False
    ) -> AccessRequest:
        """Managers and the client revoke any grant they can see; a developer (`own_only`) only their own."""
        request = self._get(request_id, organisation_id)
        if own_only and request.requester != by:
            raise AccessForbidden("only a manager, the client or the requester may revoke this grant")
        revoked = request.revoke(by, self._s.clock.now())
        self._s.requests.save(revoked, request)
        self._s.record(revoked, AuditAction.REVOKED, by, f"certificate serial {revoked.serial} revoked")
        self._s.delete_panel_account(revoked)
        return revoked

    def for_ticket(self, ticket_id: str) -> TicketAccess:
        """The console's access panel: the servers of the ticket's organisation and the ticket's requests."""
        owner = self._s.tickets.organisation_of(ticket_id)
        servers = self._s.servers.for_organisation(owner[0]) if owner else []
        return TicketAccess(servers, self._s.requests.for_ticket(ticket_id))

    def _panel_account(self, request: AccessRequest) -> Issued:
        server = self._s.servers.get(request.server_id)
        if server is None or not server.panel_account or request.panel_login or not request.valid_before:
            return Issued(request)
        login = f"hd{request.id[:10]}"
        try:
            account = self._s.panel.create_account(server, login, request.valid_before)
        except Unavailable:  # the certificate stands; the next fetch tries the panel again
            return Issued(request)
        with_login = replace(request, panel_login=account.login)
        self._s.requests.save(with_login, request)
        self._s.record(with_login, AuditAction.ISSUED, "the hosting panel", f"account {account.login}")
        return Issued(with_login, account.password)

    def _spec(self, request: AccessRequest) -> CertificateSpec:
        server = self._s.servers.get(request.server_id)
        assert request.valid_after and request.valid_before
        return CertificateSpec(
            public_key=request.public_key,
            serial=request.serial,
            key_id=request.key_id,
            principals=(request.principal,),
            valid_after=request.valid_after,
            valid_before=request.valid_before,
            source_address=server.source_address if server else None,
            port_forwarding=request.port_forwarding,
        )

    def _get(self, request_id: str, organisation_id: str | None) -> AccessRequest:
        request = self._s.requests.get(request_id)
        if request is None or (organisation_id is not None and request.organisation_id != organisation_id):
            raise AccessRequestNotFound("no such access request")
        return request
