"""Cabinet API: a customer's own organisation's tickets, orders, licenses, invoices and notices.

Scoping lives in CabinetService; a foreign object answers 404 there, exactly like a missing one.
"""

from cabinet_routes import (  # noqa: F401 - imported for the routes they register
    access,
    billing,
    channels,
    customer,
    downloads,
    plans,
    subscriptions,
)
from cabinet_routes.common import app

__all__ = ["app"]
