"""What the stack's add-ons (sign-in host, payment page, demo data) may use of the running stack.

They are handed the stack as this protocol, so none of them imports `stack.py`, which builds them."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from helpdesk_local.template import Created, Resolver


class StackConfig(Protocol):
    @property
    def region(self) -> str: ...

    @property
    def root(self) -> Path: ...


class StackParts(Protocol):
    @property
    def config(self) -> StackConfig: ...

    template: dict[str, Any]
    resolver: Resolver
    resources: dict[str, Created]
    http_port: int
    smtp_port: int

    def resource(self, logical_id: str) -> Created: ...

    def client(self, service: str) -> Any: ...

    def env(self, name: str) -> str: ...
