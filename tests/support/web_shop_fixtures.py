"""Public API answers for the storefront's page tests: the catalogue and checkout."""

from __future__ import annotations

from typing import Any

from tests.support.web_cabinet_fixtures import CUSTOMER
from tests.support.web_stub import ApiRequest, Reply, WebStub

RATES = {"EUR": 1.0, "USD": 1.08, "GBP": 0.86}


def prices(eur: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {"plan": plan, "currency": code, "amount": round(amount * rate / 100) * 100}
        for plan, amount in eur.items()
        for code, rate in RATES.items()
    ]


def product(slug: str, name: str, summary: str, accent: str, layouts: list[str], base: int) -> dict[str, Any]:
    return {
        "slug": slug,
        "name": name,
        "summary": summary,
        "accent": accent,
        "description": f"{summary}\n\nInstalls in minutes, keeps your settings on update, "
        "and is supported by the people who wrote it.",
        "platform_versions": ["2.4", "2.5", "3.0"],
        "screenshots": [{"title": layout.title(), "layout": layout} for layout in layouts],
        "editions": [
            {
                "id": "standard",
                "name": "Standard",
                "features": ["One shop", "E-mail support"],
                "prices": prices({"lifetime": base, "yearly": base // 2, "monthly": base // 20}),
            },
            {
                "id": "business",
                "name": "Business",
                "features": ["Up to 5 shops", "Priority support", "Scheduled runs"],
                "prices": prices({"lifetime": base * 2, "yearly": base, "monthly": base // 10}),
            },
        ],
    }


PRODUCTS = [
    product(
        "export-pro",
        "Export Pro",
        "Orders, products and customers to CSV, XML and your ERP.",
        "#4f46e5",
        ["dashboard", "table", "settings"],
        14900,
    ),
    product(
        "smart-search",
        "Smart Search",
        "Typo-tolerant product search with synonyms and filters.",
        "#0891b2",
        ["table", "dashboard"],
        9900,
    ),
    product(
        "pay-later",
        "Pay Later",
        "Invoice and instalment payments with automatic reminders.",
        "#db2777",
        ["settings", "table"],
        19900,
    ),
]


class ShopApi:
    def __init__(self) -> None:
        self.products = PRODUCTS

    def install(self, stub: WebStub) -> None:
        stub.users["shop"] = CUSTOMER
        stub.route("shop", "GET", "/products", lambda r: (200, {"items": self.products, "cursor": None}))
        stub.route("shop", "GET", "/products/(?P<slug>[^/]+)", self.one)
        stub.route("shop", "POST", "/checkout", lambda r: self.checkout(r, stub))

    def one(self, request: ApiRequest, slug: str) -> Reply:
        found = [p for p in self.products if p["slug"] == slug]
        return (200, found[0]) if found else (404, {"message": "ProductNotFound"})

    def checkout(self, request: ApiRequest, stub: WebStub) -> Reply:
        return 201, {"checkout_url": stub.url("pay", "/session/cs_test_1")}
