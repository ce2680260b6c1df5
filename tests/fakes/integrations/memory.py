"""In-memory stand-ins for the integrations ports (the store's fake runs the store's contract suite)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import count
from typing import Any

from helpdesk.integrations.model.commerceml import AccountingStatus
from helpdesk.integrations.model.connectors import Connector, ConnectorSettings, Health
from helpdesk.integrations.model.crm import CrmDeal, CrmParty, CrmProfile, WonDeal
from helpdesk.integrations.ports import ExchangeSession, PaidOrder, TicketParty, VendorRateLimited


class MemoryIntegrationStore:
    def __init__(self) -> None:
        self._settings: dict[Connector, ConnectorSettings] = {}
        self._health: dict[Connector, Health] = {}
        self._refs: dict[tuple[Connector, str], str] = {}
        self._tickets: dict[tuple[Connector, str], CrmDeal] = {}
        self._profiles: dict[tuple[Connector, str], CrmProfile] = {}
        self._claims: set[str] = set()

    def settings(self, connector: Connector) -> ConnectorSettings:
        return self._settings.get(connector, ConnectorSettings(connector))

    def save_settings(self, settings: ConnectorSettings) -> None:
        self._settings[settings.connector] = settings

    def health(self, connector: Connector) -> Health:
        return self._health.get(connector, Health(connector))

    def save_health(self, health: Health) -> None:
        self._health[health.connector] = health

    def order_deal(self, connector: Connector, order_id: str) -> str | None:
        return self._refs.get((connector, f"ORDER#{order_id}"))

    def link_order_deal(self, connector: Connector, order_id: str, deal_id: str) -> None:
        self._refs[(connector, f"ORDER#{order_id}")] = deal_id

    def ticket_deal(self, connector: Connector, ticket_id: str) -> CrmDeal | None:
        return self._tickets.get((connector, ticket_id))

    def link_ticket_deal(self, connector: Connector, ticket_id: str, deal: CrmDeal) -> None:
        self._tickets[(connector, ticket_id)] = deal

    def profile(self, connector: Connector, customer_id: str) -> CrmProfile | None:
        return self._profiles.get((connector, customer_id))

    def save_profile(self, profile: CrmProfile) -> None:
        connector = Connector(profile.connector)
        self._profiles[(connector, profile.customer_id)] = profile
        if profile.person_id:
            self._refs[(connector, f"PERSON#{profile.person_id}")] = profile.customer_id
        for deal in profile.deals:
            self._refs[(connector, f"DEAL#{deal.deal_id}")] = profile.customer_id

    def customer_for_person(self, connector: Connector, person_id: str) -> str | None:
        return self._refs.get((connector, f"PERSON#{person_id}"))

    def customer_for_deal(self, connector: Connector, deal_id: str) -> str | None:
        return self._refs.get((connector, f"DEAL#{deal_id}"))

    def cursor(self, connector: Connector, name: str) -> str:
        return self._refs.get((connector, f"CURSOR#{name}"), "")

    def save_cursor(self, connector: Connector, name: str, value: str) -> None:
        self._refs[(connector, f"CURSOR#{name}")] = value

    def claim(self, key: str) -> bool:
        if key in self._claims:
            return False
        self._claims.add(key)
        return True

    def release(self, key: str) -> None:
        self._claims.discard(key)


class MemoryCredentials:
    def __init__(self) -> None:
        self.secrets: dict[str, dict[str, str]] = {}

    def read(self, secret_name: str) -> dict[str, str]:
        return dict(self.secrets[secret_name])

    def write(self, secret_name: str, values: dict[str, str]) -> None:
        self.secrets[secret_name] = dict(values)


class RecordedQueue:
    def __init__(self, depth: tuple[int, int] = (0, 0)) -> None:
        self.sent: list[tuple[Connector, str, str, int, int]] = []
        self._depth = depth

    def request(
        self, connector: Connector, kind: str, ref: str, delay_seconds: int = 0, attempt: int = 0
    ) -> None:
        self.sent.append((connector, kind, ref, delay_seconds, attempt))

    def depths(self) -> tuple[int, int]:
        return self._depth


@dataclass
class FakeSources:
    orders: dict[str, PaidOrder] = field(default_factory=dict)
    tickets: dict[str, TicketParty] = field(default_factory=dict)
    customers: dict[str, str] = field(default_factory=dict)  # email -> customer id
    names: dict[str, str] = field(default_factory=dict)  # customer id -> name

    def paid_order(self, order_id: str) -> PaidOrder | None:
        return self.orders.get(order_id)

    def ticket_party(self, ticket_id: str) -> TicketParty | None:
        return self.tickets.get(ticket_id)

    def customer_id_for(self, email: str) -> str | None:
        return self.customers.get(email)

    def rename_customer(self, customer_id: str, name: str) -> bool:
        if customer_id not in self.customers.values() or self.names.get(customer_id) == name:
            return False
        self.names[customer_id] = name
        return True


class FakeCrm:
    """A CRM with persons, organisations and deals in memory; `limited` makes the next calls raise 429."""

    def __init__(self) -> None:
        self.persons: dict[str, tuple[str, str, str | None]] = {}  # id -> (name, email, org)
        self.orgs: dict[str, str] = {}
        self.deals: dict[str, tuple[WonDeal | None, CrmDeal, CrmParty]] = {}
        self.limited: list[int] = []
        self._ids = count(1)

    def _call(self) -> None:
        if self.limited:
            raise VendorRateLimited("429", self.limited.pop())

    def find_person(self, email: str) -> CrmParty | None:
        self._call()
        return next((CrmParty(i, o, n) for i, (n, e, o) in self.persons.items() if e == email), None)

    def find_org_by_domain(self, domain: str) -> str | None:
        self._call()
        colleague = next((o for _, e, o in self.persons.values() if o and e.endswith(f"@{domain}")), None)
        return colleague or next((i for i, name in self.orgs.items() if name == domain), None)

    def create_org(self, name: str) -> str:
        self._call()
        org = str(next(self._ids))
        self.orgs[org] = name
        return org

    def create_person(self, name: str, email: str, org_id: str | None) -> str:
        self._call()
        person = str(next(self._ids))
        self.persons[person] = (name, email, org_id)
        return person

    def add_won_deal(self, deal: WonDeal) -> str:
        self._call()
        deal_id = str(next(self._ids))
        self.deals[deal_id] = (deal, CrmDeal(deal_id, deal.title, "won"), deal.party)
        return deal_id

    def add_open_deal(self, party: CrmParty, title: str) -> str:
        deal_id = str(next(self._ids))
        self.deals[deal_id] = (None, CrmDeal(deal_id, title, "open", "100", "EUR"), party)
        return deal_id

    def open_deal(self, party: CrmParty) -> CrmDeal | None:
        self._call()
        mine = [d for _, d, p in self.deals.values() if p.person_id == party.person_id]
        open_deals = [d for d in mine if d.status == "open"]
        return open_deals[0] if open_deals else None

    def deal(self, deal_id: str) -> tuple[CrmDeal, str]:
        self._call()
        _, deal, party = self.deals[deal_id]
        return deal, party.person_id


class OneCrm:
    def __init__(self, crm: Any) -> None:
        self.crm = crm

    def client(self, settings: ConnectorSettings, credentials: dict[str, str]) -> Any:
        assert credentials, "the client is built with the stored credentials"
        return self.crm


class MemoryExchangeStore:
    def __init__(self) -> None:
        self.pending_orders: dict[str, datetime] = {}
        self.sessions: dict[str, ExchangeSession] = {}
        self.statuses: dict[str, AccountingStatus] = {}

    def add_pending(self, order_id: str, paid_at: datetime) -> None:
        self.pending_orders[order_id] = paid_at

    def pending(self, limit: int) -> list[str]:
        return sorted(self.pending_orders, key=lambda o: (self.pending_orders[o], o))[:limit]

    def drop_pending(self, order_ids: list[str]) -> None:
        for order_id in order_ids:
            self.pending_orders.pop(order_id, None)

    def open_session(self, session: ExchangeSession, ttl_seconds: int) -> None:
        self.sessions[session.token] = session

    def session(self, token: str) -> ExchangeSession | None:
        return self.sessions.get(token)

    def save_status(self, status: AccountingStatus) -> None:
        self.statuses[status.document_id] = status

    def status(self, document_id: str) -> AccountingStatus | None:
        return self.statuses.get(document_id)
