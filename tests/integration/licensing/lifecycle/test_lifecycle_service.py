"""The lifecycle service on DynamoDB (moto) with in-memory Workflows: inputs, charges, console view."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.clock import FixedClock
from helpdesk.licensing.adapters.dynamo_licenses import DynamoLicenseRepository
from helpdesk.licensing.adapters.dynamo_renewals import DynamoRenewalStore
from helpdesk.licensing.model.license import License, Money
from helpdesk.licensing.model.lifecycle import LicenseRenewal, RenewalState, execution_name
from helpdesk.licensing.services.lifecycle import LicenseLifecycle
from helpdesk.licensing.services.period_input import RealTimeline
from helpdesk.licensing.views.lifecycle import ChargeTask, PeriodInput
from helpdesk.licensing.views.renewals import AtRiskView
from moto import mock_aws

from tests.contract.helpdesk_table import create_helpdesk_table
from tests.fakes.licensing.memory_workflows import InMemoryWorkflows

from .harness import FixedTerms, ScriptedPayments, compressed_terms

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class World:
    def __init__(self) -> None:
        self.licenses = DynamoLicenseRepository("helpdesk", "eu-central-1")
        self.renewals = DynamoRenewalStore("helpdesk", "eu-central-1")
        self.workflows = InMemoryWorkflows()
        self.payments = ScriptedPayments([])
        self.terms = FixedTerms(compressed_terms(subscription=True))
        self.service = LicenseLifecycle(
            self.licenses,
            self.renewals,
            self.workflows,
            self.payments,
            self.terms,
            RealTimeline(),
            FixedClock(NOW),
            "https://cabinet.test",
        )

    def issue(self, license_id: str, days_left: float, customer: str = "cus-1") -> License:
        self.licenses.add(
            License(
                id=license_id,
                product="seo-pro",
                edition="standard",
                customer_id=customer,
                domains=("shop.example",),
                issued=NOW,
                expires=NOW + timedelta(days=days_left),
                updates_until=None,
            )
        )
        return self.licenses.get(license_id)

    def input_of(self, license: License) -> PeriodInput:
        info = self.workflows.describe(execution_name(license.id, license.expires))  # type: ignore[arg-type]
        assert info is not None
        return PeriodInput.model_validate(info.input)

    def charge_task(self, license: License, attempt: int = 1) -> ChargeTask:
        step = self.input_of(license).charges[attempt - 1]
        token = self.workflows.open_task(execution_name(license.id, license.expires))  # type: ignore[arg-type]
        return ChargeTask(task_token=token, charge=step.request)


@pytest.fixture
def world() -> Iterator[World]:
    with mock_aws():
        create_helpdesk_table()
        yield World()


def test_start_period_records_grace_and_the_renewal_and_starts_with_future_steps_only(world: World) -> None:
    lic = world.issue("lic-1", days_left=1.5)
    world.service.start_period(lic, NOW)

    end = NOW + timedelta(days=1.5)
    assert world.licenses.get("lic-1").grace_until == end + timedelta(days=3)
    given = world.input_of(lic)
    assert [r.mail.days_left for r in given.reminders] == [1]  # the 2-day reminder is already past
    assert [c.request.attempt for c in given.charges] == [1, 2, 3]
    assert given.ticket.idempotency_key == f"license-lapse:lic-1:{end:%Y%m%d}"
    renewal = world.renewals.get("lic-1")
    assert renewal is not None and (renewal.state, renewal.period_end) == (RenewalState.ACTIVE, end)


def test_a_declined_charge_fails_the_task_and_a_paid_one_renews_then_succeeds(world: World) -> None:
    lic = world.issue("lic-2", days_left=1)
    world.service.start_period(lic, NOW)
    world.payments = world.service._payments = ScriptedPayments([False, True])  # type: ignore[misc]

    assert world.service.handle_charge_task(world.charge_task(lic, 1)) == "declined"
    paid_task = world.charge_task(lic, 2)
    assert world.service.handle_charge_task(paid_task) == "paid"
    assert world.service.handle_charge_task(paid_task) == "already_renewed"  # a redelivered message

    name = execution_name("lic-2", lic.expires)  # type: ignore[arg-type]
    assert [(n, status) for n, status, _ in world.workflows.answers] == [
        (name, "FAILED"),
        (name, "SUCCEEDED"),
    ]
    assert len(world.payments.charges) == 2
    new_end = lic.expires + timedelta(days=30)  # type: ignore[operator]
    assert world.licenses.get("lic-2").expires == new_end
    assert world.workflows.describe(execution_name("lic-2", new_end)) is not None


def test_the_cabinet_lists_a_customers_renewal_dates_soonest_first(world: World) -> None:
    for license_id, days in [("later", 40), ("sooner", 10)]:
        world.service.start_period(world.issue(license_id, days), NOW)
    world.issue("someone-else", 5, customer="cus-2")

    dates = [(r.license_id, r.period_end) for r in world.service.renewals_for_customer("cus-1")]
    assert dates == [("sooner", NOW + timedelta(days=10)), ("later", NOW + timedelta(days=40))]


def test_an_older_period_never_overwrites_a_newer_renewal(world: World) -> None:
    newer = LicenseRenewal(
        "lic-3",
        "cus-1",
        "seo-pro",
        "standard",
        "mgr",
        NOW + timedelta(days=60),
        NOW + timedelta(days=63),
        Money(100, "EUR"),
        True,
    )
    older = LicenseRenewal(**{**newer.__dict__, "period_end": NOW + timedelta(days=30)})

    assert world.renewals.put(newer)
    assert not world.renewals.put(older)
    assert world.renewals.get("lic-3") == newer


def test_licenses_at_risk_by_window_with_grace_lost_and_revenue(world: World) -> None:
    def renewal(license_id: str, days: int, state: RenewalState, amount: int) -> LicenseRenewal:
        end = NOW + timedelta(days=days)
        return LicenseRenewal(
            license_id,
            "cus-1",
            "seo-pro",
            "standard",
            "mgr",
            end,
            end + timedelta(days=14),
            Money(amount, "EUR"),
            True,
            state,
        )

    for r in [
        renewal("soon", 10, RenewalState.ACTIVE, 100),
        renewal("next-month", 45, RenewalState.ACTIVE, 200),
        renewal("in-three-months", 80, RenewalState.ACTIVE, 400),
        renewal("far", 200, RenewalState.ACTIVE, 800),
        renewal("grace", -3, RenewalState.GRACE, 1000),
        renewal("lost", -20, RenewalState.EXPIRED, 2000),
        renewal("long-lost", -120, RenewalState.EXPIRED, 4000),
    ]:
        world.renewals.put(r)

    risk = world.service.licenses_at_risk(NOW)
    assert {d: [r.license_id for r in rs] for d, rs in risk.expiring.items()} == {
        30: ["soon"],
        60: ["soon", "next-month"],
        90: ["soon", "next-month", "in-three-months"],
    }
    assert [r.license_id for r in risk.in_grace] == ["grace"]
    assert [r.license_id for r in risk.lost] == ["lost"]
    assert risk.revenue_at_risk == {"EUR": 100 + 200 + 400 + 1000}
    view = AtRiskView.of(risk).model_dump(mode="json")
    assert [r["license_id"] for r in view["expiring"]["30"]] == ["soon"]
    assert view["in_grace"][0]["state"] == "grace" and view["lost"][0]["renews_on"].startswith("2026-11-05")
