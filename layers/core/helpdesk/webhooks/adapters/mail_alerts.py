"""Mails every admin when a subscription is switched off after days of failure."""

from __future__ import annotations

from collections.abc import Callable

from helpdesk.notices.public import Mailer, OutgoingMail
from helpdesk.webhooks.model.subscription import Subscription


class MailAdminAlerts:
    def __init__(self, mailer: Mailer, admins: Callable[[], list[str]], console_url: str) -> None:
        self._mailer, self._admins, self._console = mailer, admins, console_url

    def subscription_disabled(self, subscription: Subscription) -> None:
        text = (
            f"The webhook to {subscription.url} ({subscription.description or subscription.id}) was disabled:"
            f" {subscription.disabled_reason}.\n\nIts delivery log and the switch to enable it again:"
            f" {self._console}/#/admin/webhooks\n"
        )
        since = subscription.failing_since.isoformat() if subscription.failing_since else ""
        for admin in self._admins():
            key = f"webhook-disabled:{subscription.id}:{since}:{admin}"
            self._mailer.send(OutgoingMail(admin, "A webhook was disabled after failing for days", text, key))
