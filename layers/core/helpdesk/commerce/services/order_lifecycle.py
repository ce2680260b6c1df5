"""Checkout's `LicenseLifecycle` port served by the license lifecycle: each renewable license of a paid order
starts its first period's workflow; a paid renewal extends its license (which starts the next period)."""

from __future__ import annotations

from helpdesk.commerce.model.orders import Order
from helpdesk.kernel.clock import Clock
from helpdesk.kernel.errors import Forbidden, Invalid, NotFound
from helpdesk.licensing.public import CUSTOMER, LicenseLifecycle, LicenseRepository


class OrderLifecycle:
    def __init__(self, lifecycle: LicenseLifecycle, licenses: LicenseRepository, clock: Clock) -> None:
        self._lifecycle, self._licenses, self._clock = lifecycle, licenses, clock

    def start(self, order: Order) -> None:
        renewed = {line.renews for line in order.renewals()}  # renew() started their next period
        for license_id in order.line_license_ids():
            if license_id in renewed:
                continue
            try:
                self._lifecycle.start_period(self._licenses.get(license_id), self._clock.now())
            except NotFound:
                continue  # an upgrade line whose license lives elsewhere
            except Invalid:
                continue  # sold for life: nothing renews

    def renew(self, order: Order) -> None:
        for line in order.renewals():
            assert line.renews is not None and line.renew_until is not None
            try:
                self._lifecycle.renew(line.renews, line.renew_until, order.label, CUSTOMER)
            except (Forbidden, NotFound):
                continue  # revoked or gone since the checkout: the order records the payment for a refund
