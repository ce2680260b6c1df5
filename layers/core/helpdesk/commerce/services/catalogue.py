"""The catalogue the storefront shows and checkout prices from (never from what the browser sends)."""

from __future__ import annotations

from helpdesk.commerce.model.catalogue import CURRENCIES, Plan, Product, ProductNotFound
from helpdesk.commerce.model.orders import CartInvalid, Offer
from helpdesk.commerce.ports import ProductStore


class CatalogueService:
    """Reads the catalogue; also the `Catalogue` port of checkout."""

    def __init__(self, store: ProductStore) -> None:
        self._store = store

    def products(self) -> list[Product]:
        """What the storefront lists: the published products."""
        return [p for p in self._store.all() if p.published]

    def product(self, slug: str) -> Product:
        """Any product, on sale or not (the license desk and product names read withdrawn ones too)."""
        product = self._store.get(slug)
        if product is None:
            raise ProductNotFound(slug)
        return product

    def on_sale(self, slug: str) -> Product:
        """A product the storefront shows: an unpublished one is as unknown as a missing one."""
        product = self.product(slug)
        if not product.published:
            raise ProductNotFound(slug)
        return product

    def offer(
        self,
        product: str,
        edition: str,
        currency: str | None = None,
        plan: str | None = None,
        for_sale: bool = False,
    ) -> Offer:
        found = self._store.get(product)
        if found is None or (for_sale and not found.published):
            raise CartInvalid(f"{product} is not for sale")
        try:
            chosen = Plan(plan or Plan.LIFETIME)
        except ValueError:
            raise CartInvalid(f"no plan {plan!r}") from None
        return found.offer(edition, chosen, currency or CURRENCIES[0])

    def publish(self, products: list[Product]) -> int:
        """Put products (idempotent: the same product twice is one item); returns how many were written."""
        for product in products:
            self._store.put(product)
        return len(products)
