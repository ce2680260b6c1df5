"""What the audit log records: every request, approval, issue, use and revocation, per organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class AuditAction(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    ISSUED = "issued"
    USED = "used"
    REVOKED = "revoked"
    EXPIRED = "expired"
    SERVER_REGISTERED = "server_registered"
    SERVER_CONFIRMED = "server_confirmed"


@dataclass(frozen=True)
class AuditEntry:
    organisation_id: str
    at: datetime
    action: AuditAction
    actor: str
    request_id: str | None
    ticket_id: str | None
    detail: str
