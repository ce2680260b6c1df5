"""Access control the API wrapper and the services share: route checks and customer scoping."""

from __future__ import annotations

from helpdesk.identity.model import STAFF_ROLES, Access, Principal
from helpdesk.kernel.errors import Forbidden, NotFound

# Staff see every organisation's objects; what each staff role may do is limited by its routes' Access.
ALL_ORGANISATIONS_ROLES = STAFF_ROLES


def authorize(access: Access, principal: Principal | None) -> Principal | None:
    """Called by the API wrapper before a route runs; returns the principal the route may use."""
    access.check(principal)
    return principal


def ensure_can_see(principal: Principal | None, organisation_id: str | None) -> None:
    """Refuse a foreign object as NotFound so a customer cannot learn that it exists."""
    if principal is None:
        raise NotFound("not found")
    if principal.has_any(ALL_ORGANISATIONS_ROLES):
        return
    if principal.is_customer and principal.organisation_id and principal.organisation_id == organisation_id:
        return
    raise NotFound("not found")


def organisation_scope(principal: Principal, requested: str | None = None) -> str | None:
    """The organisation a listing or a new object belongs to.

    Customers always get their own organisation, whatever the request names (no mass assignment);
    staff may name one or get None (all organisations).
    """
    if principal.has_any(ALL_ORGANISATIONS_ROLES):
        return requested
    if principal.is_customer and principal.organisation_id:
        return principal.organisation_id
    raise Forbidden("caller belongs to no organisation")
