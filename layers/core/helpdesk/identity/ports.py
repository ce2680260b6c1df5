"""The identity context's ports: every interface its services need."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from helpdesk.identity.model import Role, StaffMember


class JwksSource(Protocol):
    def fetch(self) -> Mapping[str, Any]:
        """The pool's JSON Web Key Set, `{"keys": [...]}`; raises on any transport failure."""
        ...


class AttemptCounter(Protocol):
    def increment(self, key: str, window_start: int, expires_at: int) -> int:
        """Count one attempt for `key` in the window starting at `window_start`; return the window's count."""
        ...

    def current(self, key: str, window_start: int) -> int:
        """The window's count so far, counting nothing."""
        ...


class StaffDirectory(Protocol):
    def members(self) -> list[StaffMember]:
        """Every user in a staff group (each once), sorted by name."""
        ...


class StaffAccounts(Protocol):
    """The pool's staff accounts, for admins: every member of a staff group, active or not."""

    def accounts(self) -> list[StaffMember]:
        """Every staff account (deactivated ones too), each once, sorted by name."""
        ...

    def invite(self, email: str, name: str, roles: tuple[Role, ...]) -> None:
        """Create the account and send the invitation; StaffAccountExists if the address has one."""
        ...

    def set_roles(self, email: str, roles: tuple[Role, ...]) -> None: ...

    def set_active(self, email: str, active: bool) -> None:
        """Deactivating also ends the member's sessions (their refresh tokens stop working)."""
        ...

    def subject(self, email: str) -> str | None:
        """The account's subject (the `sub` its tokens carry), None when there is no such account."""
        ...


class SignOutRecords(Protocol):
    def signed_out_at(self, subject: str) -> int | None:
        """When the subject last signed out (epoch seconds), or None."""
        ...

    def record(self, subject: str, at: int) -> None:
        """Remember a sign-out at `at`; an earlier time never replaces a later one."""
        ...


class SessionRevoker(Protocol):
    def revoke_all(self, username: str) -> None:
        """End every refresh token of the user at the identity provider (Cognito's global sign-out)."""
        ...
