"""What other contexts may use of identity: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.identity.model import TICKET_ROLES, Access, Principal, Role, StaffAccountExists, StaffMember
from helpdesk.identity.ports import StaffAccounts, StaffDirectory
from helpdesk.identity.services.access import authorize, ensure_can_see, organisation_scope
from helpdesk.identity.services.staff import NotStaff, StaffRoster
from helpdesk.identity.services.staff_admin import StaffAdmin
from helpdesk.identity.services.tokens import TokenUse, TokenVerifier

__all__ = [
    "Access",
    "NotStaff",
    "StaffAccountExists",
    "StaffAccounts",
    "StaffAdmin",
    "StaffDirectory",
    "StaffMember",
    "StaffRoster",
    "Role",
    "TICKET_ROLES",
    "TokenUse",
    "TokenVerifier",
    "authorize",
    "Principal",
    "ensure_can_see",
    "organisation_scope",
]
