"""Everything the integrations services need, as interfaces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from helpdesk.integrations.model.commerceml import AccountingStatus, ExportDocument
from helpdesk.integrations.model.connectors import Connector, ConnectorSettings, Health
from helpdesk.integrations.model.crm import CrmDeal, CrmParty, CrmProfile, WonDeal
from helpdesk.integrations.model.omnidesk import OmnideskCase, OmnideskMessage, OmnideskUser
from helpdesk.kernel.errors import NotFound, RateLimited


class VendorRateLimited(RateLimited):
    """The vendor answered 429 (or its rate-limit headers say the budget is spent): retry after
    `retry_after` seconds, through the queue."""


class VendorNotFound(NotFound):
    """The vendor has no such object (a deleted case, a stale webhook): nothing to retry."""


class CrmClient(Protocol):
    """One CRM account, reached with its configured credentials."""

    def find_person(self, email: str) -> CrmParty | None: ...
    def find_org_by_domain(self, domain: str) -> str | None:
        """An organisation of a person whose address is at `domain` (or one named after it)."""

    def create_org(self, name: str) -> str: ...
    def create_person(self, name: str, email: str, org_id: str | None) -> str: ...
    def add_won_deal(self, deal: WonDeal) -> str: ...
    def open_deal(self, party: CrmParty) -> CrmDeal | None:
        """The party's open deal (the person's first, else the organisation's), if any."""

    def deal(self, deal_id: str) -> tuple[CrmDeal, str]:
        """A deal and its person's id (for events that carry only the id)."""


class CrmClients(Protocol):
    def client(self, settings: ConnectorSettings, credentials: dict[str, str]) -> CrmClient: ...


class Credentials(Protocol):
    """Connector credentials in Secrets Manager; never logged, never returned by an API."""

    def read(self, secret_name: str) -> dict[str, str]: ...
    def write(self, secret_name: str, values: dict[str, str]) -> None: ...


@dataclass(frozen=True)
class PaidOrder:
    order_id: str
    label: str
    customer_id: str
    email: str
    name: str
    amount_minor: int
    currency: str
    paid_at: datetime


@dataclass(frozen=True)
class TicketParty:
    ticket_id: str
    customer_id: str
    email: str
    name: str


class Sources(Protocol):
    """What the connectors read of other contexts."""

    def paid_order(self, order_id: str) -> PaidOrder | None: ...
    def ticket_party(self, ticket_id: str) -> TicketParty | None:
        """The customer of a ticket a customer opened; None for staff-internal tickets."""

    def customer_id_for(self, email: str) -> str | None: ...
    def rename_customer(self, customer_id: str, name: str) -> bool:
        """Set a known customer's display name; False when unknown or unchanged."""


class IntegrationStore(Protocol):
    def settings(self, connector: Connector) -> ConnectorSettings: ...
    def save_settings(self, settings: ConnectorSettings) -> None: ...
    def health(self, connector: Connector) -> Health: ...
    def save_health(self, health: Health) -> None: ...
    def order_deal(self, connector: Connector, order_id: str) -> str | None: ...
    def link_order_deal(self, connector: Connector, order_id: str, deal_id: str) -> None: ...
    def ticket_deal(self, connector: Connector, ticket_id: str) -> CrmDeal | None: ...
    def link_ticket_deal(self, connector: Connector, ticket_id: str, deal: CrmDeal) -> None: ...
    def profile(self, connector: Connector, customer_id: str) -> CrmProfile | None: ...
    def save_profile(self, profile: CrmProfile) -> None:
        """Also indexes the profile by person id and by each deal id."""

    def customer_for_person(self, connector: Connector, person_id: str) -> str | None: ...
    def customer_for_deal(self, connector: Connector, deal_id: str) -> str | None: ...
    def cursor(self, connector: Connector, name: str) -> str:
        """Where a scheduled pull got to ("" before the first), kept across restarts."""

    def save_cursor(self, connector: Connector, name: str, value: str) -> None: ...
    def claim(self, key: str) -> bool:
        """True the first time a key is claimed (a webhook delivery, a once-only effect)."""

    def release(self, key: str) -> None: ...


class RequestQueue(Protocol):
    def request(
        self, connector: Connector, kind: str, ref: str, delay_seconds: int = 0, attempt: int = 0
    ) -> None:
        """Put one outbound call request on the integrations queue (SQS caps the delay at 15 minutes)."""


class QueueDepths(Protocol):
    def depths(self) -> tuple[int, int]:
        """(messages waiting on the integrations queue, messages in its DLQ)."""


@dataclass(frozen=True)
class ExchangeSession:
    """A 1C exchange session, opened by checkauth (its cookie), with what the last query handed out."""

    token: str
    encoding: str
    in_flight: tuple[str, ...] = ()


class ExchangeStore(Protocol):
    """The 1C exchange's state: orders waiting for 1C, sessions, and the statuses 1C posted back."""

    def add_pending(self, order_id: str, paid_at: datetime) -> None: ...
    def pending(self, limit: int) -> list[str]:
        """Order ids waiting to be fetched by 1C, oldest first."""

    def drop_pending(self, order_ids: list[str]) -> None: ...
    def open_session(self, session: ExchangeSession, ttl_seconds: int) -> None: ...
    def session(self, token: str) -> ExchangeSession | None: ...
    def save_status(self, status: AccountingStatus) -> None: ...
    def status(self, document_id: str) -> AccountingStatus | None: ...


class AccountingSources(Protocol):
    def documents_for(self, order_id: str) -> list[ExportDocument]:
        """The order as a CommerceML order, and its tax invoice if one was issued."""


class OmnideskApi(Protocol):
    """One Omnidesk account's REST API v1 (https://<domain>.omnidesk.ru/api), as its staff member."""

    def cases_updated_since(self, since: datetime | None, page: int) -> tuple[list[OmnideskCase], int]:
        """One page (oldest change first) of cases changed at or after `since`, and the total count."""

    def case(self, case_id: int) -> OmnideskCase: ...
    def messages(self, case_id: int) -> list[OmnideskMessage]:
        """Every message of the case, oldest first."""

    def user(self, user_id: int) -> OmnideskUser | None: ...
    def download(self, url: str) -> bytes:
        """An attachment; only from the account's own host."""

    def post_staff_message(self, case_id: int, content: str, staff_id: int) -> int:
        """A staff reply on the case; the new message's id."""


class OmnideskClients(Protocol):
    def client(self, settings: ConnectorSettings, credentials: dict[str, str]) -> OmnideskApi: ...
