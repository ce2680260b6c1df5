"""The integrations queue's message: imported by its consumer at cold start, so it imports nothing heavy."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from helpdesk.integrations.model.connectors import Connector

RequestKind = Literal["order_paid", "ticket_opened", "deal_changed", "omnidesk_case"]


class IntegrationRequested(BaseModel):
    """A message on IntegrationsQueue: make one connector's outbound calls for one of our events."""

    connector: Connector
    kind: RequestKind
    ref: str = Field(min_length=1, max_length=128)  # the order or ticket id
    attempt: int = Field(default=0, ge=0)  # times the vendor's 429 sent it back already
