"""Price changes in the `helpdesk` table: PRODUCT#<slug> / PRICE#<when>#<edition>#<plan>#<currency>."""

from __future__ import annotations

from helpdesk.commerce.model.price_changes import PriceChange
from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import item_model


class DynamoPriceAudit:
    def __init__(self, table_name: str, region: str, endpoint_url: str | None = None) -> None:
        self._m = item_model(table_name, region, endpoint_url)

    def record(self, changes: list[PriceChange]) -> None:
        with self._m.batch_write() as batch:
            for c in changes:
                sk = f"PRICE#{c.changed_at.isoformat()}#{c.edition}#{c.plan}#{c.currency}"
                batch.save(self._m(f"PRODUCT#{c.product}", sk, entity="price_change", data=dumps(c)))

    def history(self, product: str) -> list[PriceChange]:
        items = self._m.query(f"PRODUCT#{product}", self._m.sk.startswith("PRICE#"))
        return [loads(PriceChange, item.data or "{}") for item in items]
