"""A customer's subscriptions: the card their renewals are charged to."""

from helpdesk.api.access import Principal, route
from helpdesk.bootstrap import container
from helpdesk.cabinet.views import RenewalSessionView
from helpdesk.commerce.views.self_service import SavedCardView

from .common import CUSTOMER, app, verifier


@route(app, "/subscriptions/card", access=CUSTOMER, verifier=verifier)
def saved_card(caller: Principal) -> SavedCardView:
    return SavedCardView(card=container().cabinet_renewals.saved_card(caller))


@route(app, "/subscriptions/card", access=CUSTOMER, verifier=verifier, methods=["POST"])
def replace_card(caller: Principal) -> RenewalSessionView:
    """The payment page in setup mode: it saves a new card and charges nothing."""
    back = f"{container().settings.cabinet_url.rstrip('/')}/#/licenses?card=saved"
    session = container().cabinet_renewals.replace_card(caller, back)
    return RenewalSessionView(url=session.url, session_id=session.id)
