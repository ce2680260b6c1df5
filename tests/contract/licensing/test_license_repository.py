"""One contract for the license repository, run against the in-memory fake and PynamoDB under moto."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.errors import Conflict
from helpdesk.licensing.adapters.dynamo_licenses import DynamoLicenseRepository
from helpdesk.licensing.model.history import LicenseEvent
from helpdesk.licensing.model.license import ActivationLimitReached, License, LicenseNotFound
from helpdesk.licensing.ports import LicenseRepository
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table, serialised_moto
from tests.fakes.licensing.memory_licenses import InMemoryLicenseRepository

pytestmark = pytest.mark.contract
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def repo(request: pytest.FixtureRequest) -> Iterator[LicenseRepository]:
    if request.param == "memory":
        yield InMemoryLicenseRepository()
        return
    with mock_aws(), serialised_moto():
        create_helpdesk_table()
        yield DynamoLicenseRepository("helpdesk", "eu-central-1")


def lic(n: int = 1, **changes: object) -> License:
    values: dict[str, object] = dict(
        id=f"lic-{n}",
        product="seo-pro",
        edition="standard",
        customer_id="cus-1",
        domains=("shop.example",),
        issued=NOW + timedelta(minutes=n),
        expires=NOW + timedelta(days=365),
        updates_until=None,
        max_activations=5,
        organisation_id="org-1",
        order_id="ord-1",
    )
    values.update(changes)
    return License(**values)  # type: ignore[arg-type]


def test_added_license_reads_back_equal_at_version_one(repo: LicenseRepository) -> None:
    event = LicenseEvent(NOW, "suspend", "Anna Petrova", "unpaid: «счёт» 7", "")
    original = lic(domains=("a.example", "b.example"), history=(event,), expires=None)
    assert repo.add(original)
    assert repo.get("lic-1") == replace(original, version=1)


def test_a_scheduled_plan_change_reads_back_and_clears(repo: LicenseRepository) -> None:
    from helpdesk.licensing.model.license import PlanChoice

    repo.add(lic(plan="yearly"))
    waiting = repo.save(repo.get("lic-1").schedule_change(PlanChoice("basic", "monthly", 1), NOW))
    assert repo.get("lic-1").scheduled_change == PlanChoice("basic", "monthly", 1) == waiting.scheduled_change
    cleared = repo.save(replace(repo.get("lic-1"), scheduled_change=None))
    assert repo.get("lic-1").scheduled_change is None and cleared.version == 3


def test_adding_the_same_id_twice_keeps_the_first(repo: LicenseRepository) -> None:
    assert repo.add(lic(edition="standard"))
    assert not repo.add(lic(edition="pro"))
    assert repo.get("lic-1").edition == "standard"


def test_missing_license_is_not_found(repo: LicenseRepository) -> None:
    with pytest.raises(LicenseNotFound):
        repo.get("nope")
    with pytest.raises(LicenseNotFound):
        repo.activate("nope", "shop.example", NOW, 5)


def test_save_is_optimistic(repo: LicenseRepository) -> None:
    repo.add(lic())
    first, second = repo.get("lic-1"), repo.get("lic-1")
    saved = repo.save(first.revoke("refund", NOW))
    assert saved.version == 2 and repo.get("lic-1") == saved
    with pytest.raises(Conflict):
        repo.save(second.suspend("late", NOW))


def test_lists_by_customer_organisation_and_order(repo: LicenseRepository) -> None:
    repo.add(lic(2))
    repo.add(lic(1))
    repo.add(lic(3, customer_id="cus-2", organisation_id=None, order_id="ord-2"))
    assert [x.id for x in repo.list_for_customer("cus-1")] == ["lic-1", "lic-2"]
    assert [x.id for x in repo.list_for_organisation("org-1")] == ["lic-1", "lic-2"]
    assert [x.id for x in repo.list_for_order("ord-2")] == ["lic-3"]
    assert repo.list_for_customer("cus-9") == []


def test_activation_is_idempotent_per_host_and_limited(repo: LicenseRepository) -> None:
    repo.add(lic())
    first = repo.activate("lic-1", "a.shop.example", NOW, 2)
    again = repo.activate("lic-1", "a.shop.example", NOW + timedelta(hours=1), 2)
    assert again == first
    repo.activate("lic-1", "b.shop.example", NOW, 2)
    with pytest.raises(ActivationLimitReached):
        repo.activate("lic-1", "c.shop.example", NOW, 2)
    assert repo.activate("lic-1", "b.shop.example", NOW, 2).host == "b.shop.example"
    assert [a.host for a in repo.activations("lic-1")] == ["a.shop.example", "b.shop.example"]


def test_deactivation_frees_a_slot(repo: LicenseRepository) -> None:
    repo.add(lic())
    repo.activate("lic-1", "a.shop.example", NOW, 1)
    assert repo.deactivate("lic-1", "a.shop.example")
    assert not repo.deactivate("lic-1", "a.shop.example")
    assert repo.activate("lic-1", "b.shop.example", NOW, 1).host == "b.shop.example"


def test_fifty_parallel_activations_against_five_slots_give_exactly_five(repo: LicenseRepository) -> None:
    repo.add(lic())

    def attempt(n: int) -> bool:
        try:
            repo.activate("lic-1", f"s{n}.shop.example", NOW, 5)
            return True
        except ActivationLimitReached:
            return False

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(attempt, range(50)))
    assert results.count(True) == 5
    assert len(repo.activations("lic-1")) == 5


def _scan_all(repo: LicenseRepository, start: str | None, size: int) -> list[str]:
    seen: list[str] = []
    for _ in range(100):
        step = repo.scan(start, size)
        assert len(step.found) <= size
        seen += [found.id for found, _ in step.found]
        if step.end is None:
            return seen
        start = step.end
    raise AssertionError("the scan never ended")


def test_a_scan_in_small_steps_visits_every_license_once_and_nothing_else(repo: LicenseRepository) -> None:
    for n in range(1, 8):
        repo.add(lic(n))
    repo.activate("lic-3", "a.shop.example", NOW, 5)  # activation and slot items sit in the same partition
    repo.activate("lic-3", "b.shop.example", NOW, 5)
    seen = _scan_all(repo, None, 2)
    assert sorted(seen) == [f"lic-{n}" for n in range(1, 8)]


def test_a_scan_resumes_right_after_a_license_it_found(repo: LicenseRepository) -> None:
    for n in range(1, 6):
        repo.add(lic(n))
    first = repo.scan(None, 100).found
    ids = [found.id for found, _ in first]
    _, after_second = first[1]
    assert _scan_all(repo, after_second, 2) == ids[2:]


def test_an_empty_store_scans_to_nothing(repo: LicenseRepository) -> None:
    step = repo.scan(None, 10)
    assert step.found == [] and step.end is None


def test_history_written_before_actors_were_recorded_still_reads(repo: LicenseRepository) -> None:
    if not isinstance(repo, DynamoLicenseRepository):
        pytest.skip("only stored items have an older format")
    from helpdesk.licensing.adapters.dynamo_items import LicenseItem

    repo.add(lic())
    item = LicenseItem.get("LICENSE#lic-1", "LICENSE")
    item.history = [
        "2026-03-01T10:00:00+00:00 resume",
        "2026-04-01T10:00:00+00:00 renew until 2027-04-01T00:00:00+00:00 (charge pi_9)",
    ]
    item.save()
    resumed, renewed = repo.get("lic-1").history
    assert (resumed.action, resumed.actor, resumed.phrase()) == ("resume", "", "Resumed")
    assert renewed.phrase() == "Renewed until 01 Apr 2027: paid by the saved card"  # never the charge id
