"""The demo's service order on a freshly started local stack (docs/billing.md names its id): staff read it
with its three tasks and two tickets, Globex's Bob reads it in the cabinet without internal fields, another
organisation's client gets the same 404 as an unknown order."""

from __future__ import annotations

import pytest
from helpdesk_local.demo_service_order import ORDER_ID

from tests.support.local_process import LocalProcess

pytestmark = pytest.mark.e2e


def test_the_demo_service_order_is_there_for_staff_and_for_globex(local: LocalProcess) -> None:
    status, order = local.api(
        "console", "GET", f"/service-orders/{ORDER_ID}", local.token("anna@helpdesk.localhost")
    )
    assert status == 200, order
    assert (order["organisation_id"], order["label"], len(order["tasks"]), len(order["tickets"])) == (
        "org-globex", "Service order DEMOSERV", 3, 2)  # fmt: skip
    assert order["logged_minutes"] >= 195  # others may log more on the demo's tasks
    status, mine = local.api(
        "cabinet", "GET", f"/service-orders/{ORDER_ID}", local.token("bob@globex.example")
    )
    assert status == 200 and {t["number"] for t in mine["tickets"]} == {t["number"] for t in order["tickets"]}
    assert "assignee" not in mine["tasks"][0] and "organisation_id" not in mine
    alice = local.token("alice@acme.example")
    foreign = local.api("cabinet", "GET", f"/service-orders/{ORDER_ID}", alice)
    assert foreign == local.api("cabinet", "GET", "/service-orders/so_0123456789abcdef0123", alice)
    assert foreign[0] == 404
