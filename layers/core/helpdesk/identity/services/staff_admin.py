"""Admins manage the staff: invite, change roles, deactivate and reactivate, all in the user pool."""

from __future__ import annotations

import re

from helpdesk.identity.model import STAFF_ROLES, Principal, Role, StaffMember
from helpdesk.identity.ports import StaffAccounts
from helpdesk.identity.services.sign_outs import SignOuts
from helpdesk.kernel.errors import Conflict, Invalid, NotFound

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class StaffAccountNotFound(NotFound):
    """No staff account has that address."""


class SelfLockout(Conflict):
    """An admin may not deactivate themselves or take away their own admin role: another admin must."""


class StaffAdmin:
    def __init__(self, accounts: StaffAccounts, sign_outs: SignOuts | None = None) -> None:
        self._accounts, self._sign_outs = accounts, sign_outs

    def accounts(self) -> list[StaffMember]:
        return self._accounts.accounts()

    def invite(self, email: str, name: str, roles: list[str]) -> StaffMember:
        email, name = email.strip(), " ".join(name.split())
        if not EMAIL.match(email) or len(email) > 254:
            raise Invalid("give the new member's e-mail address")
        if not name or len(name) > 100:
            raise Invalid("give the new member's name (up to 100 characters)")
        chosen = staff_roles(roles)
        self._accounts.invite(email, name, chosen)
        return self.account(email)

    def change(
        self, caller: Principal, email: str, roles: list[str] | None, active: bool | None
    ) -> StaffMember:
        """Change roles and/or activity; the caller cannot lock themselves out."""
        member = self.account(email)
        own = (caller.email or "").lower() == member.email.lower()
        chosen = staff_roles(roles) if roles is not None else None
        if own and (active is False or (chosen is not None and Role.ADMIN not in chosen)):
            raise SelfLockout("you cannot deactivate yourself or drop your own admin role: ask another admin")
        if chosen is not None and chosen != member.roles:
            self._accounts.set_roles(member.email, chosen)
        if active is not None and active != member.active:
            self._accounts.set_active(member.email, active)
            if not active:
                self._end_sessions(member.email)
        return self.account(member.email)

    def _end_sessions(self, email: str) -> None:
        # ID tokens live an hour by their signature alone: the sign-out record ends them now.
        subject = self._accounts.subject(email)
        if self._sign_outs is not None and subject is not None:
            self._sign_outs.end_sessions(subject, email)

    def account(self, email: str) -> StaffMember:
        wanted = email.strip().lower()
        for member in self._accounts.accounts():
            if member.email.lower() == wanted:
                return member
        raise StaffAccountNotFound(f"no staff account {email}")


def staff_roles(roles: list[str]) -> tuple[Role, ...]:
    """The named staff roles, sorted; Invalid for none or for anything that is not a staff role."""
    names = {r.strip().lower() for r in roles}
    allowed = {r.value for r in STAFF_ROLES}
    if not names or names - allowed:
        raise Invalid(f"choose one or more roles of: {', '.join(sorted(allowed))}")
    return tuple(sorted(Role(n) for n in names))
