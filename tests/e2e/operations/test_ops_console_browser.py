"""Chromium on the local stack: the on-call person edits the rota in the console and the staff API keeps it;
a manager sees it read-only and the API refuses their change; an alarm's page is acknowledged in the
console. The alarm fires on CloudWatch's next metric publication and evaluation (each minute on AWS), which
the test asks the local stack for at once (schedules.localhost) rather than waiting for its 10 s cycles."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.commerce import test_commerce_browser as commerce
from tests.support.local_process import LocalProcess

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
sign_in = commerce.sign_in


def rota_names(page: Any) -> list[str]:
    return [page.input_value(f"#rota-name-{i}") for i in range(page.locator(".rota-row").count())]


def test_ops_edits_the_rota_in_the_console_and_it_persists(local: LocalProcess, chromium: Any) -> None:
    token = local.token("ops@helpdesk.localhost")
    status, before = local.api("console", "GET", "/ops/rota", token)
    assert status == 200 and len(before["people"]) >= 2
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"http://console.localhost:{local.http_port}/#/ops")
        sign_in(page, "ops@helpdesk.localhost")
        page.wait_for_selector("#rota-name-0")
        shown = rota_names(page)
        assert shown == [p["name"] for p in before["people"]]
        page.get_by_role("button", name=f"Move up {shown[1]}").click()
        page.get_by_role("button", name="Add person").click()
        last = len(shown)
        page.keyboard.type("Eve Evening")
        page.fill(f"#rota-email-{last}", "eve@helpdesk.localhost")
        page.fill(f"#rota-phone-{last}", "+491700000099")
        page.fill("#rota-ack", "90")
        page.get_by_role("button", name="Save rota").click()
        page.wait_for_selector(f"text=Rota saved: {last + 1} on call, 90 s to acknowledge.")

        status, after = local.api("console", "GET", "/ops/rota", token)
        assert status == 200
        assert [p["name"] for p in after["people"]] == [shown[1], shown[0], *shown[2:], "Eve Evening"]
        assert after["people"][-1] == {
            "name": "Eve Evening",
            "email": "eve@helpdesk.localhost",
            "phone": "+491700000099",
        }
        assert after["ack_seconds"] == 90
        page.reload()
        page.wait_for_selector("#rota-name-0")
        assert rota_names(page) == [p["name"] for p in after["people"]]
        assert not errors
    finally:
        context.close()
        local.api("console", "PUT", "/ops/rota", token, before)


def test_a_manager_sees_the_rota_read_only_and_cannot_change_it(local: LocalProcess, chromium: Any) -> None:
    manager = local.token("anna@helpdesk.localhost")
    status, rota = local.api("console", "GET", "/ops/rota", manager)
    assert status == 200
    status, _ = local.api("console", "PUT", "/ops/rota", manager, rota)
    assert status == 403
    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(f"http://console.localhost:{local.http_port}/#/ops")
        sign_in(page, "anna@helpdesk.localhost")
        page.wait_for_selector(".rota-person")
        assert "Only operations staff and admins can change the rota." in page.inner_text("main")
        assert page.get_by_role("button", name="Save rota").count() == 0
    finally:
        context.close()


def test_an_alarm_page_is_acknowledged_in_the_console(local: LocalProcess, chromium: Any) -> None:
    alarm = "helpdesk-local-license-tickets-dlq-not-empty"  # a DLQ no other e2e test fills
    token = local.token("ops@helpdesk.localhost")
    _, before = local.api("console", "GET", "/ops/rota", token)
    oleg = {"name": "Oleg Ops", "email": "ops@helpdesk.localhost", "phone": "+491700000001"}
    assert local.api("console", "PUT", "/ops/rota", token, {"people": [oleg], "ack_seconds": 600})[0] == 200
    sqs = local.client("sqs")
    dlq = sqs.get_queue_url(QueueName="helpdesk-license-tickets-dlq-local")["QueueUrl"]
    sqs.send_message(QueueUrl=dlq, MessageBody='{"license_id": "broken"}')
    local.evaluate_alarms()
    context = chromium.new_context()
    page = context.new_page()
    try:

        def waiting() -> list[dict[str, Any]]:
            _, pages = local.api("console", "GET", "/ops/pages", token)
            return [p for p in pages["items"] if p["alarm"] == alarm and p["state"] == "waiting"]

        [paged] = local.wait_for(waiting, timeout=120, every=2)
        assert (paged["name"], paged["step"]) == ("Oleg Ops", 0)
        page.goto(f"http://console.localhost:{local.http_port}/#/ops")
        sign_in(page, "ops@helpdesk.localhost")
        page.get_by_role("button", name=f"Acknowledge the page to Oleg Ops for {alarm}").click()
        page.wait_for_selector("text=by ops@helpdesk.localhost")

        _, pages = local.api("console", "GET", "/ops/pages", token)
        [done] = [p for p in pages["items"] if p["execution"] == paged["execution"]]
        assert (done["state"], done["acknowledged_by"], done["ack_token"]) == (
            "acknowledged",
            "ops@helpdesk.localhost",
            None,
        )
        sfn = local.client("stepfunctions")
        machine = next(m for m in sfn.list_state_machines()["stateMachines"] if "escalation" in m["name"])
        arn = machine["stateMachineArn"].replace(":stateMachine:", ":execution:") + ":" + paged["execution"]
        assert local.wait_for(
            lambda: sfn.describe_execution(executionArn=arn)["status"] == "SUCCEEDED", timeout=15
        )
    finally:
        context.close()
        sqs.purge_queue(QueueUrl=dlq)
        local.api("console", "PUT", "/ops/rota", token, before)
