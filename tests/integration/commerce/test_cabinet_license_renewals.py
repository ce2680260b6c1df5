"""The cabinet's licenses carry their renewal: the date, the days left, grace, and when to offer "Renew"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.bootstrap import container
from helpdesk.kernel.clock import FixedClock

from .conftest import cabinet
from .test_staff_license_routes import buy

pytestmark = pytest.mark.integration


def test_a_license_offers_renewal_only_when_expiring_or_in_grace(shop) -> None:  # type: ignore[no-untyped-def]
    clock = container().clock = FixedClock(datetime.now(UTC))  # before any service is built with the real one
    yearly = buy("alice", "seo-pro", "standard", "yearly", "shop.acme.example")
    lifetime = buy("alice", "backup", "basic", "lifetime", "backup.acme.example")
    expires = container().license_queries.detail(yearly).expires
    assert expires is not None

    def mine() -> dict[str, dict[str, object]]:
        return {lic["id"]: lic for lic in cabinet("GET", "/licenses", token="alice").body["items"]}

    now = mine()
    assert list(now) == [yearly, lifetime]  # soonest to renew first, lifetime last
    assert now[yearly]["days_left"] in (365, 366) and now[yearly]["renewable"] is False
    assert now[yearly]["renews_on"] == now[yearly]["expires"] and now[yearly]["grace_until"]
    assert (now[lifetime]["renews_on"], now[lifetime]["days_left"], now[lifetime]["renewable"]) == (
        None,
        None,
        False,
    )

    clock.current = expires - timedelta(days=10)  # days are calendar days: the same time of day keeps it 10
    soon = mine()[yearly]
    assert (soon["state"], soon["days_left"], soon["renewable"]) == ("expiring", 10, True)

    clock.current = expires + timedelta(days=2)
    late = mine()[yearly]
    assert (late["state"], late["days_left"], late["renewable"]) == ("grace", 0, True)
    assert cabinet("GET", "/licenses", token="bob").body["items"] == []
