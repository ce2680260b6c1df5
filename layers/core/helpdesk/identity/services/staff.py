"""Who counts as staff, for the places that name a person: the assignee of a ticket, the console's picker."""

from __future__ import annotations

from helpdesk.identity.model import StaffMember
from helpdesk.identity.ports import StaffDirectory
from helpdesk.kernel.errors import Invalid


class NotStaff(Invalid):
    """The named person is no staff user of the pool."""


class StaffRoster:
    def __init__(self, directory: StaffDirectory) -> None:
        self._directory = directory

    def members(self) -> list[StaffMember]:
        return self._directory.members()

    def assignable(self) -> list[StaffMember]:
        """The assignee picker: active staff in a role that opens tickets (no ops or HR only accounts)."""
        return [m for m in self._directory.members() if m.works_tickets]

    def assignee_email(self, who: str) -> str:
        """As staff_email, and NotStaff too for a colleague whose roles cannot open tickets."""
        email = self.staff_email(who)
        if not any(m.email == email for m in self.assignable()):
            raise NotStaff(f"{who!r} cannot open tickets: choose someone from the staff list")
        return email

    def staff_email(self, who: str) -> str:
        """The staff member's e-mail as the pool spells it; NotStaff for anyone else."""
        wanted = who.strip().lower()
        for member in self._directory.members():
            if member.email.lower() == wanted:
                return member.email
        raise NotStaff(f"{who!r} is not a staff user: choose someone from the staff list")
