"""Catalogue products in the `helpdesk` table: PRODUCT#<slug> / PRODUCT, listed through gsi1 PRODUCTS."""

from __future__ import annotations

from helpdesk.commerce.model.catalogue import Product
from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem, item_model

LISTING = "PRODUCTS"


class DynamoProductStore:
    def __init__(self, table_name: str, region: str, endpoint_url: str | None = None) -> None:
        self._m = item_model(table_name, region, endpoint_url)

    def put(self, product: Product) -> None:
        self._item(product).save()

    def get(self, slug: str) -> Product | None:
        try:
            item = self._m.get(f"PRODUCT#{slug}", "PRODUCT")
        except self._m.DoesNotExist:
            return None
        return loads(Product, item.data or "{}")

    def all(self) -> list[Product]:
        items = self._m.gsi1.query(LISTING)  # type: ignore[attr-defined]
        return [loads(Product, item.data or "{}") for item in items]

    def _item(self, product: Product) -> HelpdeskItem:
        return self._m(
            f"PRODUCT#{product.slug}",
            "PRODUCT",
            entity="product",
            data=dumps(product),
            gsi1pk=LISTING,
            gsi1sk=f"{product.position:05d}#{product.slug}",
        )
