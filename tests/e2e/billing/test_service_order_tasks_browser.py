"""Issue 21: a service order lists its tasks and their tickets, in Chromium on the local stack. A client (its
own organisation) accepts a quote; the manager opens the service order in the console and makes a task from
it; a developer logs time and makes a second task from the client's ticket for the same order; the console
and the client's cabinet show the tasks with their status and time and the ticket (each opening it), and a
client of another organisation opening the same order's address is told there is no such order."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from helpdesk_local.demo_service_order import ORDER_ID as DEMO_ORDER

from tests.e2e.cabinet.test_customer_organisations_local import add_customer
from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.support.local_process import LocalProcess
from tests.support.screenshots import SHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def accepted_order(local: LocalProcess, organisation: str, client: str, key: str) -> str:
    manager = local.token("anna@helpdesk.localhost")
    account = {"email": client, "company": f"Client {key}", "country": "DE", "currency": "EUR"}
    assert local.api("console", "PUT", f"/clients/{organisation}/billing-account", manager, account)[0] == 200
    lines = [{"description": "Development", "hours": "10", "rate": 8000}]
    quote = {"organisation": organisation, "currency": "EUR", "lines": lines}
    status, created = local.api("console", "POST", "/quotes", manager, quote)
    assert status == 201, created
    assert local.api("console", "POST", f"/quotes/{created['id']}/send", manager)[0] == 200
    project = {"key": key, "name": f"Work for {key}", "organisation": organisation}
    assert local.api("console", "POST", "/projects", manager, project)[0] == 201
    status, accepted = local.api("cabinet", "POST", f"/quotes/{created['id']}/accept", local.token(client))
    assert status == 200, accepted
    return str(accepted["order_id"])


def test_a_service_orders_tasks_in_the_console_and_the_cabinet(local: LocalProcess, chromium: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tag = uuid.uuid4().hex[:6]
    organisation, client, stranger = f"org-so{tag}", f"kim@so{tag}.example", f"lee@other{tag}.example"
    add_customer(local, client, organisation)
    add_customer(local, stranger, f"org-other{tag}")
    key = f"SO{tag[:5].upper()}"
    order_id = accepted_order(local, organisation, client, key)
    site = lambda host, path="/": f"http://{host}.localhost:{local.http_port}/#{path}"  # noqa: E731

    console = chromium.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    console.goto(site("console", f"/billing/orders/{order_id}"))
    sign_in(console, "anna@helpdesk.localhost")
    console.wait_for_selector("text=No task was made from this order yet.")
    console.click("button[aria-label^='Create a task from Service order']")
    console.fill(f"#order-{order_id}-task-title", "Payment form")
    console.get_by_role("button", name="Save task").click()
    console.wait_for_selector(f"text=Task {key}-1 created from this order.")
    dev = local.token("dev@helpdesk.localhost")
    task = local.api("console", "GET", f"/tasks?project={key}", dev)[1]["items"][0]
    logged = local.api("console", "POST", f"/tasks/{task['id']}/time", dev, {"minutes": 95, "billable": True})
    assert logged[0] in (200, 201), logged
    subject = f"Checkout hangs {tag}"
    request = {"subject": subject, "text": "Help"}
    status, asked = local.api("cabinet", "POST", "/tickets", local.token(client), request)
    assert status in (200, 201), asked
    from_ticket = {"project": key, "title": "Unblock it", "order_id": order_id, "ticket_id": asked["id"]}
    assert local.api("console", "POST", "/tasks", dev, from_ticket)[0] == 201
    console.reload()
    console.wait_for_selector(f"[data-task-time='{key}-1'] >> text=\"1 h 35 min\"")
    console.click(f"[data-order-ticket='{asked['number']}']")
    console.wait_for_selector(f'#ticket-title >> text="{subject}"')
    console.go_back()
    console.wait_for_selector(f"[data-order-ticket='{asked['number']}']")
    console.screenshot(path=str(SHOTS / "billing-service-order-console.png"), full_page=True)
    console.goto(site("console", f"/billing/orders/{DEMO_ORDER}"))  # the demo's order (docs/billing.md)
    console.wait_for_selector("text=Unstick pending orders after the ERP sync")
    console.wait_for_selector("[data-order-ticket] >> nth=1")

    cabinet = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    cabinet.goto(site("cabinet", "/quotes"))
    sign_in(cabinet, client)
    cabinet.click(f"[data-order='{order_id}']")
    cabinet.wait_for_selector(f"[data-task-time='{key}-1'] >> text=\"1 h 35 min\"")
    cabinet.wait_for_selector(f"[data-order-ticket='{asked['number']}']")
    assert "Payment form" in cabinet.inner_text("#main") and "anna@" not in cabinet.inner_text("#main")
    cabinet.screenshot(path=str(SHOTS / "billing-service-order-cabinet.png"), full_page=True)
    cabinet.click(f"[data-order-ticket='{asked['number']}']")
    cabinet.wait_for_selector(f'h1 >> text="{subject}"')

    other = chromium.new_context().new_page()
    other.goto(site("cabinet", f"/service-orders/{order_id}"))
    sign_in(other, stranger)
    other.wait_for_selector("text=No such order")
    assert "Payment form" not in other.inner_text("#main") and subject not in other.inner_text("#main")
