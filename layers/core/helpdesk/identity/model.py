"""Who is calling and what a route lets them do. Pure: built from already verified token claims."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from helpdesk.kernel.errors import Conflict, Forbidden, Unauthorized


class Role(StrEnum):
    """Cognito group names; the pool in template.yaml declares exactly these."""

    ADMIN = "admin"
    MANAGER = "manager"
    DEVELOPER = "developer"
    ACCOUNTANT = "accountant"
    OPS = "ops"
    HR = "hr"  # sees hours and support figures, never revenue
    CUSTOMER = "customer"


STAFF_ROLES: frozenset[Role] = frozenset(
    {Role.ADMIN, Role.MANAGER, Role.DEVELOPER, Role.ACCOUNTANT, Role.OPS, Role.HR}
)
# The roles that open tickets (the staff API's support routes): only they can be a ticket's assignee.
TICKET_ROLES: frozenset[Role] = frozenset({Role.ADMIN, Role.MANAGER, Role.DEVELOPER, Role.ACCOUNTANT})


class PrincipalKind(StrEnum):
    STAFF = "staff"
    CUSTOMER = "customer"


ORGANISATION_CLAIM = "custom:organisation_id"


class StaffAccountExists(Conflict):
    """The address already has an account in the pool."""


@dataclass(frozen=True)
class StaffMember:
    """Someone a ticket can be assigned to: staff are known by e-mail, the name is what people read."""

    email: str
    name: str
    roles: tuple[Role, ...] = ()  # staff roles only, sorted
    active: bool = True  # a deactivated member keeps their history but cannot sign in or be assigned

    @property
    def works_tickets(self) -> bool:
        """Active and in a role that opens tickets: someone a ticket, a team or a rotation may name."""
        return self.active and bool(TICKET_ROLES & set(self.roles))


@dataclass(frozen=True)
class Principal:
    """An authenticated caller. Roles and organisation come only from verified claims, never from a body."""

    subject: str
    email: str | None = None
    roles: frozenset[Role] = field(default_factory=frozenset)
    organisation_id: str | None = None
    name: str | None = None  # the token's `name` claim, when the pool has one

    @property
    def shown_as(self) -> str:
        """How a history or a mail names this person: their name, else their address."""
        return self.name or self.email or "staff"

    @property
    def kind(self) -> PrincipalKind | None:
        if self.roles & STAFF_ROLES:
            return PrincipalKind.STAFF
        if Role.CUSTOMER in self.roles:
            return PrincipalKind.CUSTOMER
        return None

    @property
    def is_staff(self) -> bool:
        return self.kind is PrincipalKind.STAFF

    @property
    def is_customer(self) -> bool:
        return self.kind is PrincipalKind.CUSTOMER

    def has_any(self, roles: Iterable[Role]) -> bool:
        return bool(self.roles & frozenset(roles))

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> Principal:
        subject = claims.get("sub")
        if not isinstance(subject, str) or not subject:
            raise Unauthorized("token has no subject")
        groups = claims.get("cognito:groups") or []
        if isinstance(groups, str):
            groups = [groups]
        # Unknown group names are ignored rather than trusted: a typo in the pool must not grant anything.
        roles = frozenset(Role(g) for g in groups if g in Role._value2member_map_)
        organisation = claims.get(ORGANISATION_CLAIM)
        email, name = claims.get("email"), claims.get("name")
        return cls(
            subject=subject,
            email=email if isinstance(email, str) else None,
            roles=roles,
            organisation_id=organisation if isinstance(organisation, str) and organisation else None,
            name=name.strip()[:100] or None if isinstance(name, str) else None,  # shown to customers: bounded
        )


@dataclass(frozen=True)
class Access:
    """Who may call a route: anonymous callers, customers, and which staff roles."""

    anonymous: bool = False
    customers: bool = False
    staff_roles: frozenset[Role] = frozenset()

    @classmethod
    def public(cls) -> Access:
        return cls(anonymous=True, customers=True, staff_roles=STAFF_ROLES)

    @classmethod
    def customer(cls, *staff: Role) -> Access:
        """Customers (scoped to their organisation), plus the given staff roles."""
        return cls(customers=True, staff_roles=_staff(staff))

    @classmethod
    def staff(cls, *roles: Role) -> Access:
        """Staff with any of `roles`; no roles means every staff role."""
        return cls(staff_roles=_staff(roles) if roles else STAFF_ROLES)

    @classmethod
    def signed_in(cls) -> Access:
        return cls(customers=True, staff_roles=STAFF_ROLES)

    def admits(self, principal: Principal | None) -> bool:
        try:
            self.check(principal)
        except (Unauthorized, Forbidden):
            return False
        return True

    def check(self, principal: Principal | None) -> None:
        """Unauthorized for a missing caller the route needs, Forbidden for a caller it does not admit."""
        if self.anonymous:
            return
        if principal is None:
            raise Unauthorized("sign-in required")
        if principal.has_any(self.staff_roles):
            return
        if self.customers and principal.is_customer:
            return
        raise Forbidden("not allowed for this caller")


def _staff(roles: Iterable[Role]) -> frozenset[Role]:
    chosen = frozenset(roles)
    if Role.CUSTOMER in chosen:
        raise ValueError("customers are admitted with Access.customer(), not as a staff role")
    return chosen
