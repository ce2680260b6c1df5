"""Staff changes to a license mail its holder: what changed, why, and the new key only where it changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from helpdesk.commerce.adapters.product_names import CatalogueProductNames
from helpdesk.commerce.model.catalogue import Product
from helpdesk.kernel.clock import FixedClock
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.services.admin import LicenseAdminService
from helpdesk.licensing.services.change_notices import LicenseChangeNotices
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk.notices.public import OutgoingMail
from helpdesk.tickets.public import Customer
from helpdesk_local.demo_catalogue import DEMO_PRODUCTS

from tests.fakes.kernel.once_claims import InMemoryOnceClaims
from tests.fakes.licensing.memory_licenses import InMemoryLicenseRepository
from tests.fakes.tickets.memory_tickets import MemoryCustomers
from tests.support.licenses import NOW, make_license

pytestmark = pytest.mark.unit


class Outbox:
    def __init__(self) -> None:
        self.sent: list[OutgoingMail] = []

    def send(self, mail: OutgoingMail) -> None:
        self.sent.append(mail)


class Catalogue:
    def product(self, slug: str) -> Product:
        return next(p for p in DEMO_PRODUCTS if p.slug == slug)


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    repo, customers, outbox = InMemoryLicenseRepository(), MemoryCustomers(), Outbox()
    keys = LicensingService(repo, Ed25519Signer.generate(), FixedClock(NOW))
    notices = LicenseChangeNotices(
        customers, outbox, InMemoryOnceClaims(), keys, CatalogueProductNames(Catalogue())
    )
    admin = LicenseAdminService(repo, keys, FixedClock(NOW))
    return repo, customers, outbox, keys, notices, admin


def _product_slug() -> tuple[str, str, str]:
    product = DEMO_PRODUCTS[0]
    return product.slug, product.editions[0].id, f"{product.name} — {product.editions[0].name}"


def test_suspend_and_resume_tell_the_holder_why_without_a_key(world) -> None:  # type: ignore[no-untyped-def]
    repo, customers, outbox, keys, notices, admin = world
    slug, edition, title = _product_slug()
    customers.create_if_absent(Customer("c-1", "ann@acme.example", "Ann Lee"))
    repo.add(make_license(product=slug, edition=edition, customer_id="c-1"))
    before = repo.get("lic-1")
    suspended = admin.suspend("lic-1", "invoice 42 unpaid", "Anna Petrova")
    assert notices.changed(before, suspended) == ["ann@acme.example"]
    resumed = admin.resume("lic-1", "Anna Petrova", "payment received")
    notices.changed(suspended, resumed)
    first, second = outbox.sent
    assert first.subject == f"Your {title} license is suspended"
    assert "Hello Ann Lee," in first.text and "Reason: invoice 42 unpaid" in first.text
    assert "HDL1." not in first.text  # the key did not change
    assert second.subject == f"Your {title} license is active again" and "payment received" in second.text
    assert notices.changed(suspended, resumed) == []  # the same change is mailed once


def test_transfer_and_extend_send_the_new_key(world) -> None:  # type: ignore[no-untyped-def]
    repo, customers, outbox, keys, notices, admin = world
    customers.create_if_absent(Customer("c-1", "ann@acme.example", "Ann"))
    repo.add(make_license(customer_id="c-1"))
    before = repo.get("lic-1")
    moved, new_key = admin.transfer_domain("lic-1", "shop.example", "new-shop.example", "Anna", "shop moved")
    notices.changed(before, moved)
    (mail,) = outbox.sent
    assert mail.subject.endswith("license moved to new-shop.example")
    assert "from shop.example to new-shop.example" in mail.text and "Reason: shop moved" in mail.text
    assert new_key in mail.text and keys.key_for(before) not in mail.text
    assert moved.expires is not None
    later = repo.save(
        moved.renew(
            moved.expires + timedelta(days=90), moved.expires + timedelta(days=104), NOW, "goodwill", "Anna"
        )
    )
    notices.changed(moved, later)
    assert keys.key_for(later) in outbox.sent[-1].text  # the period is in the key, so it changed
    assert "extended until" in outbox.sent[-1].text


def test_the_holders_language_is_used_where_a_text_exists(world) -> None:  # type: ignore[no-untyped-def]
    repo, customers, outbox, keys, notices, admin = world
    customers.create_if_absent(Customer("c-ru", "ivan@shop.example", "Иван", language="ru"))
    customers.create_if_absent(Customer("c-de", "jan@shop.example", "Jan", language="de"))
    repo.add(make_license(id="lic-ru", customer_id="c-ru"))
    repo.add(make_license(id="lic-de", customer_id="c-de"))
    for lic_id in ("lic-ru", "lic-de"):
        before = repo.get(lic_id)
        notices.changed(before, admin.revoke(lic_id, "chargeback", "Anna"))
    ru, de = outbox.sent
    assert ru.subject.startswith("Лицензия") and "Причина: chargeback" in ru.text
    assert de.subject.startswith("Your ") and "Reason: chargeback" in de.text  # no German text: English


def test_a_former_holder_is_told_without_the_key(world) -> None:  # type: ignore[no-untyped-def]
    repo, customers, outbox, keys, notices, admin = world
    customers.create_if_absent(Customer("c-old", "old@acme.example", "Old"))
    customers.create_if_absent(Customer("c-new", "new@globex.example", "New"))
    repo.add(make_license(customer_id="c-old"))
    before = repo.get("lic-1")
    moved, _ = admin.transfer_domain("lic-1", "shop.example", "globex.example", "Anna", "sold the shop")
    after = repo.save(replace(moved, customer_id="c-new"))
    assert notices.changed(before, after) == ["new@globex.example", "old@acme.example"]
    to_new, to_old = outbox.sent
    assert keys.key_for(after) in to_new.text
    assert "HDL1." not in to_old.text and "transferred to another holder" in to_old.text


def test_a_failed_send_does_not_fail_the_change_and_can_be_retried(world) -> None:  # type: ignore[no-untyped-def]
    repo, customers, outbox, keys, notices, admin = world
    customers.create_if_absent(Customer("c-1", "ann@acme.example", "Ann"))
    repo.add(make_license(customer_id="c-1"))
    before = repo.get("lic-1")
    after = admin.suspend("lic-1", "audit", "Anna")

    def broken(mail: OutgoingMail) -> None:
        raise ConnectionError("SES down")

    outbox.send = broken  # type: ignore[method-assign]
    assert notices.changed(before, after) == []
    del outbox.send
    assert notices.changed(before, after) == ["ann@acme.example"]


def test_every_contact_of_the_organisation_is_told_in_their_language(world) -> None:  # type: ignore[no-untyped-def]
    repo, customers, outbox, keys, notices, admin = world
    org = "org-acme"
    customers.create_if_absent(Customer("c-1", "ann@acme.example", "Ann", organisation_id=org))
    customers.create_if_absent(Customer("c-2", "ivan@acme.example", "Иван", org, language="ru"))
    customers.create_if_absent(Customer("c-3", "gone@acme.example", "Gone", org, undeliverable=True))
    customers.create_if_absent(Customer("c-4", "eve@globex.example", "Eve", organisation_id="org-globex"))
    repo.add(make_license(customer_id="c-1", organisation_id=org))
    before = repo.get("lic-1")
    moved, new_key = admin.transfer_domain("lic-1", "shop.example", "new-shop.example", "Anna", "shop moved")
    assert notices.changed(before, moved) == ["ann@acme.example", "ivan@acme.example"]
    to_holder, to_colleague = outbox.sent
    assert new_key in to_holder.text and to_holder.subject.startswith("Your ")
    assert new_key not in to_colleague.text and "HDL1." not in to_colleague.text
    assert to_colleague.subject.startswith("Лицензия") and "Ann <ann@acme.example>" in to_colleague.text
    assert notices.changed(before, moved) == []  # each person once per change
