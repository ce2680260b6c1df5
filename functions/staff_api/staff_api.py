"""Staff API: the console's backend. Each route declares who may call it, parses, calls one service, returns
a view. The routes live in `staff_routes`, one module per business context; importing them registers them."""

from staff_routes import (  # noqa: F401 - imported for the routes they register
    access,
    admin,
    billing,
    catalogue,
    channels,
    console,
    customers,
    desk,
    integrations,
    licenses,
    operations,
    releases,
    reports,
    search,
    sla,
    tasks,
    webhooks,
)
from staff_routes.common import app

__all__ = ["app"]
