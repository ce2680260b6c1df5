"""The staff a ticket can be assigned to, for the console's assignee picker."""

from __future__ import annotations

from pydantic import BaseModel

from helpdesk.identity.public import StaffMember


class StaffMemberView(BaseModel):
    email: str
    name: str


class StaffListView(BaseModel):
    items: list[StaffMemberView]

    @classmethod
    def of(cls, members: list[StaffMember]) -> StaffListView:
        return cls(items=[StaffMemberView(email=m.email, name=m.name) for m in members])
