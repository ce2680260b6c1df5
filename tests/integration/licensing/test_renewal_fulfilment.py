"""A paid renewal reaches the lifecycle exactly once: duplicated, reordered and concurrent webhooks, on the
in-memory stores and on DynamoDB (moto)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from helpdesk.commerce.adapters.dynamo_checkout_store import DynamoCheckoutStore
from helpdesk.commerce.adapters.stripe_local import (
    LocalPayments,
    card_saved_event,
    session_completed_event,
    signed_webhook,
)
from helpdesk.commerce.adapters.stripe_payments import StripeWebhooks
from helpdesk.commerce.model.orders import Offer, Order
from helpdesk.commerce.ports import NewOrderTicket
from helpdesk.commerce.services.checkout import CheckoutService
from helpdesk.kernel.calendar import MONTH
from helpdesk.licensing.adapters.dynamo_licenses import DynamoLicenseRepository
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.model.license import License, Money
from helpdesk.licensing.services.admin import LicenseAdminService
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk.notices.ports import OutgoingMail
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, serialised_moto
from tests.fakes.commerce.memory_billing_accounts import InMemoryBillingAccounts
from tests.fakes.commerce.memory_checkout_store import InMemoryCheckoutStore
from tests.fakes.licensing.memory_licenses import InMemoryLicenseRepository

pytestmark = pytest.mark.integration
SECRET = "whsec_test_secret"
NOW = datetime.now(UTC).replace(microsecond=0)
MONTHLY = Offer("seo-pro", "pro", "SEO Pro", Money(500, "USD"), "mgr-anna", 5, MONTH, plan="monthly")


class Spy:
    """Catalogue, customers, mailer, tickets, clock and lifecycle: records what fulfilment asks of them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.mails: list[OutgoingMail] = []
        self.tickets: list[NewOrderTicket] = []
        self.renewed: list[tuple[str, datetime | None]] = []
        self.started: list[str] = []

    def offer(
        self,
        product: str,
        edition: str,
        currency: str | None = None,
        plan: str | None = None,
        for_sale: bool = False,
    ) -> Offer:
        assert (currency, plan) == ("USD", "monthly")  # the license's own plan and currency
        return MONTHLY

    def ensure_customer(self, email: str, name: str, organisation_id: str | None = None) -> str:
        return "cus-alice"

    def send(self, mail: OutgoingMail) -> None:
        with self.lock:
            self.mails.append(mail)

    def open_new_order_ticket(self, request: NewOrderTicket) -> str:
        with self.lock:
            self.tickets.append(request)
        return "T-1"

    def now(self) -> datetime:
        return NOW

    def start(self, order: Order) -> None:
        with self.lock:
            self.started.append(order.id)

    def renew(self, order: Order) -> None:
        with self.lock:
            self.renewed += [(str(line.renews), line.renew_until) for line in order.renewals()]


@pytest.fixture(params=["memory", "dynamodb"])
def stores(request: pytest.FixtureRequest) -> Iterator[tuple[object, object]]:
    if request.param == "memory":
        yield InMemoryLicenseRepository(), InMemoryCheckoutStore()
        return
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        yield (
            DynamoLicenseRepository("helpdesk", "eu-central-1"),
            DynamoCheckoutStore("helpdesk", "eu-central-1"),
        )


def test_duplicated_reordered_concurrent_webhooks_renew_once(stores: tuple[object, object]) -> None:
    repo, store = stores
    spy, accounts = Spy(), InMemoryBillingAccounts()
    licensing = LicensingService(repo, Ed25519Signer.generate(), spy)  # type: ignore[arg-type]
    admin = LicenseAdminService(repo, licensing, spy)  # type: ignore[arg-type]
    gateway = LocalPayments("http://pay.localhost", StripeWebhooks(SECRET))
    service = CheckoutService(
        store,
        gateway,
        spy,
        spy,
        licensing,
        admin,
        spy,
        spy,
        spy,
        lifecycle=spy,
        accounts=accounts,  # type: ignore[arg-type]
    )
    license = License(
        "co_1-1", "seo-pro", "pro", "cus-alice", ("a.example",), NOW - timedelta(days=20),
        NOW + timedelta(days=11), None, organisation_id="org-acme", order_id="co_1", plan="monthly",
        currency="USD",
    )  # fmt: skip
    licensing.issue(license)

    session = service.start_renewal(
        license, "alice@acme.example", "", "http://cab/", "http://cab/", "org-acme"
    )
    query = parse_qs(urlsplit(session.url).query)
    checkout = store.get_checkout(query["checkout"][0])  # type: ignore[attr-defined]
    customer = query["customer"][0]
    webhooks = [
        signed_webhook(
            session_completed_event(checkout, session.id, "pi_1", "evt_a", customer=customer), SECRET
        ),
        signed_webhook(card_saved_event(checkout, "pi_1", customer, "pm_card_visa", "evt_b"), SECRET),
    ]
    deliveries = [webhooks[1], webhooks[0]] * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda w: service.handle_webhook(*w), deliveries))

    assert outcomes.count("fulfilled") == 1 and outcomes.count("payment_method_saved") == 1
    assert spy.renewed == [(license.id, NOW + timedelta(days=42))]  # exactly one call, the fixed period end
    assert len(spy.mails) == 1 and "Renewed until" in spy.mails[0].text
    assert len(spy.tickets) == 1 and "renewed SEO Pro (pro)" in spy.tickets[0].body
    assert spy.started == [checkout.id]  # the order's lifecycle hook, which skips the renewed license
    assert (
        accounts.get("cus-alice") is not None and accounts.get("cus-alice").payment_method == "pm_card_visa"
    )  # type: ignore[union-attr]
