"""Parts of the composition root for outgoing webhooks (docs/webhooks.md)."""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from helpdesk.bootstrap.core import CoreParts, aws_client

if TYPE_CHECKING:
    from helpdesk.webhooks.ports import (
        AdminAlerts,
        DeliveryQueue,
        DeliveryStore,
        SubscriptionStore,
        WebhookSender,
    )
    from helpdesk.webhooks.public import DeliveryWorker, WebhookDesk, WebhookEvents


class WebhooksParts(CoreParts):
    @cached_property
    def webhook_subscriptions(self) -> SubscriptionStore:
        from helpdesk.webhooks.adapters.dynamo_webhooks import DynamoSubscriptions

        return DynamoSubscriptions(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def webhook_deliveries(self) -> DeliveryStore:
        from helpdesk.webhooks.adapters.dynamo_webhooks import DynamoDeliveries

        return DynamoDeliveries(aws_client(self.settings, "dynamodb"), self.settings.table_name)

    @cached_property
    def webhook_queue(self) -> DeliveryQueue:
        from helpdesk.webhooks.adapters.sqs_deliveries import SqsDeliveryQueue

        return SqsDeliveryQueue(aws_client(self.settings, "sqs"), self.settings.webhook_delivery_queue_url)

    @cached_property
    def webhook_sender(self) -> WebhookSender:
        from helpdesk.webhooks.adapters.http_sender import HttpWebhookSender

        return HttpWebhookSender(allow_loopback=self._webhook_loopback)

    @cached_property
    def webhook_alerts(self) -> AdminAlerts:
        from helpdesk.identity.public import Role
        from helpdesk.notices.adapters.ses_mail import SesNoticeMailer
        from helpdesk.webhooks.adapters.mail_alerts import MailAdminAlerts

        s = self.settings

        def admins() -> list[str]:
            return [m.email for m in self.staff_directory.members() if Role.ADMIN in m.roles and m.active]

        return MailAdminAlerts(
            SesNoticeMailer(aws_client(s, "ses"), s.support_address), admins, s.console_url
        )

    @cached_property
    def webhook_desk(self) -> WebhookDesk:
        from helpdesk.webhooks.public import WebhookDesk

        return WebhookDesk(
            self.webhook_subscriptions, self.webhook_deliveries, self.webhook_queue, self.clock,
            self._webhook_loopback,
        )  # fmt: skip

    @cached_property
    def webhook_events(self) -> WebhookEvents:
        from helpdesk.webhooks.public import WebhookEvents

        return WebhookEvents(
            self.webhook_subscriptions, self.webhook_deliveries, self.webhook_queue, self.clock
        )

    @cached_property
    def webhook_worker(self) -> DeliveryWorker:
        from helpdesk.webhooks.public import DeliveryWorker, RetryPolicy

        s = self.settings
        policy = RetryPolicy(s.webhook_retry_scale, timedelta(days=s.webhook_disable_after_days))
        return DeliveryWorker(
            self.webhook_subscriptions, self.webhook_deliveries, self.webhook_queue, self.webhook_sender,
            self.webhook_alerts, self.clock, policy,
        )  # fmt: skip

    @property
    def _webhook_loopback(self) -> bool:
        """Loopback http targets: only on the local stack, and only when it says so."""
        return self.settings.stage == "local" and self.settings.webhook_allow_loopback
