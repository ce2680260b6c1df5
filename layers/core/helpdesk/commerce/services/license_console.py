"""The console's licenses: search, one license's page, and the staff actions that change a license."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from helpdesk.commerce.model.catalogue import CURRENCIES, Edition, Plan, ProductNotFound
from helpdesk.commerce.model.orders import CartInvalid
from helpdesk.commerce.services.catalogue import CatalogueService
from helpdesk.commerce.views.license_console import (
    LicenseEventView,
    LicenseListPageView,
    LicensePageView,
    LicenseRowView,
    LicenseSearch,
    UpgradeQuoteView,
)
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.licensing.public import (
    EditionUpgradeInvalid,
    License,
    LicenseAdminService,
    LicenseChangeNotices,
    LicenseLifecycle,
    LicenseQueries,
    LicenseRepository,
    Money,
    RenewalStore,
    license_id_in_key,
    normalise_domain,
)
from helpdesk.licensing.views.renewals import RenewalView
from helpdesk.tickets.public import CustomerRepository, customer_id_for

SCAN_STEP = 200  # stored items read per scan call
SCAN_STEPS = 10  # calls per request: a search with few hits answers with a cursor rather than reading on


class LicenseConsole:
    def __init__(
        self,
        repo: LicenseRepository,
        queries: LicenseQueries,
        admin: LicenseAdminService,
        renewals: RenewalStore,
        lifecycle: Callable[[], LicenseLifecycle],
        catalogue: CatalogueService,
        clock: Clock,
        notices: LicenseChangeNotices | None = None,
        customers: CustomerRepository | None = None,
    ) -> None:
        """`lifecycle` is built on first use: only extending needs Step Functions and the Stripe secret.
        `notices` mails the holder after each staff change (none: nobody is told, as in tools)."""
        self._repo, self._queries, self._admin, self._renewals = repo, queries, admin, renewals
        self._lifecycle, self._catalogue, self._clock, self._notices = lifecycle, catalogue, clock, notices
        self._customers = customers

    def search(self, wanted: LicenseSearch) -> LicenseListPageView:
        """Licenses matching every given filter, a page at a time; a customer's come from their index."""
        now = self._clock.now()
        keep = _matcher(wanted, now)
        if wanted.key and (named := license_id_in_key(wanted.key)):
            try:
                found = [self._repo.get(named)]
            except NotFound:
                found = []
            return self._page([lic for lic in found if keep(lic)], None, now)
        if wanted.key:
            raise Invalid("paste the license key from its start (HDL1.), at least its first 60 characters")
        if wanted.customer:
            owner = customer_id_for(wanted.customer) if "@" in wanted.customer else wanted.customer
            mine = [lic for lic in self._repo.list_for_customer(owner) if keep(lic)]
            start = next((n + 1 for n, lic in enumerate(mine) if lic.id == wanted.cursor), 0)
            page = mine[start : start + wanted.limit]
            more = start + wanted.limit < len(mine)
            return self._page(page, page[-1].id if more else None, now)
        rows: list[License] = []
        position = wanted.cursor
        for _ in range(SCAN_STEPS):
            step = self._repo.scan(position, SCAN_STEP)
            for lic, after in step.found:
                if keep(lic):
                    rows.append(lic)
                    if len(rows) == wanted.limit:
                        return self._page(rows, after, now)
            position = step.end
            if position is None:
                break
        return self._page(rows, position, now)

    def page(self, license_id: str) -> LicensePageView:
        lic = self._repo.get(license_id)
        renewal = self._renewals.get(license_id)
        return LicensePageView(
            license=self._queries.detail(license_id),
            holder=self._person(lic.customer_id) or "a former customer",
            reason=lic.reason,
            history=[LicenseEventView.of(event) for event in lic.history],
            renewal=RenewalView.of(renewal) if renewal else None,
            upgrades=self._upgrades(lic, renewal.price.currency if renewal else CURRENCIES[0]),
        )

    def upgrade(self, license_id: str, edition: str, by: str = "") -> LicensePageView:
        """Staff apply an upgrade (a paid one goes through checkout); only to an edition that costs more."""
        lic = self._repo.get(license_id)
        if edition not in {q.edition for q in self._upgrades(lic, CURRENCIES[0])}:
            raise EditionUpgradeInvalid(f"{edition} is not an upgrade of license {license_id}")
        product = self._catalogue.product(lic.product)
        slots = product.edition(edition).max_activations
        return self._told(lic, self._admin.upgrade_edition(license_id, edition, slots, by)[0])

    def transfer(self, license_id: str, old: str, new: str, by: str, reason: str = "") -> LicensePageView:
        lic = self._repo.get(license_id)
        return self._told(lic, self._admin.transfer_domain(license_id, old, new, by, reason)[0])

    def suspend(self, license_id: str, reason: str, by: str) -> LicensePageView:
        lic = self._repo.get(license_id)
        return self._told(lic, self._admin.suspend(license_id, reason, by))

    def resume(self, license_id: str, by: str, reason: str = "") -> LicensePageView:
        lic = self._repo.get(license_id)
        return self._told(lic, self._admin.resume(license_id, by, reason))

    def revoke(self, license_id: str, reason: str, by: str) -> LicensePageView:
        lic = self._repo.get(license_id)
        return self._told(lic, self._admin.revoke(license_id, reason, by))

    def extend(self, license_id: str, until: datetime, by: str, reason: str = "") -> LicensePageView:
        """A manager extends by hand: the license runs until `until` and the next period's workflow starts."""
        lic = self._repo.get(license_id)
        if lic.expires is None:
            raise Invalid(f"license {license_id} is a lifetime license: it does not expire")
        if until <= max(lic.expires, self._clock.now()):
            raise Invalid(f"license {license_id} already runs until {lic.expires:%Y-%m-%d}")
        self._lifecycle().renew(license_id, until, reason or "extended by hand", by)
        return self._told(lic, self._repo.get(license_id))

    def _told(self, before: License, after: License) -> LicensePageView:
        if self._notices is not None:
            self._notices.changed(before, after)
        return self.page(before.id)

    def _upgrades(self, lic: License, currency: str) -> list[UpgradeQuoteView]:
        try:
            product = self._catalogue.product(lic.product)
        except ProductNotFound:  # no longer sold: nothing to upgrade to
            return []
        plan = Plan.LIFETIME if lic.expires is None else Plan.YEARLY
        prices = {e.id: p for e in product.editions if (p := _price(e, plan, currency)) is not None}
        quotes = []
        for edition in product.editions:
            if edition.id == lic.edition:
                continue
            try:
                quote = self._admin.quote_upgrade(lic.id, edition.id, prices)
            except EditionUpgradeInvalid:
                continue
            quotes.append(UpgradeQuoteView(edition=edition.id, name=edition.name, **quote.__dict__))
        return quotes

    def _person(self, customer_id: str) -> str:
        found = self._customers.get(customer_id) if self._customers else None
        return _shown(found.name, found.email) if found else ""

    def _page(self, rows: list[License], cursor: str | None, now: datetime) -> LicenseListPageView:
        items = [
            LicenseRowView.of(lic, now, self._queries.title(lic), self._person(lic.customer_id))
            for lic in rows
        ]
        return LicenseListPageView(items=items, cursor=cursor)


def _shown(name: str, email: str) -> str:
    return f"{name} <{email}>" if name and name != email else email


def _price(edition: Edition, plan: Plan, currency: str) -> Money | None:
    try:
        return edition.price(plan, currency)
    except CartInvalid:
        return None


def _matcher(wanted: LicenseSearch, now: datetime) -> Callable[[License], bool]:
    domain = normalise_domain(wanted.domain) if wanted.domain else None

    def keep(lic: License) -> bool:
        return (
            (wanted.product is None or lic.product == wanted.product)
            and (wanted.state is None or lic.state_at(now) is wanted.state)
            and (domain is None or lic.covers(domain) or any(d.endswith("." + domain) for d in lic.domains))
        )

    return keep
