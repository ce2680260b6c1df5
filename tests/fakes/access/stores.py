"""In-memory access stores and edges, held to the same contract suite as the DynamoDB ones."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from helpdesk.access.model.audit import AuditEntry
from helpdesk.access.model.grant import LIVE, AccessRequest, AccessStateConflict
from helpdesk.access.model.server import AccessPolicy, Server
from helpdesk.access.ports import PanelAccount
from helpdesk.access.services.context import AccessStores
from helpdesk.kernel.clock import Clock


class MemoryServers:
    def __init__(self) -> None:
        self.servers: dict[str, Server] = {}
        self.policies: dict[str, AccessPolicy] = {}

    def add(self, server: Server) -> None:
        self.servers.setdefault(server.id, server)

    def get(self, server_id: str) -> Server | None:
        return self.servers.get(server_id)

    def save(self, server: Server) -> None:
        if server.id not in self.servers:
            raise KeyError(server.id)
        self.servers[server.id] = server

    def for_organisation(self, organisation_id: str) -> list[Server]:
        found = [s for s in self.servers.values() if s.organisation_id == organisation_id]
        return sorted(found, key=lambda s: s.created_at)

    def policy(self, organisation_id: str) -> AccessPolicy:
        return self.policies.get(organisation_id) or AccessPolicy(organisation_id)

    def save_policy(self, policy: AccessPolicy) -> None:
        self.policies[policy.organisation_id] = policy


class MemoryRequests:
    def __init__(self) -> None:
        self.requests: dict[str, AccessRequest] = {}

    def add(self, request: AccessRequest) -> None:
        self.requests.setdefault(request.id, request)

    def get(self, request_id: str) -> AccessRequest | None:
        return self.requests.get(request_id)

    def save(self, request: AccessRequest, expected: AccessRequest) -> None:
        stored = self.requests.get(request.id)
        if stored is None or stored.status is not expected.status:
            raise AccessStateConflict("the request changed meanwhile; reload it")
        self.requests[request.id] = request

    def for_ticket(self, ticket_id: str) -> list[AccessRequest]:
        return self._sorted(r for r in self.requests.values() if r.ticket_id == ticket_id)

    def for_organisation(self, organisation_id: str) -> list[AccessRequest]:
        return self._sorted(r for r in self.requests.values() if r.organisation_id == organisation_id)

    def live(self) -> list[AccessRequest]:
        return [r for r in self.requests.values() if r.status in LIVE]

    @staticmethod
    def _sorted(requests: object) -> list[AccessRequest]:
        return sorted(requests, key=lambda r: r.created_at)  # type: ignore[arg-type]


class MemoryAudit:
    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    def append(self, entry: AuditEntry) -> None:
        self.entries.append(entry)

    def for_organisation(self, organisation_id: str) -> list[AuditEntry]:
        return sorted((e for e in self.entries if e.organisation_id == organisation_id), key=lambda e: e.at)


@dataclass
class FakeTicketDesk:
    tickets: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (organisation, number)
    closed: set[str] = field(default_factory=set)
    notes: list[tuple[str, str]] = field(default_factory=list)
    mails: list[tuple[str, str, str]] = field(default_factory=list)

    def organisation_of(self, ticket_id: str) -> tuple[str, str] | None:
        return self.tickets.get(ticket_id)

    def is_closed(self, ticket_id: str) -> bool:
        return ticket_id in self.closed

    def note(self, ticket_id: str, text: str) -> None:
        self.notes.append((ticket_id, text))

    def tell_client(self, organisation_id: str, subject: str, text: str, key: str) -> None:
        self.mails.append((organisation_id, subject, text))


@dataclass
class FakePanel:
    accounts: dict[str, str] = field(default_factory=dict)  # login -> password digest

    def create_account(self, server: Server, login: str, valid_before: datetime) -> PanelAccount:
        password = secrets.token_urlsafe(12)
        self.accounts[login] = hashlib.sha256(password.encode()).hexdigest()
        return PanelAccount(login, password)

    def delete_account(self, server: Server, login: str) -> None:
        self.accounts.pop(login, None)


class FakeLinks:
    def __init__(self) -> None:
        self._key = secrets.token_bytes(16)

    def link(self, request_id: str, expires_at: datetime) -> str:
        return f"https://cabinet.example/approve?token={self.token(request_id)}"

    def token(self, request_id: str) -> str:
        return request_id + "." + hmac.new(self._key, request_id.encode(), "sha256").hexdigest()

    def request_id(self, token: str, now: datetime) -> str | None:
        request_id, _, _ = token.partition(".")
        return request_id if hmac.compare_digest(self.token(request_id), token) else None


def memory_stores(clock: Clock, seconds_per_hour: float = 3600) -> AccessStores:
    return AccessStores(
        servers=MemoryServers(),
        requests=MemoryRequests(),
        audit=MemoryAudit(),
        tickets=FakeTicketDesk(),
        panel=FakePanel(),
        links=FakeLinks(),
        clock=clock,
        seconds_per_hour=seconds_per_hour,
    )
