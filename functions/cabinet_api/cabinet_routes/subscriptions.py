"""A customer's subscriptions: the card their renewals are charged to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container

from .common import CUSTOMER, app, verifier

if TYPE_CHECKING:
    from helpdesk.cabinet.views import RenewalSessionView
    from helpdesk.commerce.views.self_service import SavedCardView


@route(app, "/subscriptions/card", access=CUSTOMER, verifier=verifier)
def saved_card(caller: Principal) -> SavedCardView:
    from helpdesk.commerce.views.self_service import SavedCardView

    return SavedCardView(card=container().cabinet_renewals.saved_card(caller))


@route(app, "/subscriptions/card", access=CUSTOMER, verifier=verifier, methods=["POST"])
def replace_card(caller: Principal) -> RenewalSessionView:
    """The payment page in setup mode: it saves a new card and charges nothing."""
    from helpdesk.cabinet.views import RenewalSessionView

    back = f"{container().settings.cabinet_url.rstrip('/')}/#/licenses?card=saved"
    session = container().cabinet_renewals.replace_card(caller, back)
    return RenewalSessionView(url=session.url, session_id=session.id)
