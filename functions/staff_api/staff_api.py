"""Staff API: the console's backend. Each route declares who may call it, parses, calls one service, returns
a view. The routes live in `staff_routes`, one module per business context; importing them registers them."""

from staff_routes import (  # noqa: F401 - imported for the routes they register
    admin,
    catalogue,
    console,
    customers,
    desk,
    licenses,
    operations,
    releases,
    reports,
    search,
    sla,
    tasks,
)
from staff_routes.common import app

__all__ = ["app"]
