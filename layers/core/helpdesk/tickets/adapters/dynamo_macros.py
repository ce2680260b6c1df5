"""Macros in the `helpdesk` table: one partition, `MACROS` / `MACRO#<id>`."""

from __future__ import annotations

from helpdesk.kernel.adapters.dynamo_codec import dumps, loads
from helpdesk.kernel.adapters.dynamo_table import HelpdeskItem
from helpdesk.tickets.model.macro import Macro

PARTITION = "MACROS"


class DynamoMacros:
    def __init__(self, model: type[HelpdeskItem]) -> None:
        self._m = model

    def save(self, macro: Macro) -> None:
        self._m(PARTITION, f"MACRO#{macro.id}", entity="macro", data=dumps(macro)).save()

    def get(self, macro_id: str) -> Macro | None:
        try:
            item = self._m.get(PARTITION, f"MACRO#{macro_id}", consistent_read=True)
        except self._m.DoesNotExist:
            return None
        return loads(Macro, item.data or "{}")

    def all(self) -> list[Macro]:
        items = self._m.query(PARTITION, self._m.sk.startswith("MACRO#"), consistent_read=True)
        return [loads(Macro, item.data or "{}") for item in items]

    def delete(self, macro_id: str) -> None:
        self._m(PARTITION, f"MACRO#{macro_id}").delete()
