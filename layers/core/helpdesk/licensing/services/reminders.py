"""The renewal reminder mail the license lifecycle queues: rendered for the customer, sent at most once."""

from __future__ import annotations

from collections.abc import Callable

from helpdesk.licensing.ports import OnceClaims
from helpdesk.licensing.views.queue import ReminderMail
from helpdesk.notices.public import Mailer, OutgoingMail
from helpdesk.tickets.public import CustomerRepository

SENT = "sent"
ALREADY_SENT = "already_sent"
NO_ADDRESS = "suppressed:no_address"
UNDELIVERABLE = "suppressed:undeliverable"


class LicenseReminders:
    def __init__(
        self,
        customers: CustomerRepository,
        mailer: Mailer,
        once: OnceClaims,
        product_name: Callable[[str], str] = str,
    ) -> None:
        """`product_name`: the catalogue's name for a product slug (what the customer bought)."""
        self._customers, self._mailer, self._once, self._name = customers, mailer, once, product_name

    def send(self, reminder: ReminderMail) -> str:
        customer = self._customers.get(reminder.customer_id)
        if customer is None or not customer.email:
            return NO_ADDRESS
        if customer.undeliverable:  # a hard bounce: the cabinet notice still reaches them
            return UNDELIVERABLE
        if not self._once.claim(reminder.idempotency_key):
            return ALREADY_SENT
        try:
            named = reminder.model_copy(update={"product": self._name(reminder.product)})
            self._mailer.send(render(named, customer.email, customer.name))
        except Exception:
            self._once.release(reminder.idempotency_key)
            raise
        return SENT


def render(reminder: ReminderMail, to: str, name: str) -> OutgoingMail:
    when = f"{reminder.period_end:%d %B %Y}"
    if reminder.days_left > 0:
        subject = f"Your {reminder.product} license ends in {reminder.days_left} days"
        lead = f"your license for {reminder.product} runs until {when}, {reminder.days_left} days from now."
    else:
        subject = f"Your {reminder.product} license ends today"
        lead = f"your license for {reminder.product} ends today, {when}."
    text = (
        f"Hello {name or to},\n\n{lead}\n\n"
        f"Renew it here to keep updates and online activation working:\n{reminder.renew_url}\n\n"
        "If you pay by subscription, your saved card is charged automatically and nothing needs doing.\n"
        "Questions? Just answer this mail.\n"
    )
    return OutgoingMail(to=to, subject=subject, text=text, idempotency_key=reminder.idempotency_key)
