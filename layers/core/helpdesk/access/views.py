"""The access context's API bodies and answers."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from helpdesk.access.model.audit import AuditEntry
from helpdesk.access.model.grant import AccessRequest
from helpdesk.access.model.requests import NewAccessRequest, NewServer
from helpdesk.access.model.server import AccessPolicy, ApprovalRule, Approver, Server

__all__ = ["Approver"]  # re-exported: routes name the approving side


class CaView(BaseModel):
    public_key: str


class AccessRequestBody(BaseModel):
    server_id: str = Field(min_length=1, max_length=64)
    principal: str = Field(min_length=1, max_length=32)
    hours: int = Field(ge=1, le=72)
    public_key: str = Field(min_length=20, max_length=4000)
    reason: str = Field(min_length=1, max_length=500)
    port_forwarding: bool = False

    def command(self) -> NewAccessRequest:
        return NewAccessRequest(**self.model_dump())


class AccessRequestCreatedView(BaseModel):
    id: str
    status: str


class AccessRequestView(BaseModel):
    id: str
    status: str
    ticket_id: str
    ticket_number: str
    organisation_id: str
    server_id: str
    principal: str
    hours: int
    reason: str
    requester: str
    created_at: datetime
    approved_by: list[str]
    serial: str  # a 64-bit number: a string, so browsers do not round it
    key_id: str
    valid_after: datetime | None = None
    valid_before: datetime | None = None
    certificate: str | None = None
    panel_login: str | None = None
    panel_password: str | None = None  # only in the one answer that created the panel account
    revoked_at: datetime | None = None
    revoked_by: str | None = None

    @classmethod
    def of(cls, r: AccessRequest, panel_password: str | None = None) -> AccessRequestView:
        return cls(
            id=r.id,
            status=r.status.value,
            ticket_id=r.ticket_id,
            ticket_number=r.ticket_number,
            organisation_id=r.organisation_id,
            server_id=r.server_id,
            principal=r.principal,
            hours=r.hours,
            reason=r.reason,
            requester=r.requester,
            created_at=r.created_at,
            approved_by=list(r.approved_by),
            serial=str(r.serial),
            key_id=r.key_id,
            valid_after=r.valid_after,
            valid_before=r.valid_before,
            certificate=r.certificate,
            panel_login=r.panel_login,
            panel_password=panel_password,
            revoked_at=r.revoked_at,
            revoked_by=r.revoked_by,
        )


class AccessRequestListView(BaseModel):
    items: list[AccessRequestView]

    @classmethod
    def of(cls, requests: list[AccessRequest]) -> AccessRequestListView:
        return cls(items=[AccessRequestView.of(r) for r in reversed(requests)])


class TicketAccessView(BaseModel):
    """The console's card: the servers of the ticket's organisation and the ticket's requests."""

    servers: list[ServerView]
    requests: list[AccessRequestView]


class ServerBody(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    host: str = Field(min_length=1, max_length=253)
    port: int = 22
    principals: list[str] = Field(min_length=1, max_length=20)
    source_address: str | None = Field(default=None, max_length=200)
    panel_account: str | None = Field(default=None, max_length=64)

    def command(self) -> NewServer:
        return NewServer(
            self.name, self.host, self.port, tuple(self.principals), self.source_address, self.panel_account
        )


class ServerView(BaseModel):
    id: str
    organisation: str
    name: str
    host: str
    port: int
    principals: list[str]
    source_address: str | None
    panel_account: str | None
    confirmed: bool
    created_at: datetime

    @classmethod
    def of(cls, s: Server) -> ServerView:
        return cls(
            id=s.id,
            organisation=s.organisation_id,
            name=s.name,
            host=s.host,
            port=s.port,
            principals=list(s.principals),
            source_address=s.source_address,
            panel_account=s.panel_account,
            confirmed=s.confirmed,
            created_at=s.created_at,
        )


TicketAccessView.model_rebuild()


class ServerListView(BaseModel):
    items: list[ServerView]
    ca_public_key: str
    krl_url: str
    installer: str  # the one line a client runs as root on each server

    @classmethod
    def of(cls, servers: list[Server], ca_public_key: str, krl_url: str) -> ServerListView:
        installer = (
            f"echo '{ca_public_key}' > /etc/ssh/helpdesk_ca.pub && curl -fsS -o /etc/ssh/helpdesk.krl "
            f"'{krl_url}' && printf 'TrustedUserCAKeys /etc/ssh/helpdesk_ca.pub\\nRevokedKeys "
            "/etc/ssh/helpdesk.krl\\n' >> /etc/ssh/sshd_config && systemctl reload ssh"
        )
        return cls(
            items=[ServerView.of(s) for s in servers],
            ca_public_key=ca_public_key,
            krl_url=krl_url,
            installer=installer,
        )


class PolicyBody(BaseModel):
    approval: ApprovalRule
    max_hours: int = Field(ge=1, le=72)


class PolicyView(BaseModel):
    organisation_id: str
    approval: str
    max_hours: int

    @classmethod
    def of(cls, p: AccessPolicy) -> PolicyView:
        return cls(organisation_id=p.organisation_id, approval=p.approval.value, max_hours=p.max_hours)


class AuditEntryView(BaseModel):
    at: datetime
    action: str
    actor: str
    request_id: str | None
    ticket_id: str | None
    detail: str

    @classmethod
    def of(cls, e: AuditEntry) -> AuditEntryView:
        return cls(
            at=e.at,
            action=e.action.value,
            actor=e.actor,
            request_id=e.request_id,
            ticket_id=e.ticket_id,
            detail=e.detail,
        )


class ApprovalLinkView(BaseModel):
    """What the signed link's page shows before the client presses Approve."""

    request: AccessRequestView
    server_name: str
    server_host: str
