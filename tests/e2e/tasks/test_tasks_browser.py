"""Issue 18's manager flow in Chromium on the local stack: a mail opens a ticket; the manager creates a task
from it and assigns a developer with a due date; the developer drags it on the board and logs time; the
customer sees its progress in the cabinet beside the orders; the project statistics page shows it.
Any console error fails the test.
Screenshots: tests/.artifacts, or docs/screenshots with HELPDESK_SCREENSHOTS=1."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.commerce.test_commerce_browser import sign_in
from tests.e2e.tickets.test_issue6_flow_browser import Pages
from tests.e2e.tickets.test_mail_to_ticket import send
from tests.support.local_process import LocalProcess
from tests.support.screenshots import SHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"tasks-{name}.png"), full_page=True)


def test_ticket_to_task_board_time_cabinet_and_stats(local: LocalProcess, chromium: Any) -> None:
    word = f"cart{uuid.uuid4().hex[:6]}"
    key = "T" + uuid.uuid4().hex[:5].upper()
    send(
        local,
        "alice@acme.example",
        f"Cart total wrong ({word})",
        "Hello,\n\nthe cart total ignores the coupon.\n\nAlice",
    )
    anna = local.token("anna@helpdesk.localhost")
    hits = local.wait_for(
        lambda: local.api("console", "GET", f"/search?q={word}", anna)[1]["hits"], timeout=60
    )
    ticket_id = hits[0]["ticket_id"]
    status, _ = local.api(
        "console", "POST", "/projects", anna, {"key": key, "name": "Acme shop", "organisation": "org-acme"}
    )
    assert status == 201
    pages = Pages(chromium, local)

    console = pages.open("console", f"/tickets/{ticket_id}")
    sign_in(console, "anna@helpdesk.localhost")
    console.wait_for_selector("#ticket-title")
    console.click("#create-task")
    console.wait_for_selector("#task-form")
    assert word in console.input_value("#task-title")  # prefilled from the conversation
    assert "coupon" in console.input_value("#task-description")
    console.select_option("#task-project", key)
    console.fill("#task-assignee", "dev@helpdesk.localhost")
    console.fill("#task-due", "2026-12-24")
    console.get_by_role("button", name="Save task").click()
    created = console.wait_for_selector(f"#ticket-tasks li:has-text('{key}-1')")
    assert "dev@helpdesk.localhost" in created.inner_text() and "Todo" in created.inner_text()
    shot(console, "1-ticket-with-task")

    developer = pages.open("console", f"/projects/{key}")
    sign_in(developer, "dev@helpdesk.localhost")
    developer.wait_for_selector(f".board-column[data-status='todo'] .task-card[data-key='{key}-1']")
    developer.drag_and_drop(f".task-card[data-key='{key}-1']", ".board-column[data-status='in_progress']")
    developer.wait_for_selector(f".board-column[data-status='in_progress'] .task-card[data-key='{key}-1']")
    shot(developer, "2-board-moved")
    developer.click(f".task-card[data-key='{key}-1'] a")
    developer.wait_for_selector("#task-title")
    developer.fill("#time-minutes", "45")
    developer.get_by_role("button", name="Log time").click()
    developer.wait_for_selector("text=45 min logged")
    assert "status: todo → in_progress" in developer.text_content("details")
    shot(developer, "3-task-time-logged")

    cabinet = pages.open("cabinet", "/orders")
    sign_in(cabinet, "alice@acme.example")
    row = cabinet.wait_for_selector(f".task-progress[data-key='{key}-1']")
    assert "In progress" in row.inner_text()
    assert (
        cabinet.get_attribute(f".task-progress[data-key='{key}-1'] [role=progressbar]", "aria-valuenow")
        == "33"
    )
    shot(cabinet, "4-cabinet-progress")

    console.goto(pages.url("console", f"/projects/{key}/stats"))
    console.wait_for_selector("svg.chart")
    assert "45 min" in console.inner_text("table")
    open_figure = console.locator(".stat", has_text="Open").inner_text()
    assert open_figure.split()[-1] == "1"
    bars = console.locator("svg[aria-label='Tasks per status'] rect.bar")
    assert [bars.nth(i).get_attribute("data-value") for i in range(bars.count())] == ["0", "1", "0", "0", "0"]
    shot(console, "5-project-stats")
    assert pages.errors == []


def test_the_demo_project_has_a_task_in_every_state(local: LocalProcess, chromium: Any) -> None:
    anna = local.token("anna@helpdesk.localhost")
    status, project = local.api("console", "GET", "/projects/ACME", anna)
    assert status == 200 and project["organisation"] == "org-acme"
    _, tasks = local.api("console", "GET", "/tasks?project=ACME", anna)
    assert {t["status"] for t in tasks["items"]} == {s["name"] for s in project["statuses"]}
    assert [t["key"] for t in tasks["items"] if t["overdue"]] == ["ACME-1"]
    pages = Pages(chromium, local)
    board = pages.open("console", "/projects/ACME")
    sign_in(board, "anna@helpdesk.localhost")
    board.wait_for_selector(".board-column[data-status='cancelled'] .task-card")
    assert board.locator(".task-card").count() == len(tasks["items"])
    shot(board, "6-demo-board")
    assert pages.errors == []
