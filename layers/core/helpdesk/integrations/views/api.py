"""The integrations' edges: webhook bodies and the console's API shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from helpdesk.integrations.model.connectors import Connector


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class PipedriveMeta(_Loose):
    id: str = Field(min_length=1, max_length=128)  # the event's id: the same on every retry
    action: str  # create | change | delete
    entity: str  # deal | person | organization | ...
    entity_id: str
    version: str = "2.0"


class PipedriveWebhook(_Loose):
    """The body of a Pipedrive webhook v2 (pipedrive.readme.io/docs/guide-for-webhooks-v2)."""

    meta: PipedriveMeta
    data: dict[str, Any] | None = None
    previous: dict[str, Any] | None = None


class ConfigureConnectorRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    enabled: bool = False
    base_url: HttpUrl | Literal[""] = ""
    options: dict[str, str] = Field(default_factory=dict, max_length=20)
    # Written to Secrets Manager when given; omitted keeps the stored ones. Never read back.
    credentials: dict[str, str] | None = Field(default=None, max_length=10)


class ConnectorView(BaseModel):
    connector: Connector
    enabled: bool
    base_url: str
    options: dict[str, str]
    has_credentials: bool
    credential_fields: list[str]  # what this connector's credentials consist of
    webhook_path: str  # where the vendor posts (append to the public API's address)
    updated_at: datetime | None = None
    updated_by: str = ""


class ConnectorHealthView(BaseModel):
    connector: Connector
    enabled: bool
    last_success_at: datetime | None = None
    last_error_at: datetime | None = None
    last_error: str = ""
    delayed: int = 0


class IntegrationsHealthView(BaseModel):
    connectors: list[ConnectorHealthView]
    queue_depth: int
    dlq_depth: int


class CrmDealView(BaseModel):
    deal_id: str
    title: str
    status: str
    value: str
    currency: str


class CrmProfileView(BaseModel):
    connector: Connector
    person_id: str
    org_id: str
    name: str
    phones: list[str]
    deals: list[CrmDealView]
    updated_at: datetime | None = None


class TicketCrmLinkView(BaseModel):
    connector: Connector
    deal: CrmDealView


class AccountingStatusView(BaseModel):
    """What 1C posted back about one of our orders or invoices (all false/empty: nothing yet)."""

    document_id: str
    number: str = ""
    status: str = ""
    paid: bool = False
    payment_ref: str = ""
    shipped: bool = False
    shipment_ref: str = ""
    cancelled: bool = False
