from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.errors import Conflict
from helpdesk.licensing.model.domains import ShopDomainInvalid
from helpdesk.licensing.model.license import (
    DomainNotLicensed,
    EditionUpgradeInvalid,
    LicenseRevoked,
    LicenseState,
    Money,
    upgrade_price,
)

from tests.support.licenses import NOW, make_license

pytestmark = pytest.mark.unit
EXPIRES = datetime(2027, 11, 25, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (NOW, LicenseState.ACTIVE),
        (EXPIRES - timedelta(days=10), LicenseState.EXPIRING),
        (EXPIRES + timedelta(days=3), LicenseState.GRACE),
        (EXPIRES + timedelta(days=15), LicenseState.EXPIRED),
    ],
)
def test_state_follows_the_clock(now: datetime, state: LicenseState) -> None:
    assert make_license(expires=EXPIRES).state_at(now) is state


def test_lifetime_license_stays_active() -> None:
    assert make_license(expires=None).state_at(NOW + timedelta(days=3650)) is LicenseState.ACTIVE


def test_revoked_beats_suspended_beats_time() -> None:
    license = make_license().suspend("chargeback review", NOW)
    assert license.state_at(NOW) is LicenseState.SUSPENDED
    assert license.resume(NOW).state_at(NOW) is LicenseState.ACTIVE
    assert license.revoke("refund", NOW).state_at(NOW) is LicenseState.REVOKED


def test_revoke_is_idempotent_and_final() -> None:
    revoked = make_license().revoke("refund", NOW)
    assert revoked.revoke("refund again", NOW + timedelta(hours=1)) == revoked
    with pytest.raises(LicenseRevoked):
        revoked.transfer_domain("shop.example", "new.example", NOW)
    with pytest.raises(LicenseRevoked):
        revoked.upgrade_edition("pro", NOW)


def test_domain_transfer_rebinds_and_supersedes_the_key() -> None:
    moved = make_license(domains=("a.example", "shop.example")).transfer_domain(
        "www.shop.example", "New.Example", NOW
    )
    assert moved.domains == ("a.example", "new.example")
    assert moved.serial == 2 and moved.covers("new.example") and not moved.covers("shop.example")


def test_domain_transfer_refuses_unknown_source_and_duplicate_target() -> None:
    with pytest.raises(DomainNotLicensed):
        make_license().transfer_domain("other.example", "new.example", NOW)
    with pytest.raises(Conflict):
        make_license(domains=("a.example", "shop.example")).transfer_domain("a.example", "shop.example", NOW)


def test_edition_upgrade_changes_edition_and_serial() -> None:
    upgraded = make_license().upgrade_edition("pro", NOW)
    assert (upgraded.edition, upgraded.serial) == ("pro", 2)
    with pytest.raises(EditionUpgradeInvalid):
        upgraded.upgrade_edition("pro", NOW)


def test_upgrade_never_lowers_the_activation_limit() -> None:
    assert (
        make_license(max_activations=5).upgrade_edition("pro", NOW, max_activations=10).max_activations == 10
    )
    assert make_license(max_activations=5).upgrade_edition("pro", NOW, max_activations=3).max_activations == 5


def test_upgrade_costs_the_price_difference() -> None:
    assert upgrade_price(Money(4900, "EUR"), Money(9900, "EUR")) == Money(5000, "EUR")
    with pytest.raises(EditionUpgradeInvalid):
        upgrade_price(Money(9900, "EUR"), Money(4900, "EUR"))
    with pytest.raises(EditionUpgradeInvalid):
        upgrade_price(Money(4900, "EUR"), Money(9900, "USD"))


@pytest.mark.parametrize("bad", ["", "  ", "a b.example", "a,b.example"])
def test_bad_domains_are_refused(bad: str) -> None:
    with pytest.raises(ShopDomainInvalid):
        make_license().transfer_domain("shop.example", bad, NOW)


def test_a_paid_plan_change_applies_now_and_a_scheduled_one_with_the_renewal() -> None:
    from helpdesk.licensing.model.license import PlanChoice

    lic = make_license(plan="monthly", expires=NOW + timedelta(days=20))
    yearly = lic.change_plan(PlanChoice("standard", "yearly", 5), NOW + timedelta(days=365), NOW)
    assert (yearly.plan, yearly.expires, yearly.serial) == ("yearly", NOW + timedelta(days=365), lic.serial)
    pro = lic.change_plan(PlanChoice("pro", "monthly", 10), lic.expires, NOW)  # type: ignore[arg-type]
    assert (pro.edition, pro.max_activations, pro.serial) == ("pro", 10, lic.serial + 1)  # a new key

    waiting = yearly.schedule_change(PlanChoice("basic", "monthly", 1), NOW)
    assert waiting.plan == "yearly" and waiting.next_period_choice == PlanChoice("basic", "monthly", 1)
    end = NOW + timedelta(days=396)
    renewed = waiting.renew(end, end, NOW + timedelta(days=365), "paid by the saved card")
    assert (renewed.edition, renewed.plan, renewed.max_activations, renewed.scheduled_change) == (
        "basic", "monthly", 1, None)  # fmt: skip
    again = renewed.renew(end + timedelta(days=31), end, NOW, "paid")
    assert (again.edition, again.serial) == ("basic", renewed.serial)  # applied once
