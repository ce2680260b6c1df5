"""The mail to the admins when a subscription is disabled: one per admin, once per failure period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.notices.public import OutgoingMail
from helpdesk.webhooks.adapters.mail_alerts import MailAdminAlerts
from helpdesk.webhooks.model.subscription import SigningSecret, Subscription

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 7, tzinfo=UTC)


class Outbox:
    def __init__(self) -> None:
        self.sent: list[OutgoingMail] = []

    def send(self, mail: OutgoingMail) -> None:
        self.sent.append(mail)


def test_each_admin_gets_a_mail_naming_the_target_and_linking_its_log() -> None:
    outbox = Outbox()
    alerts = MailAdminAlerts(outbox, lambda: ["ada@x.example", "bob@x.example"], "https://console.example")
    sub = Subscription(
        "wh_1", "https://crm.example/in", ("ticket.created",), NOW, (SigningSecret("whsec_x"),)
    )
    disabled = sub.failed(NOW, timedelta(days=5)).failed(NOW + timedelta(days=5), timedelta(days=5))
    assert not disabled.enabled
    alerts.subscription_disabled(disabled)
    assert [m.to for m in outbox.sent] == ["ada@x.example", "bob@x.example"]
    assert "https://crm.example/in" in outbox.sent[0].text and "webhooks.html#wh_1" not in outbox.sent[0].text
    assert "#/admin/webhooks" in outbox.sent[0].text
    assert len({m.idempotency_key for m in outbox.sent}) == 2
