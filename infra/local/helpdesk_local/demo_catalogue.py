"""The demo catalogue: a few modules with editions, plans and prices in EUR, USD and RUB."""

from __future__ import annotations

from helpdesk.commerce.model.catalogue import Edition, Plan, Price, Product, Screenshot

MANAGER = "anna@helpdesk.localhost"


def _prices(lifetime: int | None, yearly: int | None = None, monthly: int | None = None) -> tuple[Price, ...]:
    rates = {"EUR": 1.0, "USD": 1.1, "RUB": 100.0}
    prices = []
    for plan, eur in ((Plan.LIFETIME, lifetime), (Plan.YEARLY, yearly), (Plan.MONTHLY, monthly)):
        if eur is None:
            continue
        prices += [
            Price(plan, currency, int(round(eur * rate / 100)) * 100) for currency, rate in rates.items()
        ]
    return tuple(prices)


DEMO_PRODUCTS = [
    Product(
        slug="seo-pro",
        name="SEO Pro",
        summary="Clean URLs, meta tags and sitemaps for every page of the shop.",
        description="SEO Pro writes canonical URLs, hreflang and structured data, and keeps sitemaps fresh.",
        manager=MANAGER,
        platform_versions=("8.0", "8.1", "8.2"),
        editions=(
            Edition("standard", "Standard", _prices(4900, 1900), 1, ("Meta tags", "Sitemap")),
            Edition("pro", "Pro", _prices(9900, 3900, 490), 5, ("Meta tags", "Sitemap", "Structured data")),
        ),
        screenshots=(Screenshot("Dashboard", "dashboard"), Screenshot("Redirects", "table")),
        accent="#2f6fde",
        position=1,
    ),
    Product(
        slug="backup",
        name="Backup",
        summary="Nightly backups of the shop's files and database to your own storage.",
        description="Backup keeps 30 nightly copies, restores in one click and checks every copy it makes.",
        manager="boris@helpdesk.localhost",
        platform_versions=("8.1", "8.2"),
        editions=(
            Edition("basic", "Basic", _prices(2900), 1, ("Nightly backups",)),
            Edition(
                "business", "Business", _prices(None, 5900, 690), 3, ("Nightly backups", "Offsite copies")
            ),
        ),
        screenshots=(Screenshot("Settings", "settings"),),
        accent="#1f9d6b",
        position=2,
    ),
    Product(
        slug="payments-plus",
        name="Payments Plus",
        summary="Card, SEPA and instalment payments with one settlement report.",
        description="Payments Plus adds several payment providers behind one checkout step.",
        manager=MANAGER,
        platform_versions=("8.2",),
        editions=(
            Edition("standard", "Standard", _prices(14900, 5900), 2, ("Cards", "SEPA", "Instalments")),
        ),
        screenshots=(Screenshot("Payments", "table"),),
        accent="#b5532f",
        position=3,
    ),
]


def load_catalogue(table_name: str, region: str, endpoint_url: str | None) -> int:
    """Put the demo products (idempotent: the same items again)."""
    from helpdesk.commerce.adapters.dynamo_catalogue import DynamoProductStore
    from helpdesk.commerce.services.catalogue import CatalogueService

    return CatalogueService(DynamoProductStore(table_name, region, endpoint_url)).publish(DEMO_PRODUCTS)
