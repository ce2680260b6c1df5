"""The lifecycle's reminder mail: rendered for the customer, sent once, suppressed where it cannot arrive."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpdesk.licensing.services.reminders import (
    ALREADY_SENT,
    NO_ADDRESS,
    SENT,
    UNDELIVERABLE,
    LicenseReminders,
)
from helpdesk.licensing.views.queue import ReminderMail
from helpdesk.notices.ports import OutgoingMail
from helpdesk.tickets.model.customer import Customer

from tests.fakes.kernel.once_claims import InMemoryOnceClaims
from tests.fakes.tickets.memory_tickets import MemoryCustomers

pytestmark = pytest.mark.unit
ALICE = Customer.for_email("alice@acme.example", "Alice Adams")


class Outbox:
    def __init__(self, fail: int = 0) -> None:
        self.sent: list[OutgoingMail] = []
        self._fail = fail

    def send(self, mail: OutgoingMail) -> None:
        if self._fail:
            self._fail -= 1
            raise ConnectionError("SES throttled")
        self.sent.append(mail)


def reminder(days: int, customer_id: str = ALICE.id) -> ReminderMail:
    return ReminderMail(
        idempotency_key=f"license-reminder:lic-1:20261225:{days}",
        license_id="lic-1",
        customer_id=customer_id,
        product="One-click checkout",
        days_left=days,
        period_end=datetime(2026, 12, 25, tzinfo=UTC),
        renew_url="http://cabinet.localhost:8080/licenses/lic-1/renew",
    )


def service(outbox: Outbox, *customers: Customer) -> LicenseReminders:
    store = MemoryCustomers()
    for c in customers:
        store.save(c)
    return LicenseReminders(store, outbox, InMemoryOnceClaims())


def test_the_customer_gets_a_mail_with_the_days_left_and_the_renew_link() -> None:
    outbox = Outbox()
    assert service(outbox, ALICE).send(reminder(30)) == SENT
    [mail] = outbox.sent
    assert mail.to == "alice@acme.example"
    assert mail.subject == "Your One-click checkout license ends in 30 days"
    assert "Hello Alice Adams" in mail.text and "25 December 2026" in mail.text
    assert "http://cabinet.localhost:8080/licenses/lic-1/renew" in mail.text


def test_a_redelivered_reminder_is_not_sent_again_but_the_next_one_is() -> None:
    outbox, reminders = Outbox(), None
    reminders = service(outbox, ALICE)
    assert [reminders.send(reminder(30)), reminders.send(reminder(30)), reminders.send(reminder(7))] == [
        SENT,
        ALREADY_SENT,
        SENT,
    ]
    assert [m.subject.split()[-2] for m in outbox.sent] == ["30", "7"]


def test_a_failed_send_is_retried_by_the_redelivery() -> None:
    outbox = Outbox(fail=1)
    reminders = service(outbox, ALICE)
    with pytest.raises(ConnectionError):
        reminders.send(reminder(7))
    assert reminders.send(reminder(7)) == SENT
    assert len(outbox.sent) == 1


def test_no_mail_to_an_unknown_or_undeliverable_customer() -> None:
    outbox = Outbox()
    bounced = ALICE.mark_undeliverable("5.1.1 user unknown")
    assert service(outbox).send(reminder(30)) == NO_ADDRESS
    assert service(outbox, bounced).send(reminder(30)) == UNDELIVERABLE
    assert outbox.sent == []


def test_the_day_of_expiry_says_today() -> None:
    outbox = Outbox()
    service(outbox, ALICE).send(reminder(0))
    assert outbox.sent[0].subject == "Your One-click checkout license ends today"


def test_the_reminder_names_the_product_as_the_catalogue_does() -> None:
    outbox, store = Outbox(), MemoryCustomers()
    store.save(ALICE)
    names = {"payments-plus": "Payments Plus"}
    reminders = LicenseReminders(store, outbox, InMemoryOnceClaims(), lambda slug: names.get(slug, slug))
    reminders.send(reminder(30).model_copy(update={"product": "payments-plus"}))
    assert outbox.sent[0].subject == "Your Payments Plus license ends in 30 days"
