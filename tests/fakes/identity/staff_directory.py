"""The in-memory staff directory and accounts, held to the same contract as the Cognito ones."""

from __future__ import annotations

from dataclasses import replace

from helpdesk.identity.model import Role, StaffAccountExists, StaffMember


class MemoryStaffDirectory:
    def __init__(self, members: list[StaffMember] | None = None) -> None:
        self._members = {m.email.lower(): m for m in members or []}

    def add(self, member: StaffMember) -> None:
        self._members[member.email.lower()] = member

    def members(self) -> list[StaffMember]:
        return [m for m in self.accounts() if m.active]

    def accounts(self) -> list[StaffMember]:
        return sorted(self._members.values(), key=lambda m: (m.name.lower(), m.email))

    def invite(self, email: str, name: str, roles: tuple[Role, ...]) -> None:
        if email.lower() in self._members:
            raise StaffAccountExists(f"{email} already has an account")
        self.add(StaffMember(email, name, roles))

    def set_roles(self, email: str, roles: tuple[Role, ...]) -> None:
        self._members[email.lower()] = replace(self._members[email.lower()], roles=roles)

    def set_active(self, email: str, active: bool) -> None:
        self._members[email.lower()] = replace(self._members[email.lower()], active=active)

    def subject(self, email: str) -> str | None:
        return f"sub-{email.lower()}" if email.lower() in self._members else None
