"""The admin's desk set-up: staff accounts, teams, and each mailbox's assignment rule over a team."""

from __future__ import annotations

import re
from dataclasses import replace

from helpdesk.identity.public import Principal, StaffAdmin, StaffMember
from helpdesk.kernel.errors import Invalid, NotFound
from helpdesk.tickets.model.assignment import AssignmentRule, Mailbox, Team
from helpdesk.tickets.ports import MailboxRepository, TeamRepository

TEAM_NAME = re.compile(r"^[\w][\w .&-]{0,39}$")


class TeamNotFound(NotFound):
    """No team has that name."""


class DeskSetup:
    def __init__(self, staff: StaffAdmin, teams: TeamRepository, mailboxes: MailboxRepository) -> None:
        self.staff = staff
        self._teams = teams
        self._mailboxes = mailboxes

    def change_staff(
        self, caller: Principal, email: str, roles: list[str] | None, active: bool | None
    ) -> StaffMember:
        """A member deactivated or moved to roles that cannot open tickets also leaves every team, so no
        rotation hands them a ticket."""
        member = self.staff.change(caller, email, roles, active)
        if not member.works_tickets:
            for team in self._teams.all():
                if member.email in team.members:
                    self._store_team(
                        replace(team, members=tuple(m for m in team.members if m != member.email))
                    )
        return member

    def teams(self) -> list[Team]:
        return self._teams.all()

    def save_team(self, name: str, members: list[str]) -> Team:
        name = " ".join(name.split())
        if not TEAM_NAME.match(name):
            raise Invalid("a team name is 1-40 letters, digits, spaces, '.', '&' or '-'")
        active = {m.email.lower(): m.email for m in self.staff.accounts() if m.works_tickets}
        unknown = [m for m in members if m.strip().lower() not in active]
        if unknown:
            raise Invalid(f"not active staff: {', '.join(unknown)} (a team is colleagues who open tickets)")
        chosen = tuple(dict.fromkeys(active[m.strip().lower()] for m in members))
        return self._store_team(Team(name, chosen))

    def mailboxes(self) -> list[Mailbox]:
        return self._mailboxes.all()

    def configure_mailbox(self, name: str, team: str | None, rule: AssignmentRule, sticky: bool) -> Mailbox:
        name = name.strip().lower()
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]{0,63}", name):
            raise Invalid("a mailbox is the local part of a support address, e.g. 'support' or 'sales'")
        chosen = self._teams.get(team) if team else None
        if team and chosen is None:
            raise TeamNotFound(f"no team {team}")
        current = self._mailboxes.get(name) or Mailbox(name)
        managers = chosen.members if chosen else current.managers
        mailbox = replace(current, team=team or None, rule=rule, sticky=sticky, managers=managers)
        self._mailboxes.save(mailbox)
        return mailbox

    def _store_team(self, team: Team) -> Team:
        """Saves the team and hands its members to every mailbox that rotates over it."""
        self._teams.save(team)
        for mailbox in self._mailboxes.all():
            if mailbox.team == team.name and mailbox.managers != team.members:
                self._mailboxes.save(replace(mailbox, managers=team.members))
        return team
