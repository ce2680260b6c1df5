"""The storefront's catalogue and checkout, Stripe's webhook, and the modules' licensing calls."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from helpdesk.api.access import Principal, route
from helpdesk.api.app import header, raw_body
from helpdesk.bootstrap import container

if TYPE_CHECKING:
    from helpdesk.commerce.views.commerce import (
        CheckoutView,
        ProductListView,
        ProductView,
        PublicKeysView,
    )
    from helpdesk.licensing.views.licensing import LicenseAnswerView, LicenseCheckRequest


from .common import PUBLIC, app, body, client_address, verifier


@route(app, "/products", access=PUBLIC, verifier=verifier)
def list_products(caller: Principal | None) -> ProductListView:
    from helpdesk.commerce.views.commerce import ProductListView, ProductView

    return ProductListView(items=[ProductView.of(p) for p in container().catalogue.products()])


@route(app, "/products/{slug}", access=PUBLIC, verifier=verifier)
def get_product(caller: Principal | None, slug: str) -> ProductView:
    from helpdesk.commerce.views.commerce import ProductView

    return ProductView.of(container().catalogue.on_sale(slug))


@route(app, "/checkout", access=PUBLIC, verifier=verifier, methods=["POST"])
def start_checkout(caller: Principal | None) -> CheckoutView:
    from helpdesk.commerce.views.commerce import CheckoutRequest, CheckoutView, buyer

    request = CheckoutRequest.model_validate(body())
    email, organisation = buyer(
        request, caller.email if caller else None, caller.organisation_id if caller else None
    )
    shop = container().settings.shop_url.rstrip("/")
    session = container().checkout.start_checkout(
        request.cart(),
        email,
        request.name,
        f"{shop}/#/thanks",
        f"{shop}/#/cart",
        organisation,
        request.billing(),
        caller,
    )
    return CheckoutView(checkout_url=session.url, session_id=session.id)


@route(app, "/webhooks/stripe", access=PUBLIC, verifier=verifier, methods=["POST"])
def stripe_webhook(caller: Principal | None) -> dict[str, str]:
    outcome = container().checkout.handle_webhook(raw_body(app), header(app, "stripe-signature") or "")
    return {"outcome": outcome}


@route(app, "/webhooks/jira", access=PUBLIC, verifier=verifier, methods=["POST"])
def jira_webhook(caller: Principal | None) -> dict[str, bool]:
    """Signed by Jira (X-Hub-Signature); a replayed delivery id changes nothing and says so."""
    delivery = header(app, "x-atlassian-webhook-identifier")
    applied = container().jira_webhooks.receive(raw_body(app), header(app, "x-hub-signature"), delivery)
    return {"applied": applied}


@route(app, "/licenses/validate", access=PUBLIC, verifier=verifier, methods=["POST"])
def validate_license(caller: Principal | None) -> LicenseAnswerView:
    from helpdesk.licensing.views.licensing import LicenseAnswerView

    request = rate_limited("license_validate")
    return LicenseAnswerView.of(
        container().licensing.validate(request.key, request.product, request.domain, request.nonce)
    )


@route(app, "/licenses/activate", access=PUBLIC, verifier=verifier, methods=["POST"])
def activate_license(caller: Principal | None) -> LicenseAnswerView:
    from helpdesk.licensing.views.licensing import LicenseAnswerView

    request = rate_limited("license_activate")
    return LicenseAnswerView.of(
        container().licensing.activate(request.key, request.product, request.domain, request.nonce)
    )


def rate_limited(action: str) -> LicenseCheckRequest:
    """Parse, and count against the key's (and the address's) rate limit before the call is answered."""
    from helpdesk.licensing.views.licensing import LicenseCheckRequest

    request = LicenseCheckRequest.model_validate(body())
    container().license_rate_limiter.check(action, request.key, client_address())
    return request


@route(app, "/licenses/pubkey", access=PUBLIC, verifier=verifier)
def public_keys(caller: Principal | None) -> PublicKeysView:
    from helpdesk.commerce.views.commerce import PublicKeysView

    licensing = container().licensing
    keys = {key_id: base64.b64encode(raw).decode() for key_id, raw in licensing.public_keys().items()}
    return PublicKeysView(current=licensing.current_key_id, keys=keys)
