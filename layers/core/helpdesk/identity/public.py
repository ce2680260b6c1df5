"""What other contexts may use of identity: they import it from here, never from its inner modules."""

from __future__ import annotations

from helpdesk.identity.model import Principal
from helpdesk.identity.services.access import ensure_can_see, organisation_scope

__all__ = [
    "Principal",
    "ensure_can_see",
    "organisation_scope",
]
