"""The on-call rota in memory."""

from __future__ import annotations

from helpdesk.operations.model.escalation import Rota


class InMemoryRotaStore:
    def __init__(self) -> None:
        self._rota: Rota | None = None

    def get(self) -> Rota | None:
        return self._rota

    def put(self, rota: Rota) -> None:
        self._rota = rota
