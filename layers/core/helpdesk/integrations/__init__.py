"""Connectors to the agency's CRM, messaging and accounting systems (docs/integrations.md)."""
