"""An access request from a ticket and its life: pending -> approved -> issued -> revoked | expired."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from helpdesk.access.model.server import AccessPolicy, Approver
from helpdesk.kernel.errors import Conflict, Invalid, NotFound

CLOCK_SKEW = timedelta(seconds=30)  # certificates start a little in the past: servers' clocks drift


class AccessRequestNotFound(NotFound):
    """No such request where the caller may see it (a foreign id answers the same)."""


class AccessRequestInvalid(Invalid):
    """The principal, duration or key is not acceptable for this server and organisation."""


class AccessStateConflict(Conflict):
    """The request is not in a state that allows this."""


class GrantStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"  # approved; the certificate is signed at the requester's next fetch
    ISSUED = "issued"
    REVOKED = "revoked"
    EXPIRED = "expired"


LIVE = (GrantStatus.PENDING, GrantStatus.APPROVED, GrantStatus.ISSUED)


@dataclass(frozen=True)
class AccessRequest:
    id: str
    ticket_id: str
    ticket_number: str
    organisation_id: str
    server_id: str
    principal: str
    hours: int
    public_key: str
    reason: str
    requester: str
    created_at: datetime
    serial: int
    port_forwarding: bool = False
    status: GrantStatus = GrantStatus.PENDING
    approvers: frozenset[Approver] = frozenset()
    approved_by: tuple[str, ...] = ()
    valid_after: datetime | None = None
    valid_before: datetime | None = None
    certificate: str | None = None  # public material: useless without the requester's private key
    panel_login: str | None = None
    revoked_at: datetime | None = None
    revoked_by: str | None = None

    @property
    def key_id(self) -> str:
        return f"ticket {self.ticket_number} {self.requester} request {self.id}"

    def approve(
        self, by: str, side: Approver, policy: AccessPolicy, now: datetime, window: timedelta
    ) -> AccessRequest:
        if self.status is not GrantStatus.PENDING:
            raise AccessStateConflict(f"a request that is {self.status} cannot be approved")
        approvers = self.approvers | {side}
        approved = replace(self, approvers=approvers, approved_by=(*self.approved_by, by))
        if not policy.approval.satisfied(approvers):
            return approved
        return replace(
            approved,
            status=GrantStatus.APPROVED,
            valid_after=now - CLOCK_SKEW,
            valid_before=now + window,
        )

    def issued(self, certificate: str, panel_login: str | None) -> AccessRequest:
        return replace(self, status=GrantStatus.ISSUED, certificate=certificate, panel_login=panel_login)

    def revoke(self, by: str, now: datetime) -> AccessRequest:
        if self.status not in LIVE:
            raise AccessStateConflict(f"a request that is {self.status} cannot be revoked")
        return replace(self, status=GrantStatus.REVOKED, revoked_at=now, revoked_by=by)

    def expire(self) -> AccessRequest:
        return replace(self, status=GrantStatus.EXPIRED)

    def has_ended(self, now: datetime) -> bool:
        return self.valid_before is not None and now >= self.valid_before
