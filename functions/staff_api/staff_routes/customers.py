"""Customer and organisation pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.cabinet.views import CustomerPageView, OrganisationPageView


from .common import SUPPORT, app, verifier


@route(app, "/customers/{customer_id}", access=SUPPORT, verifier=verifier)
def customer_page(caller: Principal, customer_id: str) -> CustomerPageView:
    return container().customer_pages.customer(customer_id)


@route(app, "/organisations/{organisation_id}", access=SUPPORT, verifier=verifier)
def organisation_page(caller: Principal, organisation_id: str) -> OrganisationPageView:
    return container().customer_pages.organisation(organisation_id)
