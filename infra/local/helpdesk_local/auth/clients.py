"""Registered app clients: exact callback and sign-out URIs, nothing derived from a request."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class ClientRegistration:
    redirect_uris: frozenset[str]
    logout_uris: frozenset[str]

    @classmethod
    def of(cls, redirect_uris: Iterable[str], logout_uris: Iterable[str] | None = None) -> ClientRegistration:
        """Without sign-out URIs, each callback's site root is one (as in template.yaml)."""
        redirects = frozenset(redirect_uris)
        logouts = (
            frozenset(logout_uris)
            if logout_uris is not None
            else frozenset(f"{origin(u)}/" for u in redirects)
        )
        return cls(redirects, logouts)


class ClientRegistry:
    def __init__(self, clients: Mapping[str, ClientRegistration | Iterable[str]]) -> None:
        self._clients = {
            client_id: entry if isinstance(entry, ClientRegistration) else ClientRegistration.of(entry)
            for client_id, entry in clients.items()
        }
        self.origins = frozenset(
            origin(uri) for entry in self._clients.values() for uri in entry.redirect_uris | entry.logout_uris
        )

    @property
    def ids(self) -> list[str]:
        return list(self._clients)

    def redirect_allowed(self, client_id: str, redirect_uri: str) -> bool:
        entry = self._clients.get(client_id)
        return entry is not None and redirect_uri in entry.redirect_uris

    def logout_allowed(self, client_id: str, logout_uri: str) -> bool:
        entry = self._clients.get(client_id)
        return entry is not None and logout_uri in entry.logout_uris


def origin(uri: str) -> str:
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc}"
