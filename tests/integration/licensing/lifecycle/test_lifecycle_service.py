"""The lifecycle service on DynamoDB and the real ASL in moto's Step Functions engine (a day lasts a second):
period inputs, charge tasks answered with the tokens the Charge state sent, the console's views."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.calendar import MONTH
from helpdesk.licensing.model.license import Money
from helpdesk.licensing.model.lifecycle import LicenseRenewal, RenewalState, execution_name
from helpdesk.licensing.views.lifecycle import PeriodInput
from helpdesk.licensing.views.renewals import AtRiskView

from .harness import FixedTerms, Lifecycle, ScriptedPayments, compressed_terms

pytestmark = [pytest.mark.integration]
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def input_of(stack: Lifecycle, name: str) -> PeriodInput:
    described = stack.sfn.describe_execution(executionArn=stack.execution_arn(name))
    return PeriodInput.model_validate_json(described["input"])


def test_start_period_records_grace_and_the_renewal_and_starts_with_future_steps_only(
    stack: Lifecycle,
) -> None:
    stack.terms = FixedTerms(compressed_terms(subscription=True))
    lic = stack.issue("lic-1", days_left=1.5)
    end = lic.expires
    assert end is not None
    stack.service().start_period(lic, end - timedelta(days=1.5))

    assert stack.licenses.get("lic-1").grace_until == end + timedelta(days=3)
    given = input_of(stack, execution_name("lic-1", end))
    assert [r.mail.days_left for r in given.reminders] == [1]  # the 2-day reminder is already past
    assert [c.request.attempt for c in given.charges] == [1, 2, 3]
    assert given.ticket.idempotency_key == f"license-lapse:lic-1:{end:%Y%m%d}"
    renewal = stack.renewals.get("lic-1")
    assert renewal is not None and (renewal.state, renewal.period_end) == (RenewalState.ACTIVE, end)


@pytest.mark.slow
def test_a_declined_charge_fails_the_task_and_a_paid_one_renews_then_succeeds(stack: Lifecycle) -> None:
    stack.terms = FixedTerms(compressed_terms(subscription=True))
    stack.payments = ScriptedPayments([False, True])
    service = stack.service()
    lic = stack.issue("lic-2", days_left=1)
    end = lic.expires
    assert end is not None
    service.start_period(lic, datetime.now(UTC))

    assert service.handle_charge_task(stack.next_charge_task()) == "declined"
    paid_task = stack.next_charge_task()
    assert paid_task.charge.attempt == 2
    assert service.handle_charge_task(paid_task) == "paid"
    assert service.handle_charge_task(paid_task) == "already_renewed"  # a redelivered message

    name = execution_name("lic-2", end)
    assert stack.wait_done(name)["status"] == "SUCCEEDED"
    states = stack.entered(name)
    assert states.count("Charge") == 2 and states.index("EnterGrace") > states.index("Charge")
    assert states[-1] == "Paid"
    assert len(stack.payments.charges) == 2
    new_end = MONTH.next_end(end, lic.issued)
    assert stack.licenses.get("lic-2").expires == new_end == paid_task.charge.new_period_end
    assert execution_name("lic-2", new_end) in {e["name"] for e in stack.executions()}


def test_the_cabinet_lists_a_customers_renewal_dates_soonest_first(stack: Lifecycle) -> None:
    service = stack.service()
    ends = {}
    for license_id, days in [("later", 40), ("sooner", 10)]:
        lic = stack.issue(license_id, days)
        service.start_period(lic, datetime.now(UTC))
        ends[license_id] = lic.expires
    stack.issue("someone-else", 5, customer="cus-2")

    dates = [(r.license_id, r.period_end) for r in service.renewals_for_customer("cus-1")]
    assert dates == [("sooner", ends["sooner"]), ("later", ends["later"])]


def test_an_older_period_never_overwrites_a_newer_renewal(stack: Lifecycle) -> None:
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

    assert stack.renewals.put(newer)
    assert not stack.renewals.put(older)
    assert stack.renewals.get("lic-3") == newer


def test_licenses_at_risk_by_window_with_grace_lost_and_revenue(stack: Lifecycle) -> None:
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
        stack.renewals.put(r)

    risk = stack.service().licenses_at_risk(NOW)
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


def test_a_renewal_cancelled_by_the_customer_is_never_charged_and_the_license_lapses(
    stack: Lifecycle,
) -> None:
    """Issue 22: "cancel at period end" is honoured by the lifecycle's own workflow, attempt after attempt."""
    stack.terms = FixedTerms(compressed_terms(subscription=True))
    stack.payments = ScriptedPayments([True, True, True])
    service = stack.service()
    lic = stack.issue("lic-c", days_left=1)
    end = lic.expires
    assert end is not None
    service.start_period(lic, datetime.now(UTC))
    stack.licenses.save(stack.licenses.get("lic-c").cancel_renewal(datetime.now(UTC)))

    for _ in range(3):  # every dunning attempt
        assert service.handle_charge_task(stack.next_charge_task()) == "cancelled"
    name = execution_name("lic-c", end)
    assert stack.wait_done(name)["status"] == "SUCCEEDED" and stack.entered(name)[-1] == "Expired"
    assert stack.payments.charges == [] and stack.licenses.get("lic-c").expires == end
