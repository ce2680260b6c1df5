"""Each agent keeps their own signature; replies are signed with it when they are sent."""

from __future__ import annotations

from helpdesk.tickets.model.signature import checked_signature
from helpdesk.tickets.ports import SignatureStore


class SignatureService:
    def __init__(self, store: SignatureStore) -> None:
        self._store = store

    def of(self, email: str) -> str:
        return self._store.get(email) if email else ""

    def save(self, email: str, text: str) -> str:
        signature = checked_signature(text)
        self._store.save(email, signature)
        return signature
