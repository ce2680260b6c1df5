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

    def product(self, slug: str, include_unpublished: bool = False) -> Product:
        """A product on sale; staff and the license desk also read unpublished ones."""
        product = self._store.get(slug)
        if product is None or not (product.published or include_unpublished):
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
