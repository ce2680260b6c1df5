from __future__ import annotations

import pytest
from helpdesk.kernel.errors import Forbidden
from helpdesk.licensing.adapters.ed25519_signer import Ed25519Signer
from helpdesk.licensing.model.verify import verify_key
from helpdesk.licensing.services.licensing import LicensingService
from helpdesk.licensing.services.queries import LicenseQueries

from tests.fakes.licensing.memory_licenses import InMemoryLicenseRepository
from tests.support.licenses import NOW, make_license

from .test_licensing_service import FrozenClock

pytestmark = pytest.mark.unit


@pytest.fixture
def parts(signer: Ed25519Signer) -> tuple[LicensingService, LicenseQueries]:
    repo = InMemoryLicenseRepository()
    service = LicensingService(repo, signer, FrozenClock())
    return service, LicenseQueries(repo, service, FrozenClock())


def test_cabinet_lists_own_licenses_with_state_activations_and_a_working_key(parts: tuple) -> None:
    service, queries = parts
    key = service.issue(make_license(id="lic-1", order_id="ord-1"))
    service.issue(make_license(id="lic-2", customer_id="cus-2"))
    service.activate(key, "seo-pro", "staging.shop.example")
    [view] = queries.for_customer("cus-1")
    assert (view.id, view.state, view.activations, view.order_id) == (
        "lic-1",
        "active",
        ["staging.shop.example"],
        "ord-1",
    )
    assert verify_key(view.key, service.public_keys(), domain="shop.example").license_id == "lic-1"
    assert [v.id for v in queries.for_order("ord-1")] == ["lic-1"]
    assert queries.detail("lic-2").customer_id == "cus-2"


def test_a_customer_cannot_open_someone_elses_license(parts: tuple) -> None:
    service, queries = parts
    service.issue(make_license(id="lic-2", customer_id="cus-2"))
    assert queries.owned("lic-2", "cus-2").id == "lic-2"
    with pytest.raises(Forbidden):
        queries.owned("lic-2", "cus-1")


def test_revoked_license_shows_as_revoked(parts: tuple) -> None:
    service, queries = parts
    service.issue(make_license())
    service._repo.save(service._repo.get("lic-1").revoke("refund", NOW))
    assert queries.detail("lic-1").state == "revoked"
