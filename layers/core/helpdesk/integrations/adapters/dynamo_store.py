"""The integrations' items in the single table, all under `INTEGRATION#<connector>`:

SETTINGS              what an admin configured (no credentials)
HEALTH                last success, last error, times delayed by a 429
ORDER#<order id>      ref: the deal a paid order became
TICKET#<ticket id>    data: the open deal a ticket links to
PROFILE#<customer id> data: the customer as the CRM sees them
PERSON#<person id>    ref: the customer id  (a webhook's person -> our customer)
DEAL#<deal id>        ref: the customer id
CURSOR#<name>         ref: where a scheduled pull got to (Omnidesk's cases: the newest change seen)
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from helpdesk.integrations.model.connectors import Connector, ConnectorSettings, Health
from helpdesk.integrations.model.crm import CrmDeal, CrmProfile
from helpdesk.kernel.adapters.once_claims import DynamoOnceClaims


def _when(raw: Any) -> datetime | None:
    return datetime.fromisoformat(raw) if raw else None


def _json(value: Any) -> str:
    return json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, datetime) else str(v))


class DynamoIntegrationStore:
    def __init__(self, client: Any, table: str) -> None:
        self._db, self._table = client, table
        self._claims = DynamoOnceClaims(client, table)

    # ------------------------------------------------------------ items
    def _get(self, connector: Connector, sk: str) -> dict[str, Any] | None:
        key = {"pk": {"S": f"INTEGRATION#{connector.value}"}, "sk": {"S": sk}}
        item = self._db.get_item(TableName=self._table, Key=key, ConsistentRead=True).get("Item")
        return item

    def _put(self, connector: Connector, sk: str, *, data: Any = None, ref: str | None = None) -> None:
        item: dict[str, Any] = {
            "pk": {"S": f"INTEGRATION#{connector.value}"},
            "sk": {"S": sk},
            "entity": {"S": "integration_" + sk.split("#", 1)[0].lower()},
        }
        if data is not None:
            item["data"] = {"S": _json(data)}
        if ref is not None:
            item["ref"] = {"S": ref}
        self._db.put_item(TableName=self._table, Item=item)

    def _data(self, connector: Connector, sk: str) -> dict[str, Any] | None:
        item = self._get(connector, sk)
        return json.loads(item["data"]["S"]) if item and "data" in item else None

    def _ref(self, connector: Connector, sk: str) -> str | None:
        item = self._get(connector, sk)
        return item["ref"]["S"] if item and "ref" in item else None

    # ------------------------------------------------------------ settings and health
    def settings(self, connector: Connector) -> ConnectorSettings:
        raw = self._data(connector, "SETTINGS")
        if raw is None:
            return ConnectorSettings(connector)
        return ConnectorSettings(
            connector=connector,
            enabled=bool(raw.get("enabled")),
            base_url=raw.get("base_url", ""),
            options=tuple((str(k), str(v)) for k, v in raw.get("options", [])),
            secret_name=raw.get("secret_name", ""),
            has_credentials=bool(raw.get("has_credentials")),
            updated_at=_when(raw.get("updated_at")),
            updated_by=raw.get("updated_by", ""),
        )

    def save_settings(self, settings: ConnectorSettings) -> None:
        self._put(settings.connector, "SETTINGS", data=asdict(settings))

    def health(self, connector: Connector) -> Health:
        raw = self._data(connector, "HEALTH") or {}
        return Health(
            connector,
            _when(raw.get("last_success_at")),
            _when(raw.get("last_error_at")),
            raw.get("last_error", ""),
            int(raw.get("delayed", 0)),
        )

    def save_health(self, health: Health) -> None:
        self._put(health.connector, "HEALTH", data=asdict(health))

    # ------------------------------------------------------------ links and profiles
    def order_deal(self, connector: Connector, order_id: str) -> str | None:
        return self._ref(connector, f"ORDER#{order_id}")

    def link_order_deal(self, connector: Connector, order_id: str, deal_id: str) -> None:
        self._put(connector, f"ORDER#{order_id}", ref=deal_id)

    def ticket_deal(self, connector: Connector, ticket_id: str) -> CrmDeal | None:
        raw = self._data(connector, f"TICKET#{ticket_id}")
        return CrmDeal(**raw) if raw else None

    def link_ticket_deal(self, connector: Connector, ticket_id: str, deal: CrmDeal) -> None:
        self._put(connector, f"TICKET#{ticket_id}", data=asdict(deal))

    def profile(self, connector: Connector, customer_id: str) -> CrmProfile | None:
        raw = self._data(connector, f"PROFILE#{customer_id}")
        if raw is None:
            return None
        return CrmProfile(
            connector=raw["connector"],
            customer_id=raw["customer_id"],
            person_id=raw.get("person_id", ""),
            org_id=raw.get("org_id", ""),
            name=raw.get("name", ""),
            phones=tuple(raw.get("phones", [])),
            deals=tuple(CrmDeal(**d) for d in raw.get("deals", [])),
            updated_at=_when(raw.get("updated_at")),
        )

    def save_profile(self, profile: CrmProfile) -> None:
        connector = Connector(profile.connector)
        self._put(connector, f"PROFILE#{profile.customer_id}", data=asdict(profile))
        if profile.person_id:
            self._put(connector, f"PERSON#{profile.person_id}", ref=profile.customer_id)
        for deal in profile.deals:
            self._put(connector, f"DEAL#{deal.deal_id}", ref=profile.customer_id)

    def customer_for_person(self, connector: Connector, person_id: str) -> str | None:
        return self._ref(connector, f"PERSON#{person_id}")

    def customer_for_deal(self, connector: Connector, deal_id: str) -> str | None:
        return self._ref(connector, f"DEAL#{deal_id}")

    def cursor(self, connector: Connector, name: str) -> str:
        return self._ref(connector, f"CURSOR#{name}") or ""

    def save_cursor(self, connector: Connector, name: str, value: str) -> None:
        self._put(connector, f"CURSOR#{name}", ref=value)

    def claim(self, key: str) -> bool:
        return self._claims.claim(f"integrations#{key}")

    def release(self, key: str) -> None:
        self._claims.release(f"integrations#{key}")
