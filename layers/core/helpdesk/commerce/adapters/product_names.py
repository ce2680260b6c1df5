"""Licensing's `ProductNames` from the catalogue: `Payments Plus — Standard` instead of slugs."""

from __future__ import annotations

from typing import Protocol

from helpdesk.commerce.model.catalogue import Product, ProductNotFound
from helpdesk.commerce.model.orders import CartInvalid


class _Products(Protocol):
    def product(self, slug: str) -> Product: ...


class CatalogueProductNames:
    """Reads each product once per instance (a request or a cold start): names change rarely."""

    def __init__(self, catalogue: _Products) -> None:
        self._catalogue, self._seen = catalogue, dict[str, Product | None]()

    def product_name(self, product: str) -> str:
        found = self._product(product)
        return found.name if found else product

    def title(self, product: str, edition: str) -> str:
        found = self._product(product)
        if found is None:
            return f"{product} — {edition}"
        try:
            return f"{found.name} — {found.edition(edition).name}"
        except CartInvalid:
            return f"{found.name} — {edition}"

    def _product(self, product: str) -> Product | None:
        if product not in self._seen:
            try:
                self._seen[product] = self._catalogue.product(product)
            except ProductNotFound:
                self._seen[product] = None  # no longer sold: the slug is all there is
        return self._seen[product]
