"""The connectors, their settings as admins give them, and their health: pure values."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum


class Connector(StrEnum):
    PIPEDRIVE = "pipedrive"
    BITRIX24 = "bitrix24"
    OMNIDESK = "omnidesk"
    ONEC = "onec"


CRMS = (Connector.PIPEDRIVE, Connector.BITRIX24)
ERROR_EXCERPT = 300  # characters of an error kept for the health view


@dataclass(frozen=True)
class ConnectorSettings:
    """What an admin configured. Credentials are not here: they live in Secrets Manager under
    `secret_name`, and `has_credentials` only says whether they were given."""

    connector: Connector
    enabled: bool = False
    base_url: str = ""  # https://<company>.pipedrive.com/api/v2, a Bitrix24 webhook URL, ...
    options: tuple[tuple[str, str], ...] = ()  # connector-specific, never secret (pipeline id, ...)
    secret_name: str = ""
    has_credentials: bool = False
    updated_at: datetime | None = None
    updated_by: str = ""

    def option(self, name: str, default: str = "") -> str:
        return dict(self.options).get(name, default)

    @property
    def ready(self) -> bool:
        return self.enabled and bool(self.base_url) and self.has_credentials


@dataclass(frozen=True)
class Health:
    connector: Connector
    last_success_at: datetime | None = None
    last_error_at: datetime | None = None
    last_error: str = ""
    delayed: int = 0  # requests put back because the vendor said 429

    def succeeded(self, at: datetime) -> Health:
        return replace(self, last_success_at=at)

    def failed(self, at: datetime, error: str) -> Health:
        return replace(self, last_error_at=at, last_error=error[:ERROR_EXCERPT])

    def rate_limited(self) -> Health:
        return replace(self, delayed=self.delayed + 1)
