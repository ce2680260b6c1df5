"""Commands: what a developer asks for, and what a client registers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NewAccessRequest:
    server_id: str
    principal: str
    hours: int
    public_key: str
    reason: str
    port_forwarding: bool = False


@dataclass(frozen=True)
class NewServer:
    name: str
    host: str
    port: int
    principals: tuple[str, ...]
    source_address: str | None = None
    panel_account: str | None = None
