"""Webhooks to fulfilment: duplicated, reordered, concurrent, forged, stale and future deliveries."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from helpdesk.commerce.adapters.dynamo_checkout_store import DynamoCheckoutStore
from helpdesk.commerce.adapters.stripe_local import (
    LocalPayments,
    refund_created_event,
    refund_event,
    refund_object,
    session_completed_event,
    signed_webhook,
)
from helpdesk.commerce.adapters.stripe_payments import StripeWebhooks
from helpdesk.commerce.model.orders import CartInvalid, CartItem, Offer, WebhookSignatureInvalid
from helpdesk.commerce.ports import NewOrderTicket
from helpdesk.commerce.services.checkout import CheckoutService
from helpdesk.identity.model import Principal, Role
from helpdesk.kernel.calendar import YEAR
from helpdesk.kernel.errors import Forbidden
from helpdesk.licensing.adapters.dynamo_licenses import DynamoLicenseRepository
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.model.license import Money
from helpdesk.licensing.model.verify import verify_key
from helpdesk.licensing.services.admin import LicenseAdminService
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk.notices.ports import OutgoingMail
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, serialised_moto
from tests.fakes.commerce.memory_checkout_store import InMemoryCheckoutStore
from tests.fakes.licensing.memory_licenses import InMemoryLicenseRepository

pytestmark = pytest.mark.integration
SECRET = "whsec_test_secret"
ANN = Principal("sub-ann", "ann@example.com", frozenset({Role.CUSTOMER}), "org-ann")
OFFERS = {
    ("seo-pro", "standard"): Offer("seo-pro", "standard", "SEO Pro", Money(4900, "EUR"), "mgr-anna"),
    ("seo-pro", "pro"): Offer(
        "seo-pro", "pro", "SEO Pro", Money(12900, "EUR"), "mgr-anna", max_activations=10
    ),
    ("backup", "pro"): Offer("backup", "pro", "Backup", Money(1900, "EUR"), "mgr-ivan", 3, YEAR),
}


@dataclass
class Recorder:
    """Spies for the ports other contexts implement: customers, mail, tickets."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    customers: dict[str, str] = field(default_factory=dict)
    mails: list[OutgoingMail] = field(default_factory=list)
    tickets: list[NewOrderTicket] = field(default_factory=list)
    fail_mail: bool = False

    def offer(
        self,
        product: str,
        edition: str,
        currency: str | None = None,
        plan: str | None = None,
        for_sale: bool = False,
    ) -> Offer:
        if (product, edition) not in OFFERS:
            raise CartInvalid(f"{product} {edition} is not for sale")
        return OFFERS[(product, edition)]

    def ensure_customer(self, email: str, name: str, organisation_id: str | None = None) -> str:
        with self.lock:
            return self.customers.setdefault(email, f"cus-{len(self.customers) + 1}")

    def send(self, mail: OutgoingMail) -> None:
        if self.fail_mail:
            raise ConnectionError("mail relay down")
        with self.lock:
            self.mails.append(mail)

    def open_new_order_ticket(self, request: NewOrderTicket) -> str:
        with self.lock:
            self.tickets.append(request)
            return f"T-{len(self.tickets)}"

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class World:
    service: CheckoutService
    licensing: LicensingService
    spy: Recorder


@pytest.fixture(params=["memory", "dynamodb"])
def world(request: pytest.FixtureRequest) -> Iterator[World]:
    spy = Recorder()
    if request.param == "memory":
        yield build(spy, InMemoryLicenseRepository(), InMemoryCheckoutStore())
        return
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        repo, store = (
            DynamoLicenseRepository("helpdesk", "eu-central-1"),
            DynamoCheckoutStore("helpdesk", "eu-central-1"),
        )
        store.event_processed("warm-up")
        yield build(spy, repo, store)


def build(spy: Recorder, repo: object, store: object) -> World:
    licensing = LicensingService(repo, Ed25519Signer.generate(), spy)  # type: ignore[arg-type]
    admin = LicenseAdminService(repo, licensing, spy)  # type: ignore[arg-type]
    gateway = LocalPayments("http://pay.localhost", StripeWebhooks(SECRET))
    service = CheckoutService(store, gateway, spy, spy, licensing, admin, spy, spy, spy)  # type: ignore[arg-type]
    return World(service, licensing, spy)


def buy(world: World, organisation_id: str | None = None) -> tuple[dict, dict]:
    items = [
        CartItem("seo-pro", "standard", ("https://www.Shop.example",)),
        CartItem("backup", "pro", ("shop.example",)),
    ]
    session = world.service.start_checkout(
        items, "ann@example.com", "Ann", "http://ok", "http://cancel", organisation_id
    )
    checkout_id = session.url.split("checkout=")[1].split("&")[0]
    checkout = world.service._store.get_checkout(checkout_id)
    paid = session_completed_event(checkout, session.id, "pi_1", event_id="evt_paid")
    return paid, {"checkout_id": checkout_id, "session_id": session.id}


def deliver(world: World, event: dict, at: int | None = None, secret: str = SECRET) -> str:
    body, header = signed_webhook(event, secret, at)
    return world.service.handle_webhook(body, header)


def assert_one_of_everything(world: World, checkout_id: str) -> None:
    order = world.service._store.get_order(checkout_id)
    assert order is not None and len(order.license_ids) == 2
    licenses = world.licensing._repo.list_for_order(checkout_id)
    assert [lic.product for lic in licenses] == ["seo-pro", "backup"]
    assert len(world.spy.mails) == 1 and len(world.spy.tickets) == 1
    assert world.spy.customers == {"ann@example.com": "cus-1"}
    ticket = world.spy.tickets[0]
    assert (ticket.manager, ticket.customer_id, ticket.order_id) == ("mgr-anna", "cus-1", checkout_id)
    for lic in licenses:
        key = world.licensing.key_for(lic)
        assert key in world.spy.mails[0].text
        assert verify_key(key, world.licensing.public_keys(), product=lic.product, domain="shop.example")


def test_one_paid_session_gives_one_of_everything(world: World) -> None:
    paid, ids = buy(world)
    assert deliver(world, paid) == "fulfilled"
    assert deliver(world, paid) == "duplicate"
    assert_one_of_everything(world, ids["checkout_id"])
    lic = world.licensing._repo.list_for_order(ids["checkout_id"])[1]
    assert lic.expires is not None and lic.max_activations == 3


def test_same_session_under_new_event_ids_and_in_parallel_still_gives_one(world: World) -> None:
    paid, ids = buy(world)
    events = [{**paid, "id": f"evt_{n % 4}"} for n in range(12)]  # Stripe retries, and a re-sent event
    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(lambda e: deliver(world, e), events))
    assert set(outcomes) <= {"fulfilled", "duplicate"} and "fulfilled" in outcomes
    assert_one_of_everything(world, ids["checkout_id"])


def test_paid_upgrade_moves_the_license_once_for_the_price_difference(world: World) -> None:
    paid, ids = buy(world, "org-ann")
    deliver(world, paid)
    license_id = f"{ids['checkout_id']}-1"
    old_key = world.licensing.key_for(world.licensing._repo.get(license_id))
    with pytest.raises(Forbidden):  # a guest may not upgrade, whatever the id
        world.service.start_checkout(
            [CartItem("seo-pro", "pro", upgrade_of=license_id)], "ann@example.com", "Ann", "u", "u"
        )
    session = world.service.start_checkout(
        [CartItem("seo-pro", "pro", upgrade_of=license_id)],
        "ann@example.com",
        "Ann",
        "http://ok",
        "http://no",
        "org-ann",
        caller=ANN,
    )
    checkout = world.service._store.get_checkout(session.url.split("checkout=")[1].split("&")[0])
    assert checkout.total == Money(8000, "EUR")
    upgrade = session_completed_event(checkout, session.id, "pi_2", event_id="evt_up")
    assert deliver(world, upgrade) == "fulfilled"
    assert deliver(world, {**upgrade, "id": "evt_up_again"}) == "fulfilled"
    license = world.licensing._repo.get(license_id)
    assert (license.edition, license.serial, license.max_activations) == ("pro", 2, 10)
    assert len(world.spy.mails) == 2 and len(world.spy.tickets) == 2
    assert (
        world.licensing.key_for(license) in world.spy.mails[1].text
        and "upgraded to pro" in world.spy.mails[1].text
    )
    assert world.licensing.validate(old_key, "seo-pro", "shop.example").reason == "key_superseded"
    with pytest.raises(CartInvalid):
        world.service.start_checkout(
            [CartItem("backup", "pro", upgrade_of=license_id)], "a@x.io", "A", "u", "u", caller=ANN
        )


def test_async_payment_completes_in_either_order(world: World) -> None:
    paid, ids = buy(world)
    succeeded = {**paid, "id": "evt_async", "type": "checkout.session.async_payment_succeeded"}
    unpaid = json.loads(json.dumps(paid))
    unpaid["id"] = "evt_unpaid"
    unpaid["data"]["object"]["payment_status"] = "unpaid"
    assert deliver(world, succeeded) == "fulfilled"
    assert deliver(world, unpaid) == "awaiting_payment"
    assert_one_of_everything(world, ids["checkout_id"])


def test_refund_before_or_after_payment_revokes(world: World) -> None:
    paid, ids = buy(world)
    assert deliver(world, refund_event("pi_1", "evt_refund")) == "refund_recorded"
    assert deliver(world, paid) == "fulfilled"
    states = {
        lic.state_at(datetime.now(UTC)).value
        for lic in world.licensing._repo.list_for_order(ids["checkout_id"])
    }
    assert states == {"revoked"}
    assert deliver(world, refund_event("pi_1", "evt_refund_2")) == "revoked"


def test_a_partial_refund_of_a_shop_order_or_a_refund_event_revokes_nothing(world: World) -> None:
    paid, ids = buy(world)
    assert deliver(world, paid) == "fulfilled"
    part = refund_object("re_1", "pi_1", 100, "eur")
    partly = refund_event("pi_1", "evt_part", refunds=[part], whole=False)
    assert deliver(world, partly) == "partial_refund_ignored"
    assert deliver(world, refund_created_event(part, "evt_re")) == "partial_refund_ignored"
    now = datetime.now(UTC)
    licenses = world.licensing._repo.list_for_order(ids["checkout_id"])
    assert {lic.state_at(now).value for lic in licenses} == {"active"}
    assert deliver(world, refund_event("pi_1", "evt_whole", refunds=[part], whole=True)) == "revoked"


def test_failed_receipt_is_sent_by_the_retry(world: World) -> None:
    paid, ids = buy(world)
    world.spy.fail_mail = True
    with pytest.raises(ConnectionError):
        deliver(world, paid)
    world.spy.fail_mail = False
    assert deliver(world, paid) == "fulfilled"
    assert_one_of_everything(world, ids["checkout_id"])


@pytest.mark.parametrize("offset", [-330, -3600, 330, 3600])  # tolerance 300 s, margins for slow runs
def test_stale_and_future_timestamps_are_refused(world: World, offset: int) -> None:
    paid, _ = buy(world)
    with pytest.raises(WebhookSignatureInvalid):
        deliver(world, paid, at=int(time.time()) + offset)
    assert world.spy.mails == []


@pytest.mark.parametrize("offset", [-270, 270])
def test_timestamps_within_tolerance_on_either_side_are_accepted(world: World, offset: int) -> None:
    paid, _ = buy(world)
    assert deliver(world, paid, at=int(time.time()) + offset) == "fulfilled"


def test_bad_signatures_are_refused(world: World) -> None:
    paid, _ = buy(world)
    body, header = signed_webhook(paid, SECRET)
    for bad_body, bad_header in [
        (body, signed_webhook(paid, "whsec_other")[1]),
        (body.replace(b"pi_1", b"pi_2"), header),
        (body, ""),
        (body, header.replace("v1=", "v0=")),
        (b"not json", header),
    ]:
        with pytest.raises(WebhookSignatureInvalid):
            world.service.handle_webhook(bad_body, bad_header)
    assert world.spy.mails == [] and world.spy.tickets == []


def test_unknown_events_and_checkouts_are_acknowledged_without_effects(world: World) -> None:
    paid, _ = buy(world)
    assert deliver(world, {**paid, "id": "evt_x", "type": "customer.created"}) == "ignored"
    other = json.loads(json.dumps(paid))
    other["id"], other["data"]["object"]["client_reference_id"] = "evt_y", "co_unknown"
    other["data"]["object"]["metadata"] = {}
    assert deliver(world, other) == "unknown_checkout"
    assert world.spy.mails == []


def test_cart_is_priced_from_the_catalogue(world: World) -> None:
    with pytest.raises(CartInvalid):
        world.service.start_checkout([], "ann@example.com", "Ann", "http://ok", "http://cancel")
    with pytest.raises(CartInvalid):
        world.service.start_checkout([CartItem("nope", "x", ("a.example",))], "a@example.com", "A", "u", "u")
    with pytest.raises(CartInvalid):
        world.service.start_checkout([CartItem("seo-pro", "standard", ())], "a@example.com", "A", "u", "u")
