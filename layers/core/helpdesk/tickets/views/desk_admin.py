"""The admin pages' shapes: staff accounts, teams, mailboxes with their assignment rule."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from helpdesk.identity.public import StaffMember
from helpdesk.tickets.model.assignment import AssignmentRule, Mailbox, Team


class StaffAccountView(BaseModel):
    email: str
    name: str
    roles: list[str]
    active: bool

    @classmethod
    def of(cls, member: StaffMember) -> StaffAccountView:
        return cls(email=member.email, name=member.name, roles=list(member.roles), active=member.active)


class StaffAccountListView(BaseModel):
    items: list[StaffAccountView]

    @classmethod
    def of(cls, members: list[StaffMember]) -> StaffAccountListView:
        return cls(items=[StaffAccountView.of(m) for m in members])


class InviteStaffRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=254)
    name: str = Field(max_length=100)
    roles: list[str] = Field(max_length=5)


class ChangeStaffRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=254)
    roles: list[str] | None = Field(default=None, max_length=5)
    active: bool | None = None


class TeamView(BaseModel):
    name: str
    members: list[str]

    @classmethod
    def of(cls, team: Team) -> TeamView:
        return cls(name=team.name, members=list(team.members))


class TeamListView(BaseModel):
    items: list[TeamView]

    @classmethod
    def of(cls, teams: list[Team]) -> TeamListView:
        return cls(items=[TeamView.of(t) for t in teams])


class TeamRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=40)
    members: list[str] = Field(max_length=200)


class MailboxSetupView(BaseModel):
    name: str
    team: str | None
    rule: AssignmentRule
    sticky: bool
    rotation: list[str]  # who gets new tickets in turn, without those marked away
    away: list[str]

    @classmethod
    def of(cls, mailbox: Mailbox) -> MailboxSetupView:
        return cls(
            name=mailbox.name,
            team=mailbox.team,
            rule=mailbox.rule,
            sticky=mailbox.sticky,
            rotation=list(mailbox.available),
            away=sorted(mailbox.unavailable),
        )


class MailboxSetupListView(BaseModel):
    items: list[MailboxSetupView]

    @classmethod
    def of(cls, mailboxes: list[Mailbox]) -> MailboxSetupListView:
        return cls(items=[MailboxSetupView.of(m) for m in mailboxes])


class MailboxSetupRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=64)
    team: str | None = Field(default=None, max_length=40)
    rule: AssignmentRule = AssignmentRule.ROUND_ROBIN
    sticky: bool = True
