from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from helpdesk.kernel.errors import Invalid
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.model.license import ActivationLimitReached, EditionUpgradeInvalid, Money
from helpdesk.licensing.model.verify import VerificationError, verify_key, verify_response
from helpdesk.licensing.services.admin import LicenseAdminService
from helpdesk.licensing.services.licensing import LicensingService

from tests.fakes.licensing.memory_licenses import InMemoryLicenseRepository
from tests.support.licenses import NOW, make_license

pytestmark = pytest.mark.unit


@dataclass
class FrozenClock:
    at: datetime = NOW

    def now(self) -> datetime:
        return self.at


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def service(signer: Ed25519Signer, clock: FrozenClock) -> LicensingService:
    return LicensingService(InMemoryLicenseRepository(), signer, clock)


@pytest.fixture
def admin(service: LicensingService, clock: FrozenClock) -> LicenseAdminService:
    return LicenseAdminService(service._repo, service, clock)


def test_valid_key_gets_a_signed_fresh_answer_with_our_nonce(service: LicensingService) -> None:
    key = service.issue(make_license())
    answer = service.validate(key, "seo-pro", "https://www.shop.example/", nonce="n-1")
    assert (answer.result, answer.reason, answer.state, answer.domain) == (
        "valid",
        "",
        "active",
        "shop.example",
    )
    claims = verify_response(answer.token, service.public_keys(), nonce="n-1", now=NOW.timestamp())
    assert (claims.result, claims.license_id, claims.domain) == ("valid", "lic-1", "shop.example")


def test_issue_is_idempotent_and_keys_are_reproducible(service: LicensingService) -> None:
    assert service.issue(make_license()) == service.issue(make_license(edition="other"))


@pytest.mark.parametrize(
    ("product", "domain", "reason"),
    [
        ("other", "shop.example", "wrong_product"),
        ("seo-pro", "evil.example", "wrong_domain"),
    ],
)
def test_mismatches_get_a_signed_refusal(
    service: LicensingService, product: str, domain: str, reason: str
) -> None:
    answer = service.validate(service.issue(make_license()), product, domain, nonce="n")
    assert (answer.result, answer.reason) == ("invalid", reason)
    assert verify_response(answer.token, service.public_keys(), now=NOW.timestamp()).reason == reason


def test_garbage_and_foreign_keys_are_refused(service: LicensingService) -> None:
    other = LicensingService(InMemoryLicenseRepository(), Ed25519Signer.generate(), FrozenClock())
    for key in ["", "HDL1.AAAA", other.issue(make_license())]:
        assert service.validate(key, "seo-pro", "shop.example").reason == "key_invalid"


def test_unknown_license_with_a_good_signature_is_refused(service: LicensingService) -> None:
    assert (
        service.validate(service.key_for(make_license()), "seo-pro", "shop.example").reason
        == "unknown_license"
    )


def test_time_and_staff_states_reach_the_answer(
    service: LicensingService, admin: LicenseAdminService, clock: FrozenClock
) -> None:
    key = service.issue(make_license(expires=NOW + timedelta(days=10)))
    expiring = service.validate(key, "seo-pro", "shop.example")
    assert (expiring.state, expiring.valid) == ("expiring", True)
    clock.at = NOW + timedelta(days=12)
    assert service.validate(key, "seo-pro", "shop.example").state == "grace"
    clock.at = NOW + timedelta(days=30)
    assert service.validate(key, "seo-pro", "shop.example").reason == "expired"
    clock.at = NOW
    admin.suspend("lic-1", "chargeback")
    assert service.validate(key, "seo-pro", "shop.example").reason == "suspended"
    admin.resume("lic-1")
    assert service.validate(key, "seo-pro", "shop.example").valid
    admin.revoke("lic-1", "refund")
    assert service.validate(key, "seo-pro", "shop.example").reason == "revoked"


def test_refund_revokes_every_license_of_the_order(
    service: LicensingService, admin: LicenseAdminService
) -> None:
    keys = [service.issue(make_license(id=f"lic-{n}", order_id="ord-1")) for n in (1, 2)]
    kept = service.issue(make_license(id="lic-3", order_id="ord-2"))
    assert [lic.id for lic in admin.revoke_order("ord-1", "refund")] == ["lic-1", "lic-2"]
    assert [service.validate(k, "seo-pro", "shop.example").reason for k in keys] == ["revoked", "revoked"]
    assert service.validate(kept, "seo-pro", "shop.example").valid
    assert admin.revoke_order("ord-1", "refund again")[0].reason == "refund"


def test_domain_transfer_supersedes_the_old_key(
    service: LicensingService, admin: LicenseAdminService
) -> None:
    old_key = service.issue(make_license())
    _, new_key = admin.transfer_domain("lic-1", "shop.example", "new.example")
    assert service.validate(old_key, "seo-pro", "shop.example").reason == "key_superseded"
    assert service.validate(new_key, "seo-pro", "new.example").valid
    assert verify_key(new_key, service.public_keys(), domain="new.example").serial == 2
    with pytest.raises(VerificationError):
        verify_key(new_key, service.public_keys(), domain="shop.example")


def test_upgrade_quotes_the_difference_and_applies_once(
    service: LicensingService, admin: LicenseAdminService
) -> None:
    service.issue(make_license())
    prices = {"standard": Money(4900, "EUR"), "pro": Money(12900, "EUR")}
    assert admin.quote_upgrade("lic-1", "pro", prices) == Money(8000, "EUR")
    with pytest.raises(EditionUpgradeInvalid):
        admin.quote_upgrade("lic-1", "enterprise", prices)
    first, key = admin.upgrade_edition("lic-1", "pro")
    again, same_key = admin.upgrade_edition("lic-1", "pro")
    assert (first.edition, first.serial, again.serial, key) == ("pro", 2, 2, same_key)


def test_activation_takes_slots_up_to_the_limit(service: LicensingService) -> None:
    key = service.issue(make_license(max_activations=2))
    assert service.activate(key, "seo-pro", "a.shop.example").valid
    assert service.activate(key, "seo-pro", "a.shop.example").valid
    assert service.activate(key, "seo-pro", "b.shop.example").valid
    with pytest.raises(ActivationLimitReached):
        service.activate(key, "seo-pro", "c.shop.example")
    assert service.deactivate(key, "seo-pro", "a.shop.example")
    assert service.activate(key, "seo-pro", "c.shop.example").valid


def test_refused_key_takes_no_slot(service: LicensingService) -> None:
    key = service.issue(make_license(max_activations=1))
    assert service.activate(key, "seo-pro", "evil.example").reason == "wrong_domain"
    assert service.activate(key, "seo-pro", "shop.example").valid


def test_nonce_is_bounded_and_generated_when_missing(service: LicensingService) -> None:
    key = service.issue(make_license())
    with pytest.raises(Invalid):
        service.validate(key, "seo-pro", "shop.example", nonce="x" * 65)
    with pytest.raises(Invalid):
        service.activate(key, "seo-pro", "shop.example", nonce="")
    assert service._repo.activations("lic-1") == []  # refused before any slot was taken
    first, second = (service.validate(key, "seo-pro", "shop.example") for _ in range(2))
    assert first.nonce and first.nonce != second.nonce


@pytest.mark.parametrize("domain", ["", "shop.example:443@evil.example", "host#.shop.example", "127.0.0.1"])
def test_a_malformed_domain_in_a_validation_request_is_refused_as_invalid(
    service: LicensingService, domain: str
) -> None:
    key = service.issue(make_license())
    for check in (service.validate, service.activate, service.deactivate):
        with pytest.raises(Invalid, match="domain|host"):
            check(key, "seo-pro", domain)
