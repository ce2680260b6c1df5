"""A service order lists the tasks made from it, under moto with the real handlers: a task is made from the
accepted quote's order in the client's project (never in another client's), staff see each task's status,
logged time and assignee, the client sees status and time only, and another organisation's client is told
exactly what an unknown id gets."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.integration.billing.test_services_billing_routes import ACME_ACCOUNT, staff
from tests.integration.commerce.conftest import cabinet, shop  # noqa: F401

pytestmark = pytest.mark.integration
CLIENT_TASK_FIELDS = {"key", "title", "status", "done", "due", "logged_minutes"}
CLIENT_TICKET_FIELDS = {"id", "number", "subject", "status", "last_activity_at", "task_keys"}


def accepted_order() -> str:
    lines = [{"description": "Development", "hours": "10", "rate": 8000}]
    quote = staff("POST", "/quotes", {"organisation": "org-acme", "currency": "EUR", "lines": lines}).body
    staff("PUT", "/clients/{organisation_id}/billing-account", ACME_ACCOUNT, organisation_id="org-acme")
    staff("POST", "/quotes/{quote_id}/send", quote_id=quote["id"])
    accepted = cabinet("POST", "/quotes/{quote_id}/accept", token="alice", quote_id=quote["id"])
    assert accepted.status == 200, accepted.body
    return str(accepted.body["order_id"])


def test_a_service_order_shows_its_tasks_to_staff_and_to_its_client_only(shop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    order_id = accepted_order()
    for key, organisation in (("ACME", "org-acme"), ("GLX", "org-globex")):
        project = {"key": key, "name": key, "organisation": organisation}
        assert staff("POST", "/projects", project).status == 201
    made = staff("POST", "/tasks", {"project": "ACME", "title": "Checkout page", "order_id": order_id},
                 token="dev")  # fmt: skip
    assert made.status == 201, made.body
    assert made.body["order_ids"] == [order_id]
    elsewhere = staff("POST", "/tasks", {"project": "GLX", "title": "Not theirs", "order_id": order_id},
                      token="dev")  # fmt: skip
    assert elsewhere.status == 422  # another client's project cannot take this client's order
    unlinked = staff("POST", "/tasks", {"project": "ACME", "title": "Other work"}, token="dev").body
    for task_id, minutes, billable in ((made.body["id"], 90, True), (made.body["id"], 30, False),
                                       (unlinked["id"], 45, True)):  # fmt: skip
        logged = staff("POST", "/tasks/{task_id}/time", {"minutes": minutes, "billable": billable},
                       token="dev", task_id=task_id)  # fmt: skip
        assert logged.status in (200, 201), logged.body

    seen = staff("GET", "/service-orders/{order_id}", token="ivan", order_id=order_id)
    assert seen.status == 200, seen.body
    assert (seen.body["organisation_id"], seen.body["status"], seen.body["logged_minutes"]) == (
        "org-acme", "accepted", 120)  # fmt: skip
    assert [(t["key"], t["status"], t["logged_minutes"], t["id"]) for t in seen.body["tasks"]] == [
        (made.body["key"], made.body["status"], 120, made.body["id"])]  # fmt: skip
    assert {"assignee", "estimate_minutes"} <= set(seen.body["tasks"][0])

    mine = cabinet("GET", "/service-orders/{order_id}", token="alice", order_id=order_id)
    assert mine.status == 200, mine.body
    assert [(t["key"], t["logged_minutes"]) for t in mine.body["tasks"]] == [(made.body["key"], 120)]
    assert set(mine.body["tasks"][0]) == CLIENT_TASK_FIELDS and "organisation_id" not in mine.body
    assert mine.body["label"].startswith("Service order ") and mine.body["total"] == 80000
    colleague = cabinet("GET", "/service-orders/{order_id}", token="carol", order_id=order_id)
    assert colleague.status == 200  # the whole organisation's order

    foreign = cabinet("GET", "/service-orders/{order_id}", token="bob", order_id=order_id)
    unknown = cabinet("GET", "/service-orders/{order_id}", token="bob", order_id="so_0123456789abcdef0123")
    odd = cabinet("GET", "/service-orders/{order_id}", token="bob", order_id="co_1")
    assert foreign.status == 404 and (foreign.body, foreign.status) == (unknown.body, unknown.status)
    assert (odd.body, odd.status) == (unknown.body, unknown.status)
    assert staff("GET", "/service-orders/{order_id}", token="dev", order_id=order_id).status == 403
    tasks = cabinet("GET", "/tasks", token="alice").body["items"]
    labels = [o["label"] for t in tasks if t["key"] == made.body["key"] for o in t["orders"]]
    assert labels == [mine.body["label"]]  # the cabinet's task list names the order as people read it


def test_a_service_order_lists_the_tickets_its_tasks_came_from(shop) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from helpdesk.bootstrap import container

    order_id = accepted_order()
    project = {"key": "ACME", "name": "Acme", "organisation": "org-acme"}
    assert staff("POST", "/projects", project).status == 201
    request = {"subject": "The checkout hangs", "text": "Since Monday."}
    opened = cabinet("POST", "/tickets", request, token="alice")
    assert opened.status in (200, 201), opened.body
    asked = opened.body["id"]
    staff_only = replace(container().ticket_repository.find(asked), id="tk-internal", number="HD-990001",
                         subject="Call Acme about the invoice", internal=True)  # fmt: skip
    assert container().ticket_repository.create(staff_only)
    for ticket_id in (asked, staff_only.id):
        task = {"project": "ACME", "title": "Fix it", "order_id": order_id, "ticket_id": ticket_id}
        assert staff("POST", "/tasks", task, token="dev").status == 201

    seen = staff("GET", "/service-orders/{order_id}", token="ivan", order_id=order_id).body
    assert sorted(t["id"] for t in seen["tickets"]) == sorted([asked, staff_only.id])
    assert {"assignee", "priority", "organisation_id"} <= set(seen["tickets"][0])
    for token in ("alice", "carol"):  # the client and a colleague: the request, never the staff-only ticket
        mine = cabinet("GET", "/service-orders/{order_id}", token=token, order_id=order_id).body
        assert [(t["id"], t["subject"], t["task_keys"]) for t in mine["tickets"]] == [
            (asked, "The checkout hangs", ["ACME-1"])]  # fmt: skip
        assert set(mine["tickets"][0]) == CLIENT_TICKET_FIELDS
        assert cabinet("GET", "/tickets/{ticket_id}", token=token, ticket_id=asked).status == 200
    foreign = cabinet("GET", "/service-orders/{order_id}", token="bob", order_id=order_id)
    unknown = cabinet("GET", "/service-orders/{order_id}", token="bob", order_id="so_0123456789abcdef0123")
    assert foreign.status == 404 and (foreign.body, foreign.status) == (unknown.body, unknown.status)
    assert "checkout hangs" not in str(foreign.body)
