"""Access on the single table.

`ACCESSSERVER#<id>`/`SERVER` (gsi2 `ORGSERVERS#<org>`), `ACCESSPOLICY#<org>`/`POLICY`,
`ACCESSREQ#<id>`/`REQUEST` (gsi1 `TICKETACCESS#<ticket>`, gsi2 `ORGACCESS#<org>`, gsi3 `ACCESSLIVE`
while pending/approved/issued: a sparse index the sweep reads),
`ACCESSAUDIT#<org>`/`<at>#<n>`, `ACCESSCA`/`PUBLIC`."""

from __future__ import annotations

import secrets

from pynamodb.exceptions import PynamoDBException

from helpdesk.access.model.audit import AuditEntry
from helpdesk.access.model.grant import LIVE, AccessRequest, AccessStateConflict
from helpdesk.access.model.server import AccessPolicy, Server
from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, condition_failed, put_new


class _Items:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def _data(self, pk: str, sk: str) -> str | None:
        try:
            return self._m.get(pk, sk, consistent_read=True).data or "{}"
        except self._m.DoesNotExist:
            return None


class DynamoServers(_Items):
    def add(self, server: Server) -> None:
        put_new(self._m, self._item(server))

    def save(self, server: Server) -> None:
        self._item(server).save(condition=self._m.pk.exists())

    def _item(self, server: Server) -> HelpdeskItem:
        return self._m(
            f"ACCESSSERVER#{server.id}",
            "SERVER",
            entity="access_server",
            data=dumps(server),
            gsi2pk=f"ORGSERVERS#{server.organisation_id}",
            gsi2sk=server.created_at.isoformat(),
        )

    def get(self, server_id: str) -> Server | None:
        data = self._data(f"ACCESSSERVER#{server_id}", "SERVER")
        return loads(Server, data) if data else None

    def for_organisation(self, organisation_id: str) -> list[Server]:
        return [loads(Server, i.data or "{}") for i in self._m.gsi2.query(f"ORGSERVERS#{organisation_id}")]

    def policy(self, organisation_id: str) -> AccessPolicy:
        data = self._data(f"ACCESSPOLICY#{organisation_id}", "POLICY")
        return loads(AccessPolicy, data) if data else AccessPolicy(organisation_id)

    def save_policy(self, policy: AccessPolicy) -> None:
        item = self._m(f"ACCESSPOLICY#{policy.organisation_id}", "POLICY", entity="access_policy")
        item.data = dumps(policy)
        item.save()


class DynamoRequests(_Items):
    def add(self, request: AccessRequest) -> None:
        put_new(self._m, self._item(request))

    def get(self, request_id: str) -> AccessRequest | None:
        data = self._data(f"ACCESSREQ#{request_id}", "REQUEST")
        return loads(AccessRequest, data) if data else None

    def save(self, request: AccessRequest, expected: AccessRequest) -> None:
        try:
            self._item(request).save(condition=self._m.status == expected.status.value)
        except PynamoDBException as error:
            if condition_failed(error):
                raise AccessStateConflict("the request changed meanwhile; reload it") from error
            raise

    def for_ticket(self, ticket_id: str) -> list[AccessRequest]:
        return [self._request(i) for i in self._m.gsi1.query(f"TICKETACCESS#{ticket_id}")]

    def for_organisation(self, organisation_id: str) -> list[AccessRequest]:
        return [self._request(i) for i in self._m.gsi2.query(f"ORGACCESS#{organisation_id}")]

    def live(self) -> list[AccessRequest]:
        return [self._request(i) for i in self._m.gsi3.query("ACCESSLIVE")]

    def _item(self, request: AccessRequest) -> HelpdeskItem:
        live = request.status in LIVE
        return self._m(
            f"ACCESSREQ#{request.id}",
            "REQUEST",
            entity="access_request",
            data=dumps(request),
            status=request.status.value,
            gsi1pk=f"TICKETACCESS#{request.ticket_id}",
            gsi1sk=request.created_at.isoformat(),
            gsi2pk=f"ORGACCESS#{request.organisation_id}",
            gsi2sk=request.created_at.isoformat(),
            gsi3pk="ACCESSLIVE" if live else None,
            gsi3sk=request.id if live else None,
        )

    @staticmethod
    def _request(item: HelpdeskItem) -> AccessRequest:
        return loads(AccessRequest, item.data or "{}")


class DynamoAudit(_Items):
    def append(self, entry: AuditEntry) -> None:
        sk = f"{entry.at.isoformat()}#{secrets.token_hex(3)}"
        self._m(f"ACCESSAUDIT#{entry.organisation_id}", sk, entity="access_audit", data=dumps(entry)).save()

    def for_organisation(self, organisation_id: str) -> list[AuditEntry]:
        return [loads(AuditEntry, i.data or "{}") for i in self._m.query(f"ACCESSAUDIT#{organisation_id}")]


class DynamoCaPublicKey(_Items):
    """The CA's public key line, published by the signing side so others can read it without the secret."""

    def publish(self, line: str) -> None:
        self._m("ACCESSCA", "PUBLIC", entity="access_ca", data=line).save()

    def line(self) -> str | None:
        data = self._data("ACCESSCA", "PUBLIC")
        return data if data and data != "{}" else None
