"""Catalogue management for managers: add and edit products, publish or withdraw them; prices are audited."""

from __future__ import annotations

from dataclasses import replace

from helpdesk.commerce.model.catalogue import Product, ProductExists, ProductNotFound
from helpdesk.commerce.model.price_changes import PriceChange, price_changes
from helpdesk.commerce.ports import PriceAudit, ProductStore
from helpdesk.kernel.clock import Clock


class CatalogueAdmin:
    def __init__(self, store: ProductStore, audit: PriceAudit, clock: Clock) -> None:
        self._store, self._audit, self._clock = store, audit, clock

    def products(self) -> list[Product]:
        """Every product, published or not, in catalogue order."""
        return self._store.all()

    def product(self, slug: str) -> Product:
        found = self._store.get(slug)
        if found is None:
            raise ProductNotFound(slug)
        return found

    def create(self, product: Product, by: str) -> Product:
        if self._store.get(product.slug) is not None:
            raise ProductExists(f"product {product.slug} exists")
        positions = [p.position for p in self._store.all()]
        product = replace(product, position=max(positions, default=0) + 1, manager=product.manager or by)
        return self._save(None, product, by)

    def update(self, slug: str, product: Product, by: str) -> Product:
        """Replace the product's words, editions and prices; its slug, place in the list and state stay."""
        before = self.product(slug)
        kept = replace(product, slug=slug, position=before.position, published=before.published)
        return self._save(before, replace(kept, manager=product.manager or before.manager), by)

    def set_published(self, slug: str, published: bool) -> Product:
        product = replace(self.product(slug), published=published)
        self._store.put(product)
        return product

    def price_history(self, slug: str) -> list[PriceChange]:
        self.product(slug)
        return self._audit.history(slug)

    def _save(self, before: Product | None, after: Product, by: str) -> Product:
        self._audit.record(price_changes(before, after, by, self._clock.now()))
        self._store.put(after)
        return after
