"""A client's server the agency may be given access to, and the organisation's access policy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from helpdesk.kernel.errors import Invalid, NotFound

PRINCIPAL = re.compile(r"^[a-z_][a-z0-9_.-]{0,31}$")
HOST = re.compile(r"^[A-Za-z0-9.:-]{1,253}$")


class ServerNotFound(NotFound):
    """No such server in the caller's organisation (a foreign id answers the same)."""


class ServerInvalid(Invalid):
    """Host, port or principals are not acceptable."""


class Approver(StrEnum):
    CLIENT = "client"
    MANAGER = "manager"


class ApprovalRule(StrEnum):
    EITHER = "either"  # the client or a manager
    CLIENT = "client"
    MANAGER = "manager"
    BOTH = "both"

    def satisfied(self, approvers: frozenset[Approver]) -> bool:
        if self is ApprovalRule.EITHER:
            return bool(approvers)
        if self is ApprovalRule.BOTH:
            return approvers >= {Approver.CLIENT, Approver.MANAGER}
        return Approver(self.value) in approvers


@dataclass(frozen=True)
class AccessPolicy:
    organisation_id: str
    approval: ApprovalRule = ApprovalRule.EITHER
    max_hours: int = 8


@dataclass(frozen=True)
class Server:
    id: str
    organisation_id: str
    name: str
    host: str
    port: int
    principals: tuple[str, ...]
    created_at: datetime
    created_by: str
    source_address: str | None = None  # the `source-address` critical option of certificates for it
    panel_account: str | None = None  # the cPanel domain temporary FTP users are made under
    confirmed: bool = True  # a server staff register waits for the client's confirmation

    def __post_init__(self) -> None:
        if not HOST.match(self.host):
            raise ServerInvalid("host must be a host name or an address")
        if not 0 < self.port < 65536:
            raise ServerInvalid("port must be 1..65535")
        if not self.principals or not all(PRINCIPAL.match(p) for p in self.principals):
            raise ServerInvalid("principals must be one or more Unix user names")
