"""Servers, the organisation's policy, the revocation list, the audit log and the expiry sweep."""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import replace

from helpdesk.access.model.audit import AuditAction, AuditEntry
from helpdesk.access.model.grant import AccessRequest, AccessStateConflict, GrantStatus
from helpdesk.access.model.krl import encode_krl
from helpdesk.access.model.requests import NewServer
from helpdesk.access.model.server import AccessPolicy, ApprovalRule, Server, ServerInvalid, ServerNotFound
from helpdesk.access.ports import CaPublicKey
from helpdesk.access.services.context import AccessStores

MAX_HOURS_LIMIT = 72


class AccessAdmin:
    def __init__(self, stores: AccessStores, ca: CaPublicKey, krl_base_url: str = "") -> None:
        self._s, self._ca, self._krl_base_url = stores, ca, krl_base_url.rstrip("/")

    def krl_url(self, organisation_id: str) -> str:
        return f"{self._krl_base_url}/access/krl/{organisation_id}"

    def ca_public_key(self) -> str:
        return self._ca.public_key()

    def register_server(
        self, organisation_id: str, new: NewServer, by: str, by_client: bool = True
    ) -> Server:
        """A client's own server is usable at once; one staff register waits for the client's confirmation."""
        if not new.name.strip():
            raise ServerInvalid("a name is required")
        server = Server(
            id=secrets.token_hex(6),
            organisation_id=organisation_id,
            name=new.name.strip()[:100],
            host=new.host.strip(),
            port=new.port,
            principals=tuple(dict.fromkeys(p.strip() for p in new.principals)),
            created_at=self._s.clock.now(),
            created_by=by,
            source_address=new.source_address or None,
            panel_account=new.panel_account or None,
            confirmed=by_client,
        )
        self._s.servers.add(server)
        self._s.audit.append(
            AuditEntry(
                organisation_id,
                server.created_at,
                AuditAction.SERVER_REGISTERED,
                by,
                None,
                None,
                f"{server.name} {server.host}:{server.port} as {', '.join(server.principals)}",
            )
        )
        return server

    def confirm_server(self, organisation_id: str, server_id: str, by: str) -> Server:
        server = self._s.servers.get(server_id)
        if server is None or server.organisation_id != organisation_id:
            raise ServerNotFound("no such server")
        confirmed = replace(server, confirmed=True)
        self._s.servers.save(confirmed)
        entry = AuditEntry(organisation_id, self._s.clock.now(), AuditAction.SERVER_CONFIRMED, by, None, None,
                           f"{server.name} {server.host}:{server.port}")  # fmt: skip
        self._s.audit.append(entry)
        return confirmed

    def servers(self, organisation_id: str) -> list[Server]:
        return self._s.servers.for_organisation(organisation_id)

    def set_policy(self, organisation_id: str, approval: ApprovalRule, max_hours: int) -> AccessPolicy:
        if not 1 <= max_hours <= MAX_HOURS_LIMIT:
            raise ServerInvalid(f"max_hours must be 1..{MAX_HOURS_LIMIT}")
        policy = AccessPolicy(organisation_id, approval, max_hours)
        self._s.servers.save_policy(policy)
        return policy

    def requests(self, organisation_id: str) -> list[AccessRequest]:
        return self._s.requests.for_organisation(organisation_id)

    def revoked(self, organisation_id: str) -> list[AccessRequest]:
        return [r for r in self.requests(organisation_id) if r.status is GrantStatus.REVOKED]

    def krl(self, organisation_id: str) -> bytes:
        """The organisation's KRL; its version grows with every revocation, so servers can tell it changed."""
        revoked = self.revoked(organisation_id)
        stamps = [int(r.revoked_at.timestamp()) for r in revoked if r.revoked_at]
        version = max(stamps, default=0)
        return encode_krl(
            self._ca.public_key_blob(),
            (r.serial for r in revoked),
            version,
            version,
            f"helpdesk access {organisation_id}",
        )

    def audit_csv(self, organisation_id: str) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["at", "action", "actor", "request", "ticket", "detail"])
        for e in self._s.audit.for_organisation(organisation_id):
            writer.writerow(
                [e.at.isoformat(), e.action.value, e.actor, e.request_id or "", e.ticket_id or "", e.detail]
            )
        return out.getvalue()

    def sweep(self) -> int:
        """Revokes live grants of closed tickets and marks ended ones expired (deleting panel accounts)."""
        now, changed = self._s.clock.now(), 0
        for request in self._s.requests.live():
            try:
                if self._s.tickets.is_closed(request.ticket_id):
                    ended = request.revoke("ticket closed", now)
                    action, detail = AuditAction.REVOKED, f"ticket closed; serial {request.serial} revoked"
                elif request.has_ended(now):
                    ended = request.expire()
                    action, detail = AuditAction.EXPIRED, "the window ended"
                else:
                    continue
                self._s.requests.save(ended, request)
            except AccessStateConflict:
                continue  # changed meanwhile (a revoke from the console); the next sweep sees its new state
            self._s.record(ended, action, "the access sweep", detail)
            self._s.delete_panel_account(request)
            changed += 1
        return changed
