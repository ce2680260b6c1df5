"""What other contexts may use of webhooks: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.webhooks.model.catalogue import CATALOGUE
from helpdesk.webhooks.services.deliver import DeliveryWorker, RetryPolicy
from helpdesk.webhooks.services.desk import WebhookDesk
from helpdesk.webhooks.services.events import WebhookEvents

__all__ = ["CATALOGUE", "DeliveryWorker", "RetryPolicy", "WebhookDesk", "WebhookEvents"]
