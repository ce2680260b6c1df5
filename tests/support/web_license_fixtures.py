"""Staff API answers for the console's license pages, built with the real service on in-memory adapters.

The search, page and actions run `LicenseConsole` and `LicenseAdminService` over the fake repository, so the
stub answers exactly what the wired routes answer; only the renewal records and the catalogue are fixtures.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from helpdesk.commerce.model.catalogue import ProductNotFound
from helpdesk.commerce.views.license_console import LicenseSearch
from helpdesk.kernel.clock import FixedClock
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.model.history import LicenseEvent
from helpdesk.licensing.model.license import License, Money
from helpdesk.licensing.model.lifecycle import AtRisk, LicenseRenewal, RenewalState
from helpdesk.licensing.services.admin import LicenseAdminService
from helpdesk.licensing.services.at_risk import LicensesAtRisk
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk.licensing.services.queries import LicenseQueries
from helpdesk.tickets.public import Customer, customer_id_for

from tests.fakes.licensing.memory_licenses import InMemoryLicenseRepository
from tests.fakes.tickets.memory_tickets import MemoryCustomers
from tests.support.web_console_fixtures import NOW
from tests.support.web_stub import ApiRequest, Reply, WebStub

DAY = timedelta(days=1)
CARLA = Customer.for_email("carla@shop.example", "Carla Diaz")
DMITRI = Customer.for_email("dmitri@store.example", "Dmitri Orlov")
ORDER_ID = "co_b550e1c2d4"  # how checkout names orders: an id, never shown to people
STAFF_NAME = "Anna Petrova"  # the signed-in manager, as the token's `name` claim gives it


def _license(
    n: int, product: str, edition: str, domain: str, expires_in: int | None, **extra: Any
) -> License:
    return License(
        id=f"lic-{n}",
        product=product,
        edition=edition,
        customer_id=customer_id_for(CARLA.email if n % 2 else DMITRI.email),
        domains=(domain,),
        issued=NOW - 300 * DAY,
        expires=None if expires_in is None else NOW + expires_in * DAY,
        updates_until=NOW + 65 * DAY,
        history=(LicenseEvent(NOW - 300 * DAY, "issued", "customer", "Order 1042"),),
        **extra,
    )


def _renewal(lic: License, amount: int, state: RenewalState = RenewalState.ACTIVE) -> LicenseRenewal:
    assert lic.expires is not None
    return LicenseRenewal(
        lic.id,
        lic.customer_id,
        lic.product,
        lic.edition,
        "anna@agency.example",
        lic.expires,
        lic.expires + 14 * DAY,
        Money(amount, "EUR"),
        lic.product == "export-pro",
        state,
    )


class CatalogueNames:
    """The catalogue's names of the stub's products, as `CatalogueProductNames` reads them."""

    NAMES = {"export-pro": "Export Pro", "smart-search": "Smart Search", "backup": "Backup"}

    def title(self, product: str, edition: str) -> str:
        return f"{self.NAMES[product]} — {edition.capitalize()}"


class LicenseConsoleApi:
    def __init__(self) -> None:
        from helpdesk.commerce.services.license_console import LicenseConsole

        repo = InMemoryLicenseRepository()
        licenses = [
            _license(1, "export-pro", "standard", "shop.example", 12, order_id=ORDER_ID),
            _license(2, "smart-search", "pro", "dev.shop.example", 45),
            _license(3, "export-pro", "business", "store.example", -3, grace_until=NOW + 11 * DAY),
            _license(4, "smart-search", "standard", "old.example", -40, grace_until=NOW - 26 * DAY),
            _license(5, "backup", "basic", "shop.example", None),
        ]
        for lic in licenses:
            repo.add(lic)
        self.renewals = {
            "lic-1": _renewal(licenses[0], 3900),
            "lic-2": _renewal(licenses[1], 5900),
            "lic-3": _renewal(licenses[2], 12900, RenewalState.GRACE),
            "lic-4": _renewal(licenses[3], 4900, RenewalState.EXPIRED),
        }
        clock = FixedClock(NOW)
        keys = LicensingService(repo, Ed25519Signer.generate(), clock)
        self.admin = LicenseAdminService(repo, keys, clock)
        queries = LicenseQueries(repo, keys, clock, CatalogueNames())
        customers = MemoryCustomers()
        for person in (CARLA, DMITRI):
            customers.create_if_absent(person)
        self.risk_board = LicensesAtRisk(self, CatalogueNames(), customers)  # type: ignore[arg-type]
        self.console = LicenseConsole(
            repo,
            queries,
            self.admin,
            self,
            lambda: self,
            self,
            clock,
            None,
            customers,  # type: ignore[arg-type]
        )

    # The renewal store's, the lifecycle's and the catalogue's parts the console uses, as fixtures.
    def get(self, license_id: str) -> LicenseRenewal | None:
        return self.renewals.get(license_id)

    def product(self, slug: str) -> Any:
        raise ProductNotFound(slug)  # no upgrades offered in the stub

    def renew(self, license_id: str, until: Any, source: str, by: str) -> bool:
        lic = self.admin.get(license_id)
        saved = self.admin._repo.save(lic.renew(until, until + 14 * DAY, NOW, source, by))  # noqa: SLF001
        self.renewals[license_id] = _renewal(saved, self.renewals[license_id].price.amount)
        return True

    def install(self, stub: WebStub) -> None:
        stub.route("console", "GET", "/licenses", self.search)
        stub.route("console", "GET", "/licenses/at-risk", self.at_risk)
        stub.route("console", "GET", "/licenses/(?P<lid>[^/]+)", self.page)
        stub.route("console", "POST", "/licenses/(?P<lid>[^/]+)/(?P<action>[a-z]+)", self.act)

    def search(self, request: ApiRequest) -> Reply:
        return 200, self.console.search(LicenseSearch.model_validate(request.query)).model_dump(mode="json")

    def licenses_at_risk(self, now: datetime) -> AtRisk:
        r = self.renewals
        return AtRisk(
            {30: [r["lic-1"]], 60: [r["lic-1"], r["lic-2"]], 90: [r["lic-1"], r["lic-2"]]},
            [r["lic-3"]],
            [r["lic-4"]],
            {"EUR": 3900 + 5900 + 12900},
        )

    def at_risk(self, request: ApiRequest) -> Reply:
        return 200, self.risk_board.view(NOW).model_dump(mode="json")

    def page(self, request: ApiRequest, lid: str) -> Reply:
        return 200, self.console.page(lid).model_dump(mode="json")

    def act(self, request: ApiRequest, lid: str, action: str) -> Reply:
        body, by, c = request.body or {}, STAFF_NAME, self.console
        reason = str(body.get("reason", ""))
        done = {
            "revoke": lambda: c.revoke(lid, reason, by),
            "suspend": lambda: c.suspend(lid, reason, by),
            "resume": lambda: c.resume(lid, by, reason),
            "transfer": lambda: c.transfer(lid, body["old_domain"], body["new_domain"], by, reason),
            "extend": lambda: c.extend(lid, datetime.fromisoformat(body["until"]), by, reason),
        }
        if action not in done:
            return 404, {"error": "notfound", "detail": action}
        return 200, done[action]().model_dump(mode="json")
