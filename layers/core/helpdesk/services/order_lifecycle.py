"""Checkout's `LicenseLifecycle` port served by the license lifecycle: each renewable license of a paid order
starts its first period's workflow; licenses sold for life have none."""

from __future__ import annotations

from helpdesk.domain.errors import Invalid, NotFound
from helpdesk.domain.orders import Order
from helpdesk.ports import Clock
from helpdesk.services.license_lifecycle import LicenseLifecycle
from helpdesk.services.licensing_ports import LicenseRepository


class OrderLifecycle:
    def __init__(self, lifecycle: LicenseLifecycle, licenses: LicenseRepository, clock: Clock) -> None:
        self._lifecycle, self._licenses, self._clock = lifecycle, licenses, clock

    def start(self, order: Order) -> None:
        for license_id in order.line_license_ids():
            try:
                self._lifecycle.start_period(self._licenses.get(license_id), self._clock.now())
            except NotFound:
                continue  # an upgrade line whose license lives elsewhere
            except Invalid:
                continue  # sold for life: nothing renews
