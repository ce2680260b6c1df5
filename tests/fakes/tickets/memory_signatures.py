from __future__ import annotations


class MemorySignatures:
    def __init__(self) -> None:
        self._by_email: dict[str, str] = {}

    def get(self, email: str) -> str:
        return self._by_email.get(email.lower(), "")

    def save(self, email: str, signature: str) -> None:
        self._by_email[email.lower()] = signature
