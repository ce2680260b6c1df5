"""A subscription's plan: the choices, the prorated quote shown before confirming, and the change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container

from .common import CUSTOMER, app, body, verifier

if TYPE_CHECKING:
    from helpdesk.commerce.views.plan_change import PlanChangeView, PlanOptionsView


@route(app, "/licenses/{license_id}/plan", access=CUSTOMER, verifier=verifier)
def plan_options(caller: Principal, license_id: str) -> PlanOptionsView:
    from helpdesk.commerce.views.plan_change import PlanOptionsView

    return PlanOptionsView.of(*container().plan_changes.options(caller, license_id))


@route(app, "/licenses/{license_id}/plan/quote", access=CUSTOMER, verifier=verifier, methods=["POST"])
def quote_plan_change(caller: Principal, license_id: str) -> PlanChangeView:
    from helpdesk.commerce.views.plan_change import PlanChangeRequest, PlanChangeView

    wanted = PlanChangeRequest.model_validate(body())
    return PlanChangeView.of(container().plan_changes.quote(caller, license_id, wanted.edition, wanted.plan))


@route(app, "/licenses/{license_id}/plan", access=CUSTOMER, verifier=verifier, methods=["POST"])
def change_plan(caller: Principal, license_id: str) -> PlanChangeView:
    """An upgrade answers its payment page (`url`); a downgrade is scheduled for the period's end."""
    from helpdesk.commerce.views.plan_change import PlanChangeRequest, PlanChangeView

    wanted = PlanChangeRequest.model_validate(body())
    back = f"{container().settings.cabinet_url.rstrip('/')}/#/licenses"
    quote, session = container().plan_changes.change(caller, license_id, wanted.edition, wanted.plan, back)
    return PlanChangeView.of(quote, session.url if session else None, session.id if session else None)
