"""Issue 18 in the console (Chromium, stub API): "Create task" from an order, and a client's statistics."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.web_license_fixtures import ORDER_ID
from tests.support.web_stub import ApiRequest, WebStub

pytestmark = [pytest.mark.browser, pytest.mark.integration]

PROJECTS = [
    {"key": "ACME", "name": "Acme web shop", "organisation": "org-acme"},
    {"key": "GLOBEX", "name": "Globex", "organisation": "org-globex"},
]
ORDER = {"id": "co_7", "number": "A-1007", "label": "Order A-1007", "created_at": "2026-11-20T10:00:00Z",
         "total": 19900, "currency": "EUR", "status": "paid", "license_ids": [],
         "items": [{"product": "export-pro", "name": "Export Pro", "edition": "business", "plan": "year",
                    "domains": ["shop.example"], "amount": 19900}]}  # fmt: skip
CUSTOMER = {"id": "c-9", "name": "Carla Customer", "email": "carla@shop.example", "language": "en",
            "organisation": {"id": "org-acme", "name": "Acme"}, "tickets": [], "orders": [ORDER],
            "licenses": [], "invoices": []}  # fmt: skip


def serve_tasks(stub: WebStub) -> list[dict[str, Any]]:
    """The staff API's project and task routes the pages use; the created tasks' bodies, in order."""
    made: list[dict[str, Any]] = []

    def create(request: ApiRequest) -> tuple[int, dict[str, Any]]:
        made.append(request.body)
        return 201, {"id": f"task-{len(made)}", "key": f"{request.body['project']}-{len(made) + 2}"}

    stub.route("console", "GET", "/projects", lambda r: (200, {"items": PROJECTS}), first=True)
    stub.route("console", "POST", "/tasks", create, first=True)
    stub.route("console", "GET", "/customers/c-9", lambda r: (200, CUSTOMER), first=True)
    totals = {"totals": {"minutes": 0, "billable_minutes": 0}, "entries": []}
    stub.route("console", "GET", "/time", lambda r: (200, totals), first=True)
    return made


def test_a_task_is_created_from_an_order_on_the_customer_and_license_pages(tab, stub):
    made = serve_tasks(stub)
    page = tab.open("console", "/customers/c-9", "#customer-name")
    page.get_by_role("button", name="Create a task from order A-1007").click()
    form = page.locator("#order-co_7-task-form")
    form.wait_for()
    assert form.locator("select option").all_inner_texts() == ["ACME · Acme web shop"]  # the client's own
    assert page.locator("#order-co_7-task-title").input_value() == "Order A-1007"
    described = page.locator("#order-co_7-task-description").input_value()
    assert "Export Pro · business · shop.example" in described
    page.locator("#order-co_7-task-due").fill("2026-12-24")
    form.get_by_role("button", name="Save task").click()
    page.get_by_role("status").filter(has_text="created from this order").wait_for()
    assert page.get_by_role("link", name="ACME-3").get_attribute("href") == "#/tasks/task-1"
    assert made == [{"project": "ACME", "title": "Order A-1007", "due": "2026-12-24", "order_id": "co_7",
                     "description": "Export Pro · business · shop.example"}]  # fmt: skip
    tab.shoot("tasks-from-order")

    page = tab.open("console", "/licenses/lic-1", ".license-key")
    page.get_by_role("button", name="Create a task from Order of").click()
    page.locator(f"#order-{ORDER_ID}-task-form").wait_for()
    form = page.locator(f"#order-{ORDER_ID}-task-form")
    assert form.locator("select option").count() == 2  # no client known: every project
    page.locator(f"#order-{ORDER_ID}-task-form").get_by_role("button", name="Save task").click()
    page.get_by_role("status").filter(has_text="created from this order").wait_for()
    title = made[-1].pop("title")
    assert title.startswith("Order of ") and "co_" not in title  # the id is for the API, not for people
    assert made[-1] == {"project": "ACME", "description": "", "order_id": ORDER_ID}


def test_a_clients_statistics_page_charts_throughput_and_assignees(tab, stub):
    weeks = [{"week": f"2026-{10 + n // 4:02d}-{1 + 7 * (n % 4):02d}", "done": n % 3} for n in range(8)]
    dima = {"assignee": "dima@agency.example", "open": 3, "done": 7, "logged_minutes": 150}
    stats = {"organisation": "org-acme", "open": 4, "overdue": 1, "logged_minutes": 150,
             "estimated_minutes": 600,
             "projects": [{"project": "ACME", "name": "Acme web shop", "open": 3, "overdue": 1, "due_soon": 0,
                           "done": 5, "logged_minutes": 120, "estimated_minutes": 480},
                          {"project": "SHOP", "name": "Shop theme", "open": 1, "overdue": 0, "due_soon": 1,
                           "done": 2, "logged_minutes": 30, "estimated_minutes": 120}],
             "throughput": weeks,
             "assignees": [{"assignee": "", "open": 1, "done": 0, "logged_minutes": 0},
                           dima]}  # fmt: skip
    asked: list[str] = []

    def answer(request: ApiRequest, org: str) -> tuple[int, dict[str, Any]]:
        asked.append(org)
        return (200, stats) if org == "org-acme" else (404, {"error": "not_found", "detail": "no projects"})

    stub.route("console", "GET", "/organisations/(?P<org>[^/]+)/project-stats", answer, first=True)
    page = tab.open("console", "/organisations/org-acme/stats", "svg.chart")
    charts = page.locator("svg.chart")
    assert charts.count() == 2
    weekly = charts.nth(0).locator("rect.bar")
    assert [weekly.nth(i).get_attribute("data-value") for i in range(8)] == [str(w["done"]) for w in weeks]
    per_assignee = charts.nth(1).locator("text.chart-label").all_text_contents()
    assert per_assignee == ["unassigned", "dima"]
    assert charts.nth(1).locator("rect.bar").nth(1).get_attribute("data-value") == "7"
    project_link = page.get_by_role("link", name="ACME Acme web shop")
    assert project_link.get_attribute("href") == "#/projects/ACME/stats"
    tab.shoot("tasks-client-stats")

    tab.allowed.append("404")
    page = tab.open("console", "/organisations/org-none/stats", "text=No projects for this client")
    assert asked == ["org-acme", "org-none"]


def test_the_ticket_pages_create_task_form_still_prefills_from_the_conversation(tab, stub):
    made = serve_tasks(stub)
    page = tab.open("console", "/tickets/t-1", "#create-task")
    page.locator("#create-task").click()
    page.locator("#task-form").wait_for()
    assert page.locator("#task-title").input_value() == "Export stopped after update"
    assert page.locator("#task-description").input_value().startswith("Hello, the export module stopped.")
    assert page.locator("#task-form select option").count() == 2  # o-1 has no project: every project
    page.locator("#task-project").select_option("GLOBEX")
    page.locator("#task-form").get_by_role("button", name="Save task").click()
    page.get_by_text("Task GLOBEX-3 created").wait_for()
    assert (made[0]["project"], made[0]["ticket_id"], "order_id" in made[0]) == ("GLOBEX", "t-1", False)


def test_a_developer_attaches_a_file_to_a_task_and_downloads_it(tab, stub, apis):
    from datetime import UTC, datetime

    from helpdesk.tasks.model.task import Task, TaskFile
    from helpdesk.tasks.model.workflow import Workflow
    from helpdesk.tasks.views.tasks import TaskView

    at = datetime(2026, 11, 25, 10, tzinfo=UTC)
    task = Task("task-1", "ACME-1", "ACME", 1, "Export to 1C", "todo", "anna@agency.example", at)
    shown = {"task": task}

    def attach(request: ApiRequest, tid: str) -> tuple[int, dict[str, Any]]:
        [sent] = request.body["attachments"]
        file = TaskFile(
            "tasks/task-1/f1", sent["filename"], sent["content_type"], 15, at, "ada@agency.example"
        )
        shown["task"] = Task(**{**vars(shown["task"]), "attachments": (file,)})
        return 200, TaskView.of(shown["task"], Workflow.default()).model_dump(mode="json")

    stub.route("console", "GET", "/tasks/(?P<tid>[^/]+)",
               lambda r, tid: (200, TaskView.of(shown["task"], Workflow.default()).model_dump(mode="json")),
               first=True)  # fmt: skip
    stub.route("console", "POST", "/tasks/(?P<tid>[^/]+)/attachments", attach, first=True)
    stub.route("console", "GET", "/tasks/(?P<tid>[^/]+)/download",
               lambda r, tid: (200, {"url": stub.url("console", "/downloaded.txt"), "expires_in": 300}),
               first=True)  # fmt: skip
    stub.route("console", "GET", "/projects/ACME", lambda r: (200, PROJECTS[0]), first=True)
    apis.console.me = {**apis.console.me, "sections": [*apis.console.me["sections"], "projects"]}
    page = tab.open("console", "/tasks/task-1", "#task-files-card")
    page.set_input_files(
        "#task-files", files=[{"name": "spec.txt", "mimeType": "text/plain", "buffer": b"CommerceML 2.10"}]
    )
    page.get_by_role("button", name="Upload").click()
    page.wait_for_selector("#task-files-card h2:has-text('Files (1)')")
    (call,) = tab.stub.calls("console", "POST", "/tasks/task-1/attachments")
    assert call.body["attachments"][0]["filename"] == "spec.txt"
    page.route(
        "**/downloaded.txt", lambda route: route.fulfill(body="CommerceML 2.10", content_type="text/plain")
    )
    page.get_by_role("button", name="Download spec.txt").click()
    page.wait_for_url("**/downloaded.txt")
    (asked,) = tab.stub.calls("console", "GET", "/tasks/task-1/download")
    assert asked.query == {"key": "tasks/task-1/f1"}
