"""One organisation per customer: registered customers keep their account's organisation for their mail;
unknown senders get their domain's; registering re-homes what the address (and an unclaimed domain) wrote."""

from __future__ import annotations

import pytest
from helpdesk.tickets.model.customer import Organisation, stable_id
from helpdesk.tickets.services.customer_registry import CustomerRegistry

from tests.support.tickets import MailSpec, wire

pytestmark = pytest.mark.unit
DERIVED = stable_id("org", "acme.test")


def deliver(w, sender: str, n: int) -> str:
    return w.deliver(MailSpec(sender=sender, message_id=f"m{n}@x.test", subject=f"Subject {n}")).ticket_id


def org_of(w, ticket_id: str) -> str | None:
    return w.stores.tickets.find(ticket_id).organisation_id


def test_mail_from_a_registered_customer_goes_to_their_organisation():
    w = wire()
    CustomerRegistry(w.stores).register("alice@acme.test", "Alice", "org-acme")
    assert org_of(w, deliver(w, "Alice@Acme.test", 1)) == "org-acme"
    assert w.stores.customers.by_email("alice@acme.test").name == "Alice"


def test_unknown_senders_get_their_domains_organisation_and_free_mail_none():
    w = wire()
    assert org_of(w, deliver(w, "dave@acme.test", 1)) == DERIVED
    assert org_of(w, deliver(w, "someone@gmail.com", 2)) is None


def test_registering_rehomes_the_addresses_tickets_and_claims_an_unclaimed_domain():
    w = wire()
    own, colleague, free = deliver(w, "alice@acme.test", 1), deliver(w, "dave@acme.test", 2), None
    free = deliver(w, "alice.private@gmail.com", 3)
    registry = CustomerRegistry(w.stores)
    registry.register("alice@acme.test", "", "org-acme")
    assert org_of(w, own) == "org-acme" and org_of(w, colleague) == "org-acme"
    assert w.stores.customers.organisation_by_domain("acme.test").id == "org-acme"
    assert org_of(w, deliver(w, "dave@acme.test", 4)) == "org-acme"  # unregistered: follows the domain
    assert org_of(w, free) is None
    registry.register("alice.private@gmail.com", "", "org-acme")
    assert org_of(w, free) == "org-acme"
    assert w.stores.customers.organisation_by_domain("gmail.com") is None


def test_a_claimed_domain_is_not_taken_over_by_a_second_organisation():
    w = wire()
    registry = CustomerRegistry(w.stores)
    registry.register("alice@acme.test", "", "org-acme")
    registry.register("mallory@acme.test", "", "org-other")
    assert w.stores.customers.organisation_by_domain("acme.test").id == "org-acme"
    assert org_of(w, deliver(w, "mallory@acme.test", 1)) == "org-other"
    assert org_of(w, deliver(w, "dave@acme.test", 2)) == "org-acme"


def test_a_registered_customer_moved_to_another_organisation_takes_their_tickets_along():
    w = wire()
    registry = CustomerRegistry(w.stores)
    registry.register("alice@acme.test", "", "org-acme")
    ticket = deliver(w, "alice@acme.test", 1)
    registry.register("alice@acme.test", "", "org-new")
    assert org_of(w, ticket) == "org-new"


def test_sign_up_joins_the_domains_owner_else_a_new_organisation():
    w = wire()
    registry = CustomerRegistry(w.stores)
    first = registry.sign_up("alice@acme.test", lambda email: "org-new-1")
    second = registry.sign_up("carol@acme.test", lambda email: "org-new-2")
    lone = registry.sign_up("x@gmail.com", lambda email: "org-new-3")
    assert (first.organisation_id, second.organisation_id, lone.organisation_id) == (
        "org-new-1",
        "org-new-1",
        "org-new-3",
    )


def test_registering_twice_writes_once():
    w = wire()
    registry = CustomerRegistry(w.stores)
    first = registry.register("alice@acme.test", "Alice", "org-acme")
    assert registry.register("alice@acme.test", "", "org-acme") == first
    assert w.stores.customers.organisation_by_domain("acme.test") == Organisation(
        "org-acme", "acme.test", "acme.test"
    )
