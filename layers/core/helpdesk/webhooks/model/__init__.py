"""Outgoing webhooks: subscriptions, signed deliveries, retries and replay (docs/webhooks.md)."""
