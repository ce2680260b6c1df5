"""The console's own routes: health, who am I, which sections I may open."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpdesk.api.access import Access, Principal, allowed_sections, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.operations.views.api import HealthView


from .common import app, verifier


@route(app, "/health", access=Access.public(), verifier=verifier)
def health(caller: Principal | None) -> HealthView:
    return container().operations.health()


# The console's sections, in the order of its top bar, each with the route its page cannot work without.
CONSOLE_SECTIONS = {
    "inbox": ("GET", "/tickets"),
    "search": ("GET", "/search"),
    "projects": ("GET", "/projects"),
    "licenses": ("GET", "/licenses"),
    "catalogue": ("GET", "/products"),
    "ops": ("GET", "/ops/pages"),
    "reports": ("GET", "/reports/{kind}"),
    "billing": ("GET", "/receivables"),
    "admin": ("GET", "/admin/staff"),
}


@route(app, "/me", access=Access.staff(), verifier=verifier)
def me(caller: Principal) -> dict[str, Any]:
    sections = allowed_sections(app, caller, CONSOLE_SECTIONS)
    roles = sorted(r.value for r in caller.roles)
    return {"email": caller.email, "name": caller.name, "roles": roles, "sections": sections}
