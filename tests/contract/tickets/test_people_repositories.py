from __future__ import annotations

from datetime import timedelta

import pytest
from helpdesk.tickets.model.assignment import Mailbox
from helpdesk.tickets.model.customer import Customer, Organisation
from helpdesk.tickets.model.quarantine import QuarantinedMail, QuarantineStatus

from tests.support.tickets import T0

pytestmark = pytest.mark.contract


def test_customers_are_created_once_and_found_by_email(stores):
    first = stores.customers.create_if_absent(Customer.for_email("Ann@Acme.test", "Ann"))
    second = stores.customers.create_if_absent(Customer.for_email("ann@acme.test", "Other name"))
    assert second == first and second.name == "Ann"
    assert stores.customers.by_email("ANN@acme.test") == first
    stores.customers.save(first.mark_undeliverable("5.1.1"))
    assert stores.customers.get(first.id).undeliverable
    assert stores.customers.by_email("nobody@acme.test") is None


def test_organisations_by_domain(stores):
    org = stores.customers.create_organisation_if_absent(Organisation.for_domain("acme.test"))
    again = stores.customers.create_organisation_if_absent(Organisation("other-id", "acme.test", "x"))
    assert again == org and stores.customers.organisation_by_domain("acme.test") == org
    assert stores.customers.organisation_by_domain("none.test") is None


def test_mailboxes_round_trip(stores):
    box = Mailbox("sales", ("ann", "bob"), frozenset({"bob"}))
    stores.mailboxes.save(box)
    assert stores.mailboxes.get("sales") == box and stores.mailboxes.get("none") is None


def held(n: int) -> QuarantinedMail:
    return QuarantinedMail(f"k{n}", "raw", f"o{n}", "oversize", T0 + timedelta(minutes=n), etag="e")


def test_quarantine_lists_by_status_newest_first_with_a_cursor(stores):
    for n in range(1, 6):
        stores.quarantine.put(held(n))
    stores.quarantine.set_status("k3", QuarantineStatus.REPROCESSED)
    first = stores.quarantine.list(QuarantineStatus.HELD, 2)
    rest = stores.quarantine.list(QuarantineStatus.HELD, 10, first.cursor)
    assert [m.key for m in first.items + rest.items] == ["k5", "k4", "k2", "k1"] and rest.cursor is None
    assert [m.key for m in stores.quarantine.list(QuarantineStatus.REPROCESSED, 10).items] == ["k3"]
    assert stores.quarantine.get("k1") == held(1) and stores.quarantine.get("none") is None


def test_a_registered_organisation_takes_over_a_domain(stores):
    derived = stores.customers.create_organisation_if_absent(Organisation.for_domain("acme.test"))
    assert not derived.claimed
    stores.customers.save_organisation(Organisation("org-acme", "acme.test", "Acme"))
    owner = stores.customers.organisation_by_domain("acme.test")
    assert owner == Organisation("org-acme", "acme.test", "Acme") and owner.claimed


def test_the_contacts_of_an_organisation_are_listed_and_follow_a_move(stores):
    ann = Customer.for_email("ann@acme.test", "Ann", organisation_id="org-acme")
    bob = Customer.for_email("bob@acme.test", "Bob", organisation_id="org-acme")
    stores.customers.create_if_absent(ann)
    stores.customers.save(bob)
    stores.customers.save(Customer.for_email("eve@other.test", "Eve", organisation_id="org-other"))
    stores.customers.save(Customer.for_email("solo@gmail.test", "Solo"))
    assert sorted(c.email for c in stores.customers.in_organisation("org-acme")) == [ann.email, bob.email]
    stores.customers.save(Customer.for_email("bob@acme.test", "Bob", organisation_id="org-other"))
    assert [c.email for c in stores.customers.in_organisation("org-acme")] == [ann.email]
    assert stores.customers.in_organisation("org-none") == []
