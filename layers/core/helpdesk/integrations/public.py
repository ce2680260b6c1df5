"""What other contexts may use of integrations (nothing below integrations needs it yet)."""

from __future__ import annotations

from helpdesk.integrations.model.connectors import Connector

__all__ = ["Connector"]
