"""Every interface the access context's services need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from helpdesk.access.model.audit import AuditEntry
from helpdesk.access.model.grant import AccessRequest
from helpdesk.access.model.server import AccessPolicy, Server


class ServerStore(Protocol):
    def add(self, server: Server) -> None: ...
    def get(self, server_id: str) -> Server | None: ...
    def save(self, server: Server) -> None: ...
    def for_organisation(self, organisation_id: str) -> list[Server]: ...
    def policy(self, organisation_id: str) -> AccessPolicy: ...
    def save_policy(self, policy: AccessPolicy) -> None: ...


class RequestStore(Protocol):
    def add(self, request: AccessRequest) -> None: ...
    def get(self, request_id: str) -> AccessRequest | None: ...
    def save(self, request: AccessRequest, expected: AccessRequest) -> None:
        """Saves only if the stored request still has `expected`'s status (else AccessStateConflict)."""
        ...

    def for_ticket(self, ticket_id: str) -> list[AccessRequest]: ...
    def for_organisation(self, organisation_id: str) -> list[AccessRequest]: ...
    def live(self) -> list[AccessRequest]:
        """Requests pending, approved or issued, for the sweep (an index, never a scan)."""
        ...


class AuditLog(Protocol):
    def append(self, entry: AuditEntry) -> None: ...
    def for_organisation(self, organisation_id: str) -> list[AuditEntry]: ...


@dataclass(frozen=True)
class CertificateSpec:
    public_key: str  # the requester's OpenSSH public key line
    serial: int
    key_id: str
    principals: tuple[str, ...]
    valid_after: datetime
    valid_before: datetime
    source_address: str | None
    port_forwarding: bool


class CaPublicKey(Protocol):
    """The CA's public half, which anyone may read (servers trust it; KRLs name it)."""

    def public_key(self) -> str:
        """The OpenSSH line `ssh-ed25519 AAAA... helpdesk-access-ca`."""
        ...

    def public_key_blob(self) -> bytes: ...


class CertificateAuthority(CaPublicKey, Protocol):
    """The agency's SSH CA. Only the signing adapter holds the private key; nothing returns it."""

    def sign(self, spec: CertificateSpec) -> str: ...


class TicketDesk(Protocol):
    """What access needs of tickets: whose ticket it is, whether it is closed, and its timeline."""

    def organisation_of(self, ticket_id: str) -> tuple[str, str] | None:
        """(organisation id, ticket number), or None for an unknown ticket or one without organisation."""
        ...

    def is_closed(self, ticket_id: str) -> bool: ...
    def note(self, ticket_id: str, text: str) -> None: ...
    def tell_client(self, organisation_id: str, subject: str, text: str, key: str) -> None: ...


@dataclass(frozen=True)
class PanelAccount:
    login: str
    password: str  # shown once to the requester; never stored


class HostingPanel(Protocol):
    """A hosting panel's temporary FTP/SFTP accounts (cPanel UAPI Ftp::add_ftp / Ftp::delete_ftp)."""

    def create_account(self, server: Server, login: str, valid_before: datetime) -> PanelAccount: ...
    def delete_account(self, server: Server, login: str) -> None: ...


class ApprovalLinks(Protocol):
    def link(self, request_id: str, expires_at: datetime) -> str: ...
    def request_id(self, token: str, now: datetime) -> str | None: ...
