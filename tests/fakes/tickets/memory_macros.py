from __future__ import annotations

from helpdesk.tickets.model.macro import Macro


class MemoryMacros:
    def __init__(self) -> None:
        self._macros: dict[str, Macro] = {}

    def save(self, macro: Macro) -> None:
        self._macros[macro.id] = macro

    def get(self, macro_id: str) -> Macro | None:
        return self._macros.get(macro_id)

    def all(self) -> list[Macro]:
        return list(self._macros.values())

    def delete(self, macro_id: str) -> None:
        self._macros.pop(macro_id, None)
