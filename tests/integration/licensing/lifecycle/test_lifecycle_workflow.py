"""The real ASL in moto's engine, time compressed (a day is a second): every path of a license period."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from helpdesk.kernel.calendar import MONTH
from helpdesk.licensing.model.license import LicenseState
from helpdesk.licensing.model.lifecycle import RenewalState, execution_name

from .harness import FixedTerms, Lifecycle, ScriptedPayments, compressed_terms

pytestmark = [pytest.mark.integration]


def start(stack: Lifecycle, license_id: str, days_left: float) -> tuple[str, datetime]:
    lic = stack.issue(license_id, days_left)
    stack.service().start_period(lic, datetime.now(UTC))
    assert lic.expires is not None
    return execution_name(license_id, lic.expires), lic.expires


@pytest.mark.slow
def test_renewed_in_time_ends_the_period_at_the_next_check(stack: Lifecycle) -> None:
    stack.terms = FixedTerms(compressed_terms(subscription=True, reminders=(4, 1)))
    name, end = start(stack, "lic-a", days_left=5)
    first = stack.until(lambda: stack.messages("notify"))
    # A day is a second here: on a loaded machine the 1-day reminder may already be out when this looks.
    subjects = [n["subject"] for n in first]
    assert subjects[0] == "Your SEO Pro — Standard license ends in 4 days"
    assert subjects[1:] in ([], ["Your SEO Pro — Standard license ends in 1 days"])
    assert stack.service().renew("lic-a", end + timedelta(days=30), "webhook evt_1")

    assert stack.wait_done(name)["status"] == "SUCCEEDED"
    states = stack.entered(name)
    assert states[-1] == "Renewed" and states[-2] in ("StillDueBeforeReminder", "StillDueAtExpiry")
    assert "Charge" not in states and "EnterGrace" not in states
    mails = [m["days_left"] for m in stack.messages("outbound")]
    # a slow machine may send the 1-day reminder before the renewal lands
    assert mails[0] == 4 and len(mails) == states.count("SendReminderMail") <= 2
    next_period = execution_name("lic-a", end + timedelta(days=30))
    assert {e["name"]: e["status"] for e in stack.executions()} == {name: "SUCCEEDED", next_period: "RUNNING"}
    renewal = stack.renewals.get("lic-a")
    assert renewal is not None and renewal.period_end == end + timedelta(days=30)
    assert renewal.state is RenewalState.ACTIVE


@pytest.mark.slow
def test_renewed_during_grace_is_not_expired(stack: Lifecycle) -> None:
    stack.terms = FixedTerms(compressed_terms(subscription=False, grace=timedelta(days=5)))
    name, end = start(stack, "lic-b", days_left=1.5)
    tickets = stack.until(lambda: stack.messages("license-tickets"))
    grace = stack.renewals.get("lic-b")
    assert grace is not None and grace.state is RenewalState.GRACE
    assert [r.license_id for r in stack.renewals.in_grace()] == ["lic-b"]
    assert stack.licenses.get("lic-b").state_at(end + timedelta(hours=1)) is LicenseState.GRACE
    assert stack.service().renew("lic-b", end + timedelta(days=30), "manager mgr-anna")

    assert stack.wait_done(name)["status"] == "SUCCEEDED"
    states = stack.entered(name)
    assert states[-3:] == ["ReadLicenseAtGraceEnd", "StillDueAtGraceEnd", "Renewed"]
    assert "Charge" not in states and "Expire" not in states  # not a subscription: nothing to charge
    assert [t["idempotency_key"] for t in tickets] == [f"license-lapse:lic-b:{end:%Y%m%d}"]
    renewed = stack.renewals.get("lic-b")
    assert renewed is not None and renewed.state is RenewalState.ACTIVE and renewed.period_end > end
    assert stack.renewals.in_grace() == []


@pytest.mark.slow
def test_payment_failing_then_succeeding_renews_through_the_charge_worker(stack: Lifecycle) -> None:
    stack.terms = FixedTerms(compressed_terms(subscription=True))
    stack.payments = ScriptedPayments([False, True])
    with stack.charge_worker() as outcomes:
        name, end = start(stack, "lic-c", days_left=1.5)
        assert stack.wait_done(name)["status"] == "SUCCEEDED"

    states = stack.entered(name)
    assert states.count("Charge") == 2 and states[-1] == "Paid"
    assert states.index("EnterGrace") > states.index("Charge")  # the first decline started grace
    assert outcomes == ["declined", "paid"]
    assert [key for key, _ in stack.payments.charges] == [
        f"license-charge:lic-c:{end:%Y%m%d}:1",
        f"license-charge:lic-c:{end:%Y%m%d}:2",
    ]
    renewed = stack.licenses.get("lic-c")
    assert renewed.expires == MONTH.next_end(end, renewed.issued)  # a calendar month on
    assert len(stack.messages("license-tickets")) == 1
    renewal = stack.renewals.get("lic-c")
    assert renewal is not None and renewal.state is RenewalState.ACTIVE
    assert stack.wait_done(name)["output"] is not None


@pytest.mark.slow
def test_never_renewed_opens_one_ticket_and_expires(stack: Lifecycle) -> None:
    stack.terms = FixedTerms(compressed_terms(subscription=True))
    stack.payments = ScriptedPayments([False, False, False])
    with stack.charge_worker() as outcomes:
        name, end = start(stack, "lic-d", days_left=1.5)
        assert stack.wait_done(name)["status"] == "SUCCEEDED"

    states = stack.entered(name)
    assert states.count("Charge") == 3 and outcomes == ["declined"] * 3
    assert states.count("EnterGrace") == 1 and states.count("RequestManagerTicket") == 1
    assert states[-3:] == ["Expire", "SendExpiredNotice", "Expired"]
    tickets = stack.messages("license-tickets")
    assert len(tickets) == 1 and tickets[0]["manager"] == "mgr-anna"
    lost = stack.renewals.get("lic-d")
    assert lost is not None and lost.state is RenewalState.EXPIRED
    now = datetime.now(UTC)
    assert [
        r.license_id for r in stack.renewals.lost_between(now - timedelta(days=30), now + timedelta(days=30))
    ] == ["lic-d"]
    license = stack.licenses.get("lic-d")
    assert license.expires == end and license.state_at(lost.grace_until) is LicenseState.EXPIRED
    notices = [n["subject"] for n in stack.messages("notify")]
    assert notices[-1] == "Your SEO Pro — Standard license has expired"


def test_starting_a_period_twice_runs_one_execution(stack: Lifecycle) -> None:
    lic = stack.issue("lic-e", days_left=20)
    service = stack.service()
    first = service.start_period(lic, datetime.now(UTC))
    later = datetime.now(UTC) + timedelta(seconds=5)
    second = service.start_period(lic, later)  # a different input for the same period

    assert first == second
    assert [e["name"] for e in stack.executions()] == [execution_name("lic-e", lic.expires)]  # type: ignore[arg-type]


def test_duplicated_renewal_webhook_extends_once(stack: Lifecycle) -> None:
    _, end = start(stack, "lic-f", days_left=20)
    service = stack.service()
    new_end = end + timedelta(days=365)
    with ThreadPoolExecutor(4) as pool:
        extended = list(pool.map(lambda _: service.renew("lic-f", new_end, "webhook evt_9"), range(4)))

    assert sorted(extended) == [False, False, False, True]
    license = stack.licenses.get("lic-f")
    assert license.expires == new_end
    assert sum(h.action == "renew" for h in license.history) == 1
    names = sorted(e["name"] for e in stack.executions())
    assert names == sorted([execution_name("lic-f", end), execution_name("lic-f", new_end)])


@pytest.mark.slow
def test_a_revoked_license_ends_its_period_without_reminding(stack: Lifecycle) -> None:
    stack.terms = FixedTerms(compressed_terms(subscription=True, reminders=(1,)))
    name, _ = start(stack, "lic-g", days_left=5)  # the only check is 4 s away
    stack.licenses.save(stack.licenses.get("lic-g").revoke("refunded", datetime.now(UTC)))

    assert stack.wait_done(name)["status"] == "SUCCEEDED"
    assert stack.entered(name)[-2:] == ["StillDueBeforeReminder", "LicenseGone"]
    assert stack.messages("outbound") == [] and stack.messages("notify") == []
