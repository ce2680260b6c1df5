"""Public API: the storefront's catalogue and checkout, Stripe's webhook, and the modules' licensing calls."""

import base64

from helpdesk.api.access import route
from helpdesk.api.app import new_app
from helpdesk.bootstrap import container
from helpdesk.commerce.views.commerce import (
    CheckoutRequest,
    CheckoutView,
    ProductListView,
    ProductView,
    PublicKeysView,
    buyer,
)
from helpdesk.identity.model import Access
from helpdesk.licensing.views.licensing import LicenseAnswerView, LicenseCheckRequest
from helpdesk.settings import get_settings

app = new_app("helpdesk-public", get_settings().shop_url)
PUBLIC = Access.public()


def verifier():  # type: ignore[no-untyped-def]
    return container().token_verifier


def body():  # type: ignore[no-untyped-def]
    return app.current_request.json_body or {}


def client_address() -> str | None:
    identity = (app.current_request.context or {}).get("identity") or {}
    return identity.get("sourceIp")


@route(app, "/products", access=PUBLIC, verifier=verifier)
def list_products(caller):  # type: ignore[no-untyped-def]
    return ProductListView(items=[ProductView.of(p) for p in container().catalogue.products()])


@route(app, "/products/{slug}", access=PUBLIC, verifier=verifier)
def get_product(caller, slug):  # type: ignore[no-untyped-def]
    return ProductView.of(container().catalogue.product(slug))


@route(app, "/checkout", access=PUBLIC, verifier=verifier, methods=["POST"])
def start_checkout(caller):  # type: ignore[no-untyped-def]
    request = CheckoutRequest.model_validate(body())
    email, organisation = buyer(request, caller and caller.email, caller and caller.organisation_id)
    shop = container().settings.shop_url.rstrip("/")
    session = container().checkout.start_checkout(
        request.cart(),
        email,
        request.name,
        f"{shop}/#/thanks",
        f"{shop}/#/cart",
        organisation,
        request.billing(),
    )
    return CheckoutView(checkout_url=session.url, session_id=session.id)


@route(app, "/webhooks/stripe", access=PUBLIC, verifier=verifier, methods=["POST"])
def stripe_webhook(caller):  # type: ignore[no-untyped-def]
    request = app.current_request
    outcome = container().checkout.handle_webhook(
        request.raw_body, request.headers.get("stripe-signature", "")
    )
    return {"outcome": outcome}


@route(app, "/licenses/validate", access=PUBLIC, verifier=verifier, methods=["POST"])
def validate_license(caller):  # type: ignore[no-untyped-def]
    return license_call("license_validate", container().licensing.validate)


@route(app, "/licenses/activate", access=PUBLIC, verifier=verifier, methods=["POST"])
def activate_license(caller):  # type: ignore[no-untyped-def]
    return license_call("license_activate", container().licensing.activate)


def license_call(action, call):  # type: ignore[no-untyped-def]
    """Parse, count against the key's (and the address's) rate limit, answer signed."""
    request = LicenseCheckRequest.model_validate(body())
    container().license_rate_limiter.check(action, request.key, client_address())
    return LicenseAnswerView.of(call(request.key, request.product, request.domain, request.nonce))


@route(app, "/licenses/pubkey", access=PUBLIC, verifier=verifier)
def public_keys(caller):  # type: ignore[no-untyped-def]
    licensing = container().licensing
    keys = {key_id: base64.b64encode(raw).decode() for key_id, raw in licensing.public_keys().items()}
    return PublicKeysView(current=licensing.current_key_id, keys=keys)
