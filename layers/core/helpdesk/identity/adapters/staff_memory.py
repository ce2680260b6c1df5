"""The in-memory staff directory, held to the same contract as the Cognito one."""

from __future__ import annotations

from helpdesk.identity.model import StaffMember


class MemoryStaffDirectory:
    def __init__(self, members: list[StaffMember] | None = None) -> None:
        self._members = {m.email.lower(): m for m in members or []}

    def add(self, member: StaffMember) -> None:
        self._members[member.email.lower()] = member

    def members(self) -> list[StaffMember]:
        return sorted(self._members.values(), key=lambda m: (m.name.lower(), m.email))
