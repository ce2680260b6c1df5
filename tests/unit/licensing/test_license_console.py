"""The console's license search, upgrades and manual extension over the in-memory repository."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from helpdesk.commerce.model.catalogue import ProductNotFound
from helpdesk.commerce.services.license_console import SCAN_STEP, SCAN_STEPS, LicenseConsole
from helpdesk.commerce.views.license_console import LicenseSearch
from helpdesk.kernel.clock import FixedClock
from helpdesk.kernel.errors import Invalid
from helpdesk.licensing.model.license import EditionUpgradeInvalid
from helpdesk.licensing.services.admin import LicenseAdminService
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk.licensing.services.queries import LicenseQueries
from helpdesk_local.demo_catalogue import DEMO_PRODUCTS

from tests.fakes.licensing.memory_licenses import InMemoryLicenseRepository
from tests.support.licenses import NOW, make_license

pytestmark = pytest.mark.unit


class Lifecycle:
    def __init__(self) -> None:
        self.renewed: list[tuple[str, datetime, str, str]] = []

    def get(self, license_id: str) -> None:  # the renewal store: no renewal records here
        return None

    def renew(self, license_id: str, until: datetime, source: str, by: str = "system") -> bool:
        self.renewed.append((license_id, until, source, by))
        return True


class Catalogue:
    def product(self, slug: str) -> Any:
        found = [p for p in DEMO_PRODUCTS if p.slug == slug]
        if not found:
            raise ProductNotFound(slug)
        return found[0]


@pytest.fixture
def world(signer: Any) -> tuple[LicenseConsole, InMemoryLicenseRepository, Lifecycle]:
    repo, clock, lifecycle = InMemoryLicenseRepository(), FixedClock(NOW), Lifecycle()
    keys = LicensingService(repo, signer, clock)
    admin = LicenseAdminService(repo, keys, clock)
    queries = LicenseQueries(repo, keys, clock)
    console = LicenseConsole(repo, queries, admin, lifecycle, lambda: lifecycle, Catalogue(), clock)  # type: ignore[arg-type]
    return console, repo, lifecycle


def test_a_rare_match_answers_with_a_cursor_instead_of_reading_the_whole_table(world) -> None:  # type: ignore[no-untyped-def]
    console, repo, _ = world
    budget = SCAN_STEP * SCAN_STEPS
    for n in range(budget + 5):
        repo.add(make_license(id=f"lic-{n:05d}", product="backup" if n == budget + 3 else "seo-pro"))
    first = console.search(LicenseSearch(product="backup"))
    assert first.items == [] and first.cursor is not None
    second = console.search(LicenseSearch(product="backup", cursor=first.cursor))
    assert [row.id for row in second.items] == [f"lic-{budget + 3:05d}"] and second.cursor is None


def test_a_customers_licenses_page_by_cursor(world) -> None:  # type: ignore[no-untyped-def]
    console, repo, _ = world
    for n in range(5):
        repo.add(make_license(id=f"lic-{n}", customer_id="cus-9", issued=NOW + timedelta(minutes=n)))
    repo.add(make_license(id="other", customer_id="cus-1"))
    pages, cursor = [], None
    while True:
        page = console.search(LicenseSearch(customer="cus-9", limit=2, cursor=cursor))
        pages.append([row.id for row in page.items])
        if (cursor := page.cursor) is None:
            break
    assert pages == [["lic-0", "lic-1"], ["lic-2", "lic-3"], ["lic-4"]]


def test_upgrades_are_offered_only_to_dearer_editions_at_the_difference(world) -> None:  # type: ignore[no-untyped-def]
    console, repo, _ = world
    repo.add(make_license(id="std", edition="standard"))
    repo.add(make_license(id="pro", edition="pro"))
    repo.add(make_license(id="gone", product="retired"))
    quotes = console.page("std").upgrades
    assert [(q.edition, q.amount, q.currency) for q in quotes] == [("pro", 3900 - 1900, "EUR")]
    assert console.page("pro").upgrades == [] and console.page("gone").upgrades == []
    with pytest.raises(EditionUpgradeInvalid):
        console.upgrade("pro", "standard")
    assert console.upgrade("std", "pro").license.max_activations == 5


def test_extending_by_hand_must_move_the_end_forward(world) -> None:  # type: ignore[no-untyped-def]
    console, repo, lifecycle = world
    repo.add(make_license(id="yearly"))
    repo.add(make_license(id="forever", expires=None))
    end = repo.get("yearly").expires
    with pytest.raises(Invalid):
        console.extend("yearly", end, "anna@x")
    with pytest.raises(Invalid):
        console.extend("forever", end, "anna@x")
    console.extend("yearly", end + timedelta(days=30), "anna@x")
    assert lifecycle.renewed == [("yearly", end + timedelta(days=30), "extended by hand", "anna@x")]


def test_the_finder_takes_a_customer_email_or_a_key_and_shows_people_not_ids(signer) -> None:  # type: ignore[no-untyped-def]
    from helpdesk.tickets.public import Customer

    from tests.fakes.tickets.memory_tickets import MemoryCustomers

    repo, clock, customers = InMemoryLicenseRepository(), FixedClock(NOW), MemoryCustomers()
    keys = LicensingService(repo, signer, clock)
    queries = LicenseQueries(repo, keys, clock)
    admin = LicenseAdminService(repo, keys, clock)
    console = LicenseConsole(repo, queries, admin, None, None, Catalogue(), clock, None, customers)  # type: ignore[arg-type]
    ann = Customer.for_email("Ann@Acme.example", "Ann Lee")
    customers.create_if_absent(ann)
    repo.add(make_license(id="co_b550-1", customer_id=ann.id))
    repo.add(make_license(id="co_c660-1", customer_id="someone-else"))

    (row,) = console.search(LicenseSearch(customer=" ann@ACME.example ".strip())).items
    assert (row.id, row.customer) == ("co_b550-1", "Ann Lee <ann@acme.example>")
    key = keys.key_for(repo.get("co_c660-1"))
    for pasted in (key, key[:64]):
        assert [r.id for r in console.search(LicenseSearch(key=pasted)).items] == ["co_c660-1"]
    with pytest.raises(Invalid):
        console.search(LicenseSearch(key=key[:16]))  # the same for every license: it names none
    assert console.search(LicenseSearch(customer="nobody@acme.example")).items == []
