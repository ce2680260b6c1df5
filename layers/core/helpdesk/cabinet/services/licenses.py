"""The cabinet's licenses with their renewal: the date, the days left, and whether to offer "Renew"."""

from __future__ import annotations

from datetime import datetime

from helpdesk.cabinet.views import CabinetLicenseView
from helpdesk.kernel.calendar import days_until
from helpdesk.licensing.public import LicenseState, RenewalStore
from helpdesk.licensing.views.licensing import LicenseView

RENEWABLE = {LicenseState.EXPIRING.value, LicenseState.GRACE.value}


def with_renewals(
    views: list[LicenseView], renewals: RenewalStore, now: datetime
) -> list[CabinetLicenseView]:
    """Each license with its current period; soonest to renew first, lifetime licenses last."""
    shown = []
    for view in views:
        renewal = renewals.get(view.id) if view.expires is not None else None
        days_left = None if view.expires is None else days_until(view.expires, now)
        shown.append(
            CabinetLicenseView(
                **view.model_dump(),
                renews_on=view.expires,
                grace_until=renewal.grace_until if renewal else None,
                days_left=days_left,
                automatic=bool(renewal and renewal.subscription) and not view.renewal_cancelled,
                renewable=view.state in RENEWABLE,
            )
        )
    return sorted(shown, key=lambda v: (v.days_left is None, v.days_left or 0, v.product))
