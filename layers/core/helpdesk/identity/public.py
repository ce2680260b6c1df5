"""What other contexts may use of identity: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.identity.model import Access, Principal, Role, StaffMember
from helpdesk.identity.ports import StaffDirectory
from helpdesk.identity.services.access import authorize, ensure_can_see, organisation_scope
from helpdesk.identity.services.staff import NotStaff, StaffRoster
from helpdesk.identity.services.tokens import TokenUse, TokenVerifier

__all__ = [
    "Access",
    "NotStaff",
    "StaffDirectory",
    "StaffMember",
    "StaffRoster",
    "Role",
    "TokenUse",
    "TokenVerifier",
    "authorize",
    "Principal",
    "ensure_can_see",
    "organisation_scope",
]
