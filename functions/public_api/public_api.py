"""Public API: the storefront's catalogue and checkout, Stripe's webhook, and the modules' licensing calls."""

from public_routes import (  # noqa: F401 - imported for the routes they register
    access,
    channels,
    integrations,
    storefront,
    updates,
)
from public_routes.common import app

__all__ = ["app"]
